package cascade.policy;

import java.time.Duration;

/**
 * The seed tutorial's circuit breaker: it remembers the last {@code window} outcomes and, once
 * the window is full and holds at least {@code failureThreshold} failures, refuses every call for
 * {@code openFor}.
 *
 * <p>Like the tutorial it has no half-open state: when the open period ends it lets calls through
 * again, and a single further failure (the window still holds the old failures) opens it again.
 * That is the behaviour being studied; the richer breaker is a separate policy.
 *
 * <p>Plain Java and not thread-safe: one actor owns each instance. Time is passed in, in
 * nanoseconds on any monotonic scale, so tests need no clock.
 */
public final class SlidingWindowBreaker implements Breaker {

  public static final int DEFAULT_WINDOW = 20;
  public static final int DEFAULT_FAILURE_THRESHOLD = 8;
  public static final Duration DEFAULT_OPEN_FOR = Duration.ofMillis(500);

  private final int window;
  private final int failureThreshold;
  private final long openForNanos;

  /** Ring of the last outcomes: true means a failure. */
  private final boolean[] outcomes;
  private int recorded;
  private int next;
  private int failuresInWindow;
  private long openUntilNanos;
  private boolean everOpened;
  private long timesOpened;

  public SlidingWindowBreaker(int window, int failureThreshold, Duration openFor) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, but was " + window);
    }
    if (failureThreshold < 1 || failureThreshold > window) {
      throw new IllegalArgumentException(
          "failureThreshold must be in [1, " + window + "], but was " + failureThreshold);
    }
    if (openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException("openFor must be above 0, but was " + openFor);
    }
    this.window = window;
    this.failureThreshold = failureThreshold;
    this.openForNanos = openFor.toNanos();
    this.outcomes = new boolean[window];
  }

  public static SlidingWindowBreaker tutorialDefaults() {
    return new SlidingWindowBreaker(DEFAULT_WINDOW, DEFAULT_FAILURE_THRESHOLD, DEFAULT_OPEN_FOR);
  }

  /** Whether a call may go ahead at {@code nowNanos}. */
  @Override
  public boolean tryAcquirePermission(long nowNanos) {
    return !isOpen(nowNanos);
  }

  public boolean isOpen(long nowNanos) {
    return everOpened && nowNanos - openUntilNanos < 0;
  }

  /** Any outcome but success counts as a failure, as in the tutorial. */
  @Override
  public void onResult(long nowNanos, CallOutcome outcome, long durationNanos) {
    if (outcome == CallOutcome.SUCCESS) {
      onSuccess(nowNanos);
    } else {
      onFailure(nowNanos);
    }
  }

  /** The tutorial's breaker keeps no permits: nothing to give back. */
  @Override
  public void releasePermission() {}

  public void onSuccess(long nowNanos) {
    record(false, nowNanos);
  }

  public void onFailure(long nowNanos) {
    record(true, nowNanos);
  }

  /** How many times the breaker went from letting calls through to refusing them. */
  public long timesOpened() {
    return timesOpened;
  }

  private void record(boolean failure, long nowNanos) {
    if (recorded == window && outcomes[next]) {
      failuresInWindow--;
    }
    outcomes[next] = failure;
    if (failure) {
      failuresInWindow++;
    }
    next = (next + 1) % window;
    recorded = Math.min(window, recorded + 1);
    if (recorded == window && failuresInWindow >= failureThreshold) {
      if (!isOpen(nowNanos)) {
        timesOpened++;
      }
      // As in the tutorial, every outcome recorded while the condition holds extends the open period.
      openUntilNanos = nowNanos + openForNanos;
      everOpened = true;
    }
  }
}
