package cascade.policy;

import cascade.policy.OutcomeWindow.Totals;

/**
 * A circuit breaker with a half-open state, modelled on Resilience4j's. It judges the recent calls
 * in a window (the last N calls, or the last N seconds) and opens when their failure rate or slow
 * rate reaches its threshold, or after a run of consecutive failures. While open it refuses every
 * call; after the open period it turns half-open and lets a few trial calls through, which decide
 * whether it closes again or reopens for a longer period.
 *
 * <p>The owning actor asks {@link #tryAcquirePermission} before each call and then reports exactly
 * one of {@link #onResult} (the call was made) or {@link #releasePermission} (it was not).
 *
 * <p>In half-open, any trial that fails or is slow reopens the breaker at once, and
 * {@code successesToClose} trials that are neither close it. The breaker cannot tell a trial
 * from a call it permitted earlier, so a result reported while half-open counts as a trial;
 * results reported while open are ignored, since the breaker has already made up its mind.
 *
 * <p>Plain Java and not thread-safe: one actor owns each instance. Time is passed in, in
 * nanoseconds on any monotonic scale, so tests need no clock.
 */
public final class CircuitBreaker implements Breaker {

  /** Resilience4j's three states. */
  public enum State {
    /** Calls go through and are judged. */
    CLOSED,
    /** Every call is refused until the open period ends. */
    OPEN,
    /** A limited number of trial calls go through; their results decide the next state. */
    HALF_OPEN
  }

  /**
   * What the breaker sees at one moment. The rates are percentages of the window's calls, or -1
   * while it holds fewer than {@code minimumCalls}. While open or half-open the window is
   * the one that opened the breaker (trial calls are counted apart).
   */
  public record Metrics(
      State state,
      double failureRatePercent,
      double slowCallRatePercent,
      int bufferedCalls,
      int failedCalls,
      int slowCalls) {}

  private final CircuitBreakerConfig config;
  private final PolicyEvents events;
  private final OutcomeWindow window;
  private final long slowCallNanos;
  private final long openForNanos;
  private final long maxOpenForNanos;

  private State state = State.CLOSED;
  private int consecutiveFailures;
  /** The length of the current or next open period; grows while trials keep failing. */
  private long openPeriodNanos;
  private long openUntilNanos;
  private int trialPermitsLeft;
  private int trialSuccesses;
  private long timesOpened;
  private long rejectedCalls;

  public CircuitBreaker(CircuitBreakerConfig config, PolicyEvents events) {
    this.config = config;
    this.events = events;
    this.window = OutcomeWindow.of(config.windowType(), config.windowSize());
    this.slowCallNanos = config.slowCallDuration().toNanos();
    this.openForNanos = config.openFor().toNanos();
    this.maxOpenForNanos = config.maxOpenFor().toNanos();
    this.openPeriodNanos = openForNanos;
  }

  /**
   * The state at {@code nowNanos}. An open breaker whose period has ended turns half-open here,
   * and the transition is published with {@code nowNanos}: the moment it was noticed.
   */
  public State state(long nowNanos) {
    if (state == State.OPEN && nowNanos - openUntilNanos >= 0) {
      trialPermitsLeft = config.halfOpenCalls();
      trialSuccesses = 0;
      moveTo(State.HALF_OPEN, nowNanos);
    }
    return state;
  }

  /**
   * Whether a call may go ahead at {@code nowNanos}. A permitted call must later be reported
   * through {@link #onResult} or {@link #releasePermission}. Refusals are counted, not published,
   * to keep the event stream small.
   */
  @Override
  public boolean tryAcquirePermission(long nowNanos) {
    State current = state(nowNanos);
    if (current == State.CLOSED) {
      return true;
    }
    if (current == State.HALF_OPEN && trialPermitsLeft > 0) {
      trialPermitsLeft--;
      return true;
    }
    rejectedCalls++;
    return false;
  }

  /**
   * Records a permitted call that was made and ended with {@code outcome} after
   * {@code durationNanos}. It is a failure if its outcome is in {@code recordAsFailure} (a
   * rejection by the service counts only if listed there), and slow if it took at least
   * {@code slowCallDuration}.
   */
  @Override
  public void onResult(long nowNanos, CallOutcome outcome, long durationNanos) {
    if (durationNanos < 0) {
      throw new IllegalArgumentException("durationNanos must be at least 0, but was " + durationNanos);
    }
    boolean failure = config.recordAsFailure().contains(outcome);
    boolean slow = durationNanos >= slowCallNanos;
    switch (state(nowNanos)) {
      case CLOSED -> recordWhileClosed(nowNanos, failure, slow);
      case HALF_OPEN -> recordTrial(nowNanos, failure, slow);
      case OPEN -> { } // a straggler from before the breaker opened: the decision is made
    }
  }

  /**
   * Gives back a permission for a call that was never made, for example because a later policy
   * refused it. In half-open this returns the trial slot; otherwise there is nothing to give back.
   */
  @Override
  public void releasePermission() {
    if (state == State.HALF_OPEN && trialPermitsLeft < config.halfOpenCalls()) {
      trialPermitsLeft++;
    }
  }

  /**
   * Closes the breaker by hand: the window is emptied and the open period shrinks back to
   * {@code openFor}. Publishes a transition unless it was already closed; an open breaker
   * whose period has ended goes straight to closed, without a half-open step in between.
   */
  public void transitionToClosed(long nowNanos) {
    close(nowNanos);
  }

  /** As {@link #transitionToClosed}, and also zeroes {@link #timesOpened} and {@link #rejectedCalls}. */
  public void reset(long nowNanos) {
    transitionToClosed(nowNanos);
    timesOpened = 0;
    rejectedCalls = 0;
  }

  /** How many times the breaker went to OPEN, from CLOSED or from HALF_OPEN. */
  public long timesOpened() {
    return timesOpened;
  }

  /** How many calls {@link #tryAcquirePermission} refused. */
  public long rejectedCalls() {
    return rejectedCalls;
  }

  public Metrics metrics(long nowNanos) {
    State current = state(nowNanos);
    Totals totals = window.totals(nowNanos);
    boolean judged = totals.calls() >= config.minimumCalls();
    return new Metrics(
        current,
        judged ? percent(totals.failures(), totals.calls()) : -1,
        judged ? percent(totals.slow(), totals.calls()) : -1,
        totals.calls(),
        totals.failures(),
        totals.slow());
  }

  public CircuitBreakerConfig config() {
    return config;
  }

  private void recordWhileClosed(long nowNanos, boolean failure, boolean slow) {
    window.record(nowNanos, failure, slow);
    consecutiveFailures = failure ? consecutiveFailures + 1 : 0;
    if (shouldOpen(nowNanos)) {
      open(nowNanos);
    }
  }

  private boolean shouldOpen(long nowNanos) {
    int runLimit = config.consecutiveFailures();
    if (runLimit > 0 && consecutiveFailures >= runLimit) {
      return true;
    }
    Totals totals = window.totals(nowNanos);
    if (totals.calls() < config.minimumCalls()) {
      return false;
    }
    return percent(totals.failures(), totals.calls()) >= config.failureRateThreshold()
        || percent(totals.slow(), totals.calls()) >= config.slowCallRateThreshold();
  }

  private void recordTrial(long nowNanos, boolean failure, boolean slow) {
    if (failure || slow) {
      // Trials keep failing without the breaker having closed: give the service longer.
      openPeriodNanos = Math.min(maxOpenForNanos,
          (long) (openPeriodNanos * config.openGrowth()));
      open(nowNanos);
    } else if (++trialSuccesses >= config.successesToClose()) {
      close(nowNanos);
    }
  }

  private void open(long nowNanos) {
    openUntilNanos = nowNanos + openPeriodNanos;
    timesOpened++;
    moveTo(State.OPEN, nowNanos);
  }

  private void close(long nowNanos) {
    window.clear();
    consecutiveFailures = 0;
    openPeriodNanos = openForNanos;
    if (state != State.CLOSED) {
      moveTo(State.CLOSED, nowNanos);
    }
  }

  private void moveTo(State to, long nowNanos) {
    State from = state;
    state = to;
    events.publish(PolicyEvent.transition(config.name(), from, to, nowNanos));
  }

  /** The same expression as the tutorial preset's threshold, so equal counts give equal doubles. */
  private static double percent(int part, int whole) {
    return 100.0 * part / whole;
  }
}
