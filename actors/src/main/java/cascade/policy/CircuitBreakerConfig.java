package cascade.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link CircuitBreaker} judges the downstream service. The settings and their defaults
 * follow Resilience4j's breaker, so a reader who knows that one knows this one; build one with
 * {@link #builder()}.
 *
 * @param name                         the policy name on the breaker's {@link PolicyEvent}s
 * @param windowType                   whether the window holds the last N calls or the last N seconds
 * @param windowSize                   N: calls for {@link WindowType#COUNT_BASED}, seconds for
 *                                     {@link WindowType#TIME_BASED}
 * @param minimumNumberOfCalls         calls the window must hold before its rates are judged; for a
 *                                     count-based window it is capped at {@code windowSize}, since
 *                                     more could never be reached
 * @param failureRateThreshold         percent in (0, 100]; the breaker opens when the failure rate
 *                                     is at or above it
 * @param consecutiveFailuresThreshold the breaker opens after this many failures in a row, however
 *                                     few calls the window holds; 0 turns the rule off
 * @param slowCallRateThreshold        percent in (0, 100]; the breaker opens when the rate of slow
 *                                     calls is at or above it
 * @param slowCallDuration             a call that took at least this long is slow
 * @param recordAsFailure              the outcomes counted as failures; every other outcome counts
 *                                     as a success, as in Resilience4j. Never holds SUCCESS.
 * @param waitInOpen                   how long the breaker first stays open
 * @param openBackoffMultiplier        at least 1: each time a trial fails and the breaker opens
 *                                     again without having closed, the open period is multiplied by it
 * @param maxWaitInOpen                the longest open period the multiplier may reach
 * @param permittedCallsInHalfOpen     how many trial calls the half-open breaker lets through
 * @param successesToClose             how many successful trials close the breaker, in
 *                                     [1, permittedCallsInHalfOpen]
 */
public record CircuitBreakerConfig(
    String name,
    WindowType windowType,
    int windowSize,
    int minimumNumberOfCalls,
    double failureRateThreshold,
    int consecutiveFailuresThreshold,
    double slowCallRateThreshold,
    Duration slowCallDuration,
    Set<CallOutcome> recordAsFailure,
    Duration waitInOpen,
    double openBackoffMultiplier,
    Duration maxWaitInOpen,
    int permittedCallsInHalfOpen,
    int successesToClose) {

  /** Which recent calls the rates are computed over. */
  public enum WindowType {
    /** The last {@code windowSize} calls, however old. */
    COUNT_BASED,
    /** The calls of the last {@code windowSize} seconds, however many. */
    TIME_BASED
  }

  public static final String DEFAULT_NAME = "breaker";
  public static final WindowType DEFAULT_WINDOW_TYPE = WindowType.COUNT_BASED;
  public static final int DEFAULT_WINDOW_SIZE = 100;
  public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 100;
  public static final double DEFAULT_FAILURE_RATE_THRESHOLD = 50;
  /** Off: only the rates open the breaker. */
  public static final int DEFAULT_CONSECUTIVE_FAILURES_THRESHOLD = 0;
  /** Only when every call in the window is slow. */
  public static final double DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100;
  public static final Duration DEFAULT_SLOW_CALL_DURATION = Duration.ofSeconds(60);
  /** A rejection is left out because a service shedding load is protecting itself, not failing. */
  public static final Set<CallOutcome> DEFAULT_RECORD_AS_FAILURE =
      Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT);
  public static final Duration DEFAULT_WAIT_IN_OPEN = Duration.ofSeconds(60);
  /** No growth: every open period lasts {@code waitInOpen}. */
  public static final double DEFAULT_OPEN_BACKOFF_MULTIPLIER = 1;
  public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN = 10;

  /** The longest duration a breaker can count in nanoseconds, about 292 years. */
  private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

  public CircuitBreakerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(windowType, "windowType");
    Objects.requireNonNull(recordAsFailure, "recordAsFailure");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    requireAtLeast("windowSize", windowSize, 1);
    requireAtLeast("minimumNumberOfCalls", minimumNumberOfCalls, 1);
    if (windowType == WindowType.COUNT_BASED) {
      minimumNumberOfCalls = Math.min(minimumNumberOfCalls, windowSize);
    }
    requirePercent("failureRateThreshold", failureRateThreshold);
    requireAtLeast("consecutiveFailuresThreshold", consecutiveFailuresThreshold, 0);
    requirePercent("slowCallRateThreshold", slowCallRateThreshold);
    requirePositive("slowCallDuration", slowCallDuration);
    if (recordAsFailure.contains(CallOutcome.SUCCESS)) {
      throw new IllegalArgumentException("recordAsFailure must not contain SUCCESS");
    }
    recordAsFailure = Set.copyOf(recordAsFailure);
    requirePositive("waitInOpen", waitInOpen);
    if (!(openBackoffMultiplier >= 1 && Double.isFinite(openBackoffMultiplier))) {
      throw new IllegalArgumentException(
          "openBackoffMultiplier must be at least 1 and finite, but was " + openBackoffMultiplier);
    }
    requirePositive("maxWaitInOpen", maxWaitInOpen);
    if (maxWaitInOpen.compareTo(waitInOpen) < 0) {
      throw new IllegalArgumentException(
          "maxWaitInOpen must be at least waitInOpen (" + waitInOpen + "), but was " + maxWaitInOpen);
    }
    requireAtLeast("permittedCallsInHalfOpen", permittedCallsInHalfOpen, 1);
    if (successesToClose < 1 || successesToClose > permittedCallsInHalfOpen) {
      throw new IllegalArgumentException("successesToClose must be in [1, " + permittedCallsInHalfOpen
          + "], but was " + successesToClose);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every setting at its default. */
  public static CircuitBreakerConfig defaults() {
    return builder().build();
  }

  /**
   * The seed tutorial's breaker ({@link SlidingWindowBreaker}) as closely as this state machine
   * allows: the last {@code window} calls, judged only once {@code window} calls are in, open at
   * {@code failures} failures among them, open for {@code openFor} every time, and no slow-call
   * rule (the seed has none).
   *
   * <p>Where it must differ, because the seed has no half-open state:
   * <ul>
   *   <li>When the seed's open period ends, every call goes through. Here the breaker turns
   *       half-open and lets through up to {@code window} trial calls: one window's worth, enough
   *       for a burst like the seed's yet bounded. The rest are refused until a trial reports.
   *   <li>The seed keeps its old failures, so after the open period a single further failure opens
   *       it again. Here any failed trial opens it again at once, which is the same; but the first
   *       successful trial ({@code successesToClose = 1}) closes it with an empty window, which
   *       then needs {@code window} fresh calls before it can open again. The seed, still holding
   *       its old failures, would open again on the next failure even after successes.
   *   <li>The seed extends its open period with every outcome recorded while its window is bad.
   *       Here outcomes that arrive while open are ignored, so an open period lasts exactly
   *       {@code openFor}.
   * </ul>
   */
  public static CircuitBreakerConfig seedFlavour(int window, int failures, Duration openFor) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, but was " + window);
    }
    if (failures < 1 || failures > window) {
      throw new IllegalArgumentException(
          "failures must be in [1, " + window + "], but was " + failures);
    }
    return builder()
        .windowType(WindowType.COUNT_BASED)
        .windowSize(window)
        .minimumNumberOfCalls(window)
        .failureRateThreshold(100.0 * failures / window)
        // The longest duration there is: no call can be slow.
        .slowCallDuration(MAX_NANOS)
        .waitInOpen(openFor)
        .openBackoffMultiplier(1)
        .maxWaitInOpen(openFor)
        .permittedCallsInHalfOpen(window)
        .successesToClose(1)
        .build();
  }

  private static void requireAtLeast(String setting, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(setting + " must be at least " + least + ", but was " + value);
    }
  }

  private static void requirePercent(String setting, double value) {
    if (!(value > 0 && value <= 100)) {
      throw new IllegalArgumentException(
          setting + " must be in (0, 100], but was " + asWrittenPercent(value));
    }
  }

  /** A whole percentage reads as written ({@code 120}, not {@code 120.0}). */
  private static String asWrittenPercent(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static void requirePositive(String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(setting + " must be above 0, but was " + value);
    }
    if (value.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException(
          setting + " must be at most " + MAX_NANOS + " (the longest in nanoseconds), but was "
              + value);
    }
  }

  /**
   * Collects settings, starting from the defaults. Two defaults follow other settings unless set:
   * {@code maxWaitInOpen} is {@code waitInOpen} and {@code successesToClose} is
   * {@code permittedCallsInHalfOpen}.
   */
  public static final class Builder {

    private String name = DEFAULT_NAME;
    private WindowType windowType = DEFAULT_WINDOW_TYPE;
    private int windowSize = DEFAULT_WINDOW_SIZE;
    private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;
    private double failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
    private int consecutiveFailuresThreshold = DEFAULT_CONSECUTIVE_FAILURES_THRESHOLD;
    private double slowCallRateThreshold = DEFAULT_SLOW_CALL_RATE_THRESHOLD;
    private Duration slowCallDuration = DEFAULT_SLOW_CALL_DURATION;
    private Set<CallOutcome> recordAsFailure = DEFAULT_RECORD_AS_FAILURE;
    private Duration waitInOpen = DEFAULT_WAIT_IN_OPEN;
    private double openBackoffMultiplier = DEFAULT_OPEN_BACKOFF_MULTIPLIER;
    /** Null until set: then it follows {@code waitInOpen}. */
    private Duration maxWaitInOpen;
    private int permittedCallsInHalfOpen = DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN;
    /** Null until set: then it follows {@code permittedCallsInHalfOpen}. */
    private Integer successesToClose;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder windowType(WindowType windowType) {
      this.windowType = windowType;
      return this;
    }

    public Builder windowSize(int windowSize) {
      this.windowSize = windowSize;
      return this;
    }

    public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
      this.minimumNumberOfCalls = minimumNumberOfCalls;
      return this;
    }

    public Builder failureRateThreshold(double percent) {
      this.failureRateThreshold = percent;
      return this;
    }

    public Builder consecutiveFailuresThreshold(int failures) {
      this.consecutiveFailuresThreshold = failures;
      return this;
    }

    public Builder slowCallRateThreshold(double percent) {
      this.slowCallRateThreshold = percent;
      return this;
    }

    public Builder slowCallDuration(Duration slowCallDuration) {
      this.slowCallDuration = slowCallDuration;
      return this;
    }

    public Builder recordAsFailure(Set<CallOutcome> outcomes) {
      this.recordAsFailure = outcomes;
      return this;
    }

    public Builder waitInOpen(Duration waitInOpen) {
      this.waitInOpen = waitInOpen;
      return this;
    }

    public Builder openBackoffMultiplier(double multiplier) {
      this.openBackoffMultiplier = multiplier;
      return this;
    }

    public Builder maxWaitInOpen(Duration maxWaitInOpen) {
      this.maxWaitInOpen = maxWaitInOpen;
      return this;
    }

    public Builder permittedCallsInHalfOpen(int calls) {
      this.permittedCallsInHalfOpen = calls;
      return this;
    }

    public Builder successesToClose(int successes) {
      this.successesToClose = successes;
      return this;
    }

    public CircuitBreakerConfig build() {
      return new CircuitBreakerConfig(name, windowType, windowSize, minimumNumberOfCalls,
          failureRateThreshold, consecutiveFailuresThreshold, slowCallRateThreshold,
          slowCallDuration, recordAsFailure, waitInOpen, openBackoffMultiplier,
          maxWaitInOpen == null ? waitInOpen : maxWaitInOpen, permittedCallsInHalfOpen,
          successesToClose == null ? permittedCallsInHalfOpen : successesToClose);
    }
  }
}
