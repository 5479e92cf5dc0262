package cascade.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's accept queue: work waiting for a free slot, served highest priority first and in
 * arrival order within a priority; when it is full, the newest work of the lowest priority is the
 * first to go. With one priority it is a plain FIFO queue. A cancelled entry leaves it at once.
 * Owned by one {@link Admission}.
 *
 * @param <V> what waits
 */
final class AcceptQueue<V> {

  /** Entries by priority, highest first; arrival order within one. */
  private final TreeMap<Integer, LinkedHashMap<AttemptId, V>> byPriority = new TreeMap<>(java.util.Comparator.reverseOrder());
  private final Map<AttemptId, Integer> priorityOf = new HashMap<>();

  int size() {
    return priorityOf.size();
  }

  void add(AttemptId id, int priority, V value) {
    byPriority.computeIfAbsent(priority, p -> new LinkedHashMap<>()).put(id, value);
    priorityOf.put(id, priority);
  }

  /** Removes the entry of {@code id}; null if it is not queued. */
  V remove(AttemptId id) {
    Integer priority = priorityOf.remove(id);
    if (priority == null) {
      return null;
    }
    LinkedHashMap<AttemptId, V> level = byPriority.get(priority);
    V value = level.remove(id);
    if (level.isEmpty()) {
      byPriority.remove(priority);
    }
    return value;
  }

  /** Takes the oldest entry of the highest priority; null when empty. */
  V pollNext() {
    if (byPriority.isEmpty()) {
      return null;
    }
    Iterator<Map.Entry<AttemptId, V>> first = byPriority.firstEntry().getValue().entrySet().iterator();
    return remove(first.next().getKey());
  }

  /** The lowest priority queued; only asked when something is. */
  int lowestPriority() {
    return byPriority.lastKey();
  }

  /** Takes the newest entry of the lowest priority: the one to shed for more important work. */
  V pollLeastImportant() {
    AttemptId newest = null;
    for (AttemptId id : byPriority.lastEntry().getValue().keySet()) {
      newest = id;
    }
    return remove(newest);
  }

  /** How many entries would be served before a new one of {@code priority}: those of at least its priority. */
  int ahead(int priority) {
    int ahead = 0;
    for (Map.Entry<Integer, LinkedHashMap<AttemptId, V>> level : byPriority.headMap(priority, true).entrySet()) {
      ahead += level.getValue().size();
    }
    return ahead;
  }

  /** Everything queued, highest priority first. */
  Collection<V> values() {
    List<V> all = new ArrayList<>(size());
    byPriority.values().forEach(level -> all.addAll(level.values()));
    return all;
  }

  void clear() {
    byPriority.clear();
    priorityOf.clear();
  }
}
