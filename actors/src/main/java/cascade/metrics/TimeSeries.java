package cascade.metrics;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What happened in each interval of a run (100 ms by default): requests offered and completed by
 * outcome, attempts, retries, requests in flight, and the end-to-end latency of the requests that
 * completed in the interval. Events are counted in the interval in which the recorder sees them;
 * offered requests come from the arrival schedule for an open loop (it is what was sent), and are
 * counted as they are sent for a closed loop.
 *
 * <p>Memory grows with the length of the run (one small row per interval), not with the number
 * of requests: only the open interval has a histogram, and it is reused.
 */
public final class TimeSeries {

  /**
   * One interval. Latencies are in milliseconds, null when no request completed in it;
   * {@code e2e} is the interval's end-to-end latency histogram in microseconds (for the interval
   * log), null when no request completed in it.
   */
  public record Row(
      double startMs,
      long offered,
      long completed,
      long succeeded,
      long failed,
      long rejected,
      long dropped,
      long deadLettered,
      long attempts,
      long retries,
      long inFlight,
      Double p50Ms,
      Double p99Ms,
      String breaker,
      EncodedHistogram e2e) {

    /** An interval without its histogram. */
    public Row(
        double startMs, long offered, long completed, long succeeded, long failed, long rejected, long dropped,
        long deadLettered, long attempts, long retries, long inFlight, Double p50Ms, Double p99Ms, String breaker) {
      this(startMs, offered, completed, succeeded, failed, rejected, dropped, deadLettered, attempts, retries, inFlight, p50Ms, p99Ms, breaker, null);
    }
  }

  public static final long DEFAULT_INTERVAL_NANOS = 100_000_000L;

  private final long startNanos;
  private final long intervalNanos;
  /** End-to-end latencies of the open interval, in microseconds, up to one hour. */
  private final Histogram latencies = new Histogram(3_600_000_000L, 2);
  private final List<long[]> counts = new ArrayList<>();
  private final List<Double[]> percentiles = new ArrayList<>();
  /** Each closed interval's latencies, compressed: a few hundred bytes per interval with requests. */
  private final List<EncodedHistogram> histograms = new ArrayList<>();
  private final List<String> breakers = new ArrayList<>();
  private long index;
  private long attempts;
  private long retries;
  /** Requests sent, when the load generator reports them (closed loop). */
  private long offered;
  private final long[] outcomes = new long[Outcome.values().length];
  private String breaker = "-";

  public TimeSeries(long startNanos, long intervalNanos) {
    this.startNanos = startNanos;
    this.intervalNanos = intervalNanos;
  }

  public void attempt(long nowNanos) {
    advanceTo(nowNanos);
    attempts++;
  }

  public void retry(long nowNanos) {
    advanceTo(nowNanos);
    retries++;
  }

  /** A request was sent: for loads without a schedule to say what was offered (closed loop). */
  public void offered(long nowNanos) {
    advanceTo(nowNanos);
    offered++;
  }

  /** Requests reported sent in interval {@code i}, once {@link #finish} has closed it. */
  public long offeredIn(long i) {
    return counts.get((int) i)[7];
  }

  public void completed(long nowNanos, Outcome outcome, long endToEndNanos) {
    advanceTo(nowNanos);
    outcomes[outcome.ordinal()]++;
    latencies.recordValue(Math.min(Math.max(0, endToEndNanos / 1_000), latencies.getHighestTrackableValue()));
  }

  /**
   * Adds attempts and retries counted on another node to interval {@code interval}, which may
   * already be closed: a node ships its counts a little after they happened.
   */
  public void addCounted(long interval, long attemptsIn, long retriesIn) {
    // An interval ahead of the open one (a node whose clock runs a little ahead) counts in the open
    // one: a shipment must not move this series' time, or a skewed clock could open millions of rows.
    if (interval >= 0 && interval < index) {
      long[] row = counts.get((int) interval);
      row[5] += attemptsIn;
      row[6] += retriesIn;
    } else {
      attempts += attemptsIn;
      retries += retriesIn;
    }
  }

  /** The breaker's state from now on (the last transition's target), as its events name it. */
  public void breaker(long nowNanos, String state) {
    advanceTo(nowNanos);
    breaker = state;
  }

  /** The breaker's state after its last transition, or {@code -} when none has changed state. */
  public String breakerNow() {
    return breaker;
  }

  /**
   * Closes the open interval and returns every row. {@code offeredIn} says how many requests the
   * arrival schedule offered in interval {@code i}.
   */
  public List<Row> finish(long nowNanos, java.util.function.LongUnaryOperator offeredIn) {
    advanceTo(nowNanos);
    closeInterval();
    List<Row> rows = new ArrayList<>(counts.size());
    long offeredSoFar = 0;
    long completedSoFar = 0;
    for (int i = 0; i < counts.size(); i++) {
      long[] c = counts.get(i);
      long offered = offeredIn.applyAsLong(i);
      long completed = c[0] + c[1] + c[2] + c[3] + c[4];
      offeredSoFar += offered;
      completedSoFar += completed;
      rows.add(
          new Row(
              i * intervalNanos / 1e6, offered, completed, c[0], c[1], c[2], c[3], c[4], c[5], c[6],
              offeredSoFar - completedSoFar, percentiles.get(i)[0], percentiles.get(i)[1], breakers.get(i),
              histograms.get(i)));
    }
    return rows;
  }

  /** Length of one interval, to map arrival times onto rows. */
  public long intervalNanos() {
    return intervalNanos;
  }

  private void advanceTo(long nowNanos) {
    long target = Math.max(0, (nowNanos - startNanos) / intervalNanos);
    while (index < target) {
      closeInterval();
    }
  }

  private void closeInterval() {
    boolean any = latencies.getTotalCount() > 0;
    counts.add(
        new long[] {
          outcomes[Outcome.SUCCEEDED.ordinal()],
          outcomes[Outcome.FAILED.ordinal()],
          outcomes[Outcome.REJECTED.ordinal()],
          outcomes[Outcome.DROPPED.ordinal()],
          outcomes[Outcome.DEAD_LETTERED.ordinal()],
          attempts,
          retries,
          offered
        });
    percentiles.add(
        new Double[] {
          any ? latencies.getValueAtPercentile(50) / 1_000.0 : null,
          any ? latencies.getValueAtPercentile(99) / 1_000.0 : null
        });
    breakers.add(breaker);
    histograms.add(any ? EncodedHistogram.of(latencies) : null);
    index++;
    attempts = 0;
    retries = 0;
    offered = 0;
    java.util.Arrays.fill(outcomes, 0);
    latencies.reset();
  }
}
