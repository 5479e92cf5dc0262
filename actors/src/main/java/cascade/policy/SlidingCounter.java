package cascade.policy;

/**
 * Counts events over a sliding time window in constant memory: the window is cut into a fixed
 * number of buckets, each remembering which slice of time it counts. A bucket whose slice has left
 * the window is reused, so the count is exact to within one bucket's width.
 *
 * <p>Shared by the retry budget and the adaptive throttle. Not thread-safe; time is passed in.
 */
final class SlidingCounter {

  private final long bucketNanos;
  private final long[] slices;
  private final long[] counts;
  private boolean started;
  private long origin;

  SlidingCounter(long windowNanos, int buckets) {
    if (windowNanos <= 0 || buckets < 1) {
      throw new IllegalArgumentException("window and buckets must be above 0");
    }
    this.bucketNanos = Math.max(1, windowNanos / buckets);
    this.slices = new long[buckets];
    this.counts = new long[buckets];
  }

  void add(long nowNanos, long amount) {
    long slice = sliceOf(nowNanos);
    int index = (int) Math.floorMod(slice, (long) slices.length);
    if (slices[index] != slice) {
      slices[index] = slice;
      counts[index] = 0;
    }
    counts[index] += amount;
  }

  /** Events counted in the window that ends now. */
  long sum(long nowNanos) {
    long current = sliceOf(nowNanos);
    long total = 0;
    for (int i = 0; i < slices.length; i++) {
      if (counts[i] != 0 && current - slices[i] < slices.length && current - slices[i] >= 0) {
        total += counts[i];
      }
    }
    return total;
  }

  /** Slices are counted from the first time seen, so that only differences of times are used. */
  private long sliceOf(long nowNanos) {
    if (!started) {
      started = true;
      origin = nowNanos;
    }
    return Math.floorDiv(nowNanos - origin, bucketNanos);
  }
}
