package cascade.service;

import cascade.runtime.InvalidSetting;
import java.util.List;

/**
 * Server-side load shedding: how much work a service accepts before it refuses more. A service
 * instance's {@link Admission} applies it.
 *
 * <p>With {@code maxConcurrent} above 0 the service serves at most that many attempts at once;
 * later arrivals wait in an accept queue of {@code queueCapacity} places, and an arrival that
 * finds it full is rejected at once. With {@code shedUnmeetableDeadlines}, an arrival whose
 * expected queue wait already exceeds the time its caller will wait is rejected at once too:
 * serving it would only burn capacity on an answer nobody reads. Work whose caller's budget ran
 * out while it queued is dropped when it reaches the head of the queue, for the same reason.
 *
 * <p>With request classes of different priorities the queue serves higher priorities first, and
 * a full queue makes room for an arrival by shedding queued work of a lower priority (the newest
 * first): under overload the least important work is the first refused.
 *
 * @param maxConcurrent           attempts served at once; 0 means no limit (the tutorial's service)
 * @param queueCapacity           attempts that may wait for a free slot
 * @param shedUnmeetableDeadlines reject arrivals whose expected wait exceeds their caller's budget
 * @param priorities              the priority of each request class, by class index; empty: all 0
 */
public record LoadShedding(int maxConcurrent, int queueCapacity, boolean shedUnmeetableDeadlines, List<Integer> priorities) {

  /** The tutorial's service: accepts everything. */
  public static final LoadShedding NONE = new LoadShedding(0, 0, false);

  /** Shedding for a load whose requests are all alike. */
  public LoadShedding(int maxConcurrent, int queueCapacity, boolean shedUnmeetableDeadlines) {
    this(maxConcurrent, queueCapacity, shedUnmeetableDeadlines, List.of());
  }

  public LoadShedding {
    if (maxConcurrent < 0) {
      throw new InvalidSetting("maxConcurrent", "must be at least 0, but was " + maxConcurrent);
    }
    if (queueCapacity < 0) {
      throw new InvalidSetting("queueCapacity", "must be at least 0, but was " + queueCapacity);
    }
    priorities = List.copyOf(priorities);
  }

  /**
   * The same shedding for a load of request classes: {@code priorities} by class index. The
   * classes are the traffic section's, so they are attached when a run is composed.
   */
  public LoadShedding withPriorities(List<Integer> priorities) {
    return new LoadShedding(maxConcurrent, queueCapacity, shedUnmeetableDeadlines, priorities);
  }

  public boolean limitsConcurrency() {
    return maxConcurrent > 0;
  }

  /** The priority of request class {@code requestClass}; 0 for a class it was not told of. */
  public int priorityOf(int requestClass) {
    return requestClass >= 0 && requestClass < priorities.size() ? priorities.get(requestClass) : 0;
  }
}
