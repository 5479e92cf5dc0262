package cascade.load;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The kinds of request a load mixes, each with a weight (its share of the requests) and a
 * priority (higher is served first where a service has to choose). Requests carry only their
 * class's index in {@link #classes}.
 *
 * @param seed the class draws' own stream, split from the scenario's seed, so adding classes
 *     shifts no other component's draws
 */
public record RequestClasses(List<RequestClass> classes, long seed) {

  /** One kind of request; {@code name} is how reports show it. */
  public record RequestClass(String name, double weight, int priority) {
    public RequestClass {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a request class needs a name");
      }
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new cascade.runtime.InvalidSetting("weight", "must be a number above 0, but was " + cascade.runtime.InvalidSetting.written(weight));
      }
    }
  }

  /** Every request alike: the tutorial's load. */
  public static final RequestClasses ONE = new RequestClasses(List.of(new RequestClass("default", 1, 0)), 0);

  public RequestClasses {
    classes = List.copyOf(classes);
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("at least one request class is needed");
    }
  }

  /**
   * The class of request {@code requestId}: the {@code requestId}-th draw of the classes' own
   * stream, computed from the id rather than in order, so any generator (open or closed loop)
   * gives every request the same class on every run.
   */
  public int classOf(long requestId) {
    if (classes.size() == 1) {
      return 0;
    }
    double total = 0;
    for (RequestClass c : classes) {
      total += c.weight();
    }
    double u = new SplittableRandom(seed ^ (requestId * 0x9E3779B97F4A7C15L)).nextDouble() * total;
    for (int i = 0; i < classes.size() - 1; i++) {
      u -= classes.get(i).weight();
      if (u < 0) {
        return i;
      }
    }
    return classes.size() - 1;
  }

  /** The priority of class {@code index}; 0 for an index it does not have. */
  public int priorityOf(int index) {
    return index >= 0 && index < classes.size() ? classes.get(index).priority() : 0;
  }

  public List<String> names() {
    return classes.stream().map(RequestClass::name).toList();
  }

  public List<Integer> priorities() {
    return classes.stream().map(RequestClass::priority).toList();
  }
}
