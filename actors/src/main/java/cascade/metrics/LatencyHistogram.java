package cascade.metrics;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution in constant memory: values are kept in microseconds with three
 * significant digits, from 1 µs to one hour, whatever the number of requests.
 */
public final class LatencyHistogram {

  private static final long HIGHEST_MICROS = 3_600_000_000L;

  private final Histogram histogram = emptyHistogram();

  /** A histogram with this class's range and precision, for whoever ships one between nodes. */
  static Histogram emptyHistogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  /** Records {@code nanos} into {@code histogram} the way this class does: micros, capped. */
  static void record(Histogram histogram, long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
  }

  public void recordNanos(long nanos) {
    record(histogram, nanos);
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** The value at {@code percentile} (0–100) in milliseconds, or null when nothing was recorded. */
  public Double percentileMillis(double percentile) {
    // The middle of the bucket, not its top: halves the rounding bias of a bucketed percentile.
    return count() == 0 ? null : histogram.medianEquivalentValue(histogram.getValueAtPercentile(percentile)) / 1_000.0;
  }

  public Double meanMillis() {
    return count() == 0 ? null : histogram.getMean() / 1_000.0;
  }

  public Double maxMillis() {
    return count() == 0 ? null : histogram.getMaxValue() / 1_000.0;
  }

  public Double minMillis() {
    return count() == 0 ? null : histogram.getMinValue() / 1_000.0;
  }

  public Double stdDeviationMillis() {
    return count() == 0 ? null : histogram.getStdDeviation() / 1_000.0;
  }

  /** A copy that later recordings into this one do not change. */
  public LatencyHistogram copy() {
    LatencyHistogram copy = new LatencyHistogram();
    copy.histogram.add(histogram);
    return copy;
  }

  /**
   * HdrHistogram's percentile distribution ({@code .hgrm}) in milliseconds, the format its plotter
   * and other tools read: one row per percentile step, then mean, deviation, max and count.
   */
  public String percentileDistribution() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)) {
      // 5 ticks per half distance is HdrHistogram's own default; the scaling turns microseconds into ms.
      histogram.outputPercentileDistribution(out, 5, 1_000.0);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Adds another histogram's values to this one (to merge the recorders of several nodes). */
  public void add(LatencyHistogram other) {
    histogram.add(other.histogram);
  }

  /** Adds values recorded elsewhere (a node's shipment) with {@link #record}. */
  void add(Histogram other) {
    histogram.add(other);
  }
}
