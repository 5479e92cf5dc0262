package cascade.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Outcomes and end-to-end latency per request class, in memory that grows with the number of
 * classes (a counter per outcome and a histogram each), not with the number of requests.
 */
public final class ClassTally {

  /** What one class's requests came to. */
  public static final class Tally {
    private final long[] outcomes = new long[Outcome.values().length];
    private final LatencyHistogram endToEnd = new LatencyHistogram();

    public long requests() {
      long sum = 0;
      for (long count : outcomes) {
        sum += count;
      }
      return sum;
    }

    public Map<Outcome, Long> outcomes() {
      Map<Outcome, Long> map = new EnumMap<>(Outcome.class);
      for (Outcome outcome : Outcome.values()) {
        map.put(outcome, outcomes[outcome.ordinal()]);
      }
      return map;
    }

    public LatencyHistogram endToEnd() {
      return endToEnd;
    }
  }

  private final List<Tally> classes = new ArrayList<>();

  void ended(int requestClass, Outcome outcome, long endToEndNanos) {
    while (classes.size() <= requestClass) {
      classes.add(new Tally());
    }
    Tally tally = classes.get(requestClass);
    tally.outcomes[outcome.ordinal()]++;
    tally.endToEnd.recordNanos(endToEndNanos);
  }

  /** The tally of class {@code index}, empty if none of its requests ended. */
  public Tally of(int index) {
    return index < classes.size() ? classes.get(index) : new Tally();
  }
}
