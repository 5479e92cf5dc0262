package cascade.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * One topology tier's counts per interval of the run (100 ms by default): attempts it received,
 * how it answered them, what it had in flight, and what it sent downstream. Read beside the run's
 * own time series, it shows where in a chain a storm starts and how far it spreads.
 *
 * <p>Memory grows with the length of the run (a row of six counters per interval), not with the
 * number of requests. Not thread-safe: one actor owns it.
 */
public final class TierSeries {

  /** One interval; {@code inFlight} is what the tier held at its end. */
  public record Row(double startMs, long received, long succeeded, long failed, long inFlight, long attemptsOut, long retriesOut) {}

  private static final int RECEIVED = 0;
  private static final int SUCCEEDED = 1;
  private static final int FAILED = 2;
  private static final int ATTEMPTS_OUT = 3;
  private static final int RETRIES_OUT = 4;

  private final long startNanos;
  private final long intervalNanos;
  private final List<long[]> counts = new ArrayList<>();

  public TierSeries(long startNanos, long intervalNanos) {
    this.startNanos = startNanos;
    this.intervalNanos = intervalNanos;
  }

  public void received(long nowNanos) {
    at(nowNanos)[RECEIVED]++;
  }

  public void answered(long nowNanos, boolean succeeded) {
    at(nowNanos)[succeeded ? SUCCEEDED : FAILED]++;
  }

  public void attemptOut(long nowNanos) {
    at(nowNanos)[ATTEMPTS_OUT]++;
  }

  public void retryOut(long nowNanos) {
    at(nowNanos)[RETRIES_OUT]++;
  }

  public List<Row> rows() {
    List<Row> rows = new ArrayList<>(counts.size());
    long inFlight = 0;
    for (int i = 0; i < counts.size(); i++) {
      long[] c = counts.get(i);
      inFlight += c[RECEIVED] - c[SUCCEEDED] - c[FAILED];
      rows.add(new Row(i * intervalNanos / 1e6, c[RECEIVED], c[SUCCEEDED], c[FAILED], inFlight, c[ATTEMPTS_OUT], c[RETRIES_OUT]));
    }
    return rows;
  }

  /** The intervals that counted something, by index: received, succeeded, failed, attempts out, retries out. */
  public java.util.Map<Long, List<Long>> byInterval() {
    java.util.Map<Long, List<Long>> intervals = new java.util.TreeMap<>();
    for (int i = 0; i < counts.size(); i++) {
      long[] c = counts.get(i);
      if (java.util.Arrays.stream(c).anyMatch(n -> n != 0)) {
        intervals.put((long) i, java.util.Arrays.stream(c).boxed().toList());
      }
    }
    return intervals;
  }

  /** Adds counts of interval {@code index} in the form {@link #byInterval()} gives them (counted on another node). */
  public void add(long index, List<Long> shipped) {
    while (counts.size() <= index) {
      counts.add(new long[5]);
    }
    long[] c = counts.get((int) index);
    for (int i = 0; i < c.length; i++) {
      c[i] += shipped.get(i);
    }
  }

  private long[] at(long nowNanos) {
    int index = (int) Math.max(0, (nowNanos - startNanos) / intervalNanos);
    while (counts.size() <= index) {
      counts.add(new long[5]);
    }
    return counts.get(index);
  }
}
