package cascade.policy;

/**
 * The calls of the last {@code seconds} whole seconds, counted in one bucket per second, so memory
 * is bounded by the window's length however many calls arrive.
 *
 * <p>Seconds are counted from the first time the window sees, not from the clock's origin, because
 * the monotonic clock may start anywhere (even near overflow); only differences of times are used.
 * The window at second {@code c} holds seconds {@code c - seconds + 1} to {@code c}.
 */
final class TimeWindow implements OutcomeWindow {

  private static final long SECOND_NANOS = 1_000_000_000L;

  /** One second's calls. {@code second} says which second the bucket currently holds. */
  private static final class Bucket {
    long second;
    int calls;
    int failures;
    int slow;
  }

  private final Bucket[] buckets;
  private boolean started;
  private long originNanos;
  private long latestSecond;
  private int calls;
  private int failures;
  private int slow;

  TimeWindow(int seconds) {
    buckets = new Bucket[seconds];
    // Before the first call the window ends at second 0, so its buckets hold the seconds up to 0.
    for (long second = 1 - seconds; second <= 0; second++) {
      Bucket bucket = new Bucket();
      bucket.second = second;
      buckets[indexOf(second)] = bucket;
    }
  }

  @Override
  public void record(long nowNanos, boolean failure, boolean slowCall) {
    long second = secondOf(nowNanos);
    advanceTo(second);
    Bucket bucket = buckets[indexOf(second)];
    if (bucket.second != second) {
      return; // a late report from a second that has already left the window
    }
    int failed = failure ? 1 : 0;
    int slowed = slowCall ? 1 : 0;
    bucket.calls++;
    bucket.failures += failed;
    bucket.slow += slowed;
    calls++;
    failures += failed;
    slow += slowed;
  }

  @Override
  public Totals totals(long nowNanos) {
    advanceTo(secondOf(nowNanos));
    return new Totals(calls, failures, slow);
  }

  @Override
  public void clear() {
    for (Bucket bucket : buckets) {
      empty(bucket);
    }
  }

  private long secondOf(long nowNanos) {
    if (!started) {
      started = true;
      originNanos = nowNanos;
    }
    return Math.floorDiv(nowNanos - originNanos, SECOND_NANOS);
  }

  /** Moves the window's end to {@code second}, emptying the buckets of the seconds that left it. */
  private void advanceTo(long second) {
    long elapsed = second - latestSecond;
    if (elapsed <= 0) {
      return;
    }
    // After a gap longer than the window every bucket is stale: visit each once, not once per second.
    long firstNew = second - Math.min(elapsed, buckets.length) + 1;
    for (long reused = firstNew; reused <= second; reused++) {
      Bucket bucket = buckets[indexOf(reused)];
      empty(bucket);
      bucket.second = reused;
    }
    latestSecond = second;
  }

  private void empty(Bucket bucket) {
    calls -= bucket.calls;
    failures -= bucket.failures;
    slow -= bucket.slow;
    bucket.calls = 0;
    bucket.failures = 0;
    bucket.slow = 0;
  }

  private int indexOf(long second) {
    return (int) Math.floorMod(second, (long) buckets.length);
  }
}
