package cascade.metrics;

import java.util.Arrays;

/**
 * The busiest short interval of something that happens many times in a run (retries sent, say):
 * events are counted per interval since the start of the run, and the largest count is the peak.
 * Jitter exists to lower exactly this number, so it is worth reporting.
 *
 * <p>Memory grows with the length of the run, not with the number of events: one counter per
 * interval, and at most one hour of them.
 */
public final class PeakRate {

  private static final long MAX_SPAN_NANOS = 3_600_000_000_000L;

  private final long startNanos;
  private final long intervalNanos;
  private int[] counts = new int[64];

  public PeakRate(long startNanos, long intervalNanos) {
    this.startNanos = startNanos;
    this.intervalNanos = intervalNanos;
  }

  public void record(long atNanos) {
    long offset = atNanos - startNanos;
    if (offset < 0 || offset >= MAX_SPAN_NANOS) {
      return;
    }
    add(offset / intervalNanos, 1);
  }

  /** Adds {@code count} events to interval {@code index} (counted elsewhere, on another node). */
  public void add(long index, long count) {
    if (index < 0 || index >= MAX_SPAN_NANOS / intervalNanos) {
      return;
    }
    int i = (int) index;
    if (i >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(i + 1, counts.length * 2));
    }
    counts[i] += (int) count;
  }

  /** The most events in one interval. */
  public int peak() {
    int peak = 0;
    for (int count : counts) {
      peak = Math.max(peak, count);
    }
    return peak;
  }
}
