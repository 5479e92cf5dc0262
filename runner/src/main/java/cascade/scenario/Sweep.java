package cascade.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scenario.sweep}: one or two keys and the values each takes. A sweep run covers every
 * point (every combination of the keys' values, the first key outermost) for every architecture
 * or variant; each point is the scenario with its values set as {@code --set key=value} would set
 * them. Without {@code scenario.sweep} there are no axes and the run is as it always was.
 *
 * @param axes the swept keys in the order the file gives them; empty for no sweep
 */
public record Sweep(List<Axis> axes) {

  /** No sweep. */
  public static final Sweep NONE = new Sweep(List.of());

  public Sweep {
    axes = List.copyOf(axes);
  }

  /**
   * One swept key.
   *
   * @param key    the full key path, like {@code service.failure-probability}
   * @param values what it takes, in order: {@link Long} or {@link Double} for a numeric key, else
   *               the value as written ({@link String} or {@link Boolean})
   * @param where  where the sweep names it ("file:line"), for messages about its points
   */
  public record Axis(String key, List<Object> values, String where) {
    public Axis {
      values = List.copyOf(values);
    }

    /** The key's last segment, how names and tables show it: {@code failure-probability}. */
    public String shortKey() {
      return key.substring(key.lastIndexOf('.') + 1);
    }
  }

  /**
   * One point of a sweep: a value for each swept key, in the sweep's order.
   *
   * @param where where the sweep is written, for messages about this point
   */
  public record Point(Map<String, Object> values, String where) {
    public Point {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** How result names show the point: {@code failure-probability=0.5, timeout=80ms}. */
    public String label() {
      List<String> parts = new ArrayList<>();
      values.forEach((key, value) -> parts.add(key.substring(key.lastIndexOf('.') + 1) + "=" + show(value)));
      return String.join(", ", parts);
    }
  }

  public boolean on() {
    return !axes.isEmpty();
  }

  /** The full key paths, in order. */
  public List<String> keys() {
    return axes.stream().map(Axis::key).toList();
  }

  /** Every point, the first key's values outermost; empty without a sweep. */
  public List<Point> points() {
    if (!on()) {
      return List.of();
    }
    List<Map<String, Object>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Axis axis : axes) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> combo : combos) {
        for (Object value : axis.values()) {
          Map<String, Object> more = new LinkedHashMap<>(combo);
          more.put(axis.key(), value);
          next.add(more);
        }
      }
      combos = next;
    }
    String where = axes.get(0).where();
    return combos.stream().map(values -> new Point(values, where)).toList();
  }

  /** A value as a person writes it: 0.5, 1, 120ms (no 1.0, no 0.30000000000000004). */
  public static String show(Object value) {
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }
}
