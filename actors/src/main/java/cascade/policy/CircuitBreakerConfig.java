package cascade.policy;

import cascade.runtime.InvalidSetting;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link CircuitBreaker} judges the downstream service. The settings and their defaults
 * follow Resilience4j's breaker, so a reader who knows that one knows this one; build one with
 * {@link #builder()}. Each setting is named as its key in a scenario's {@code policy.breaker}.
 *
 * @param name                   the policy name on the breaker's {@link PolicyEvent}s
 * @param windowType             whether the window holds the last {@code window} calls or the
 *                               calls of the last {@code windowDuration}
 * @param window                 calls the window holds, for {@link WindowType#COUNT_BASED}
 * @param windowDuration         how far back the window looks, for {@link WindowType#TIME_BASED}:
 *                               whole seconds, at least one
 * @param minimumCalls           calls the window must hold before its rates are judged; for a
 *                               count-based window it is capped at {@code window}, since more
 *                               could never be reached
 * @param failureRateThreshold   percent in (0, 100]; the breaker opens when the failure rate is
 *                               at or above it
 * @param consecutiveFailures    the breaker opens after this many failures in a row, however few
 *                               calls the window holds; 0 turns the rule off
 * @param slowCallRateThreshold  percent in (0, 100]; the breaker opens when the rate of slow
 *                               calls is at or above it
 * @param slowCallDuration       a call that took at least this long is slow
 * @param recordAsFailure        the outcomes counted as failures; every other outcome counts as a
 *                               success, as in Resilience4j. Never holds SUCCESS.
 * @param openFor                how long the breaker first stays open
 * @param openGrowth             at least 1: each time a trial fails and the breaker opens again
 *                               without having closed, the open period is multiplied by it
 * @param maxOpenFor             the longest open period the growth may reach
 * @param halfOpenCalls          how many trial calls the half-open breaker lets through
 * @param successesToClose       how many successful trials close the breaker, in
 *                               [1, halfOpenCalls]
 */
public record CircuitBreakerConfig(
    String name,
    WindowType windowType,
    int window,
    Duration windowDuration,
    int minimumCalls,
    double failureRateThreshold,
    int consecutiveFailures,
    double slowCallRateThreshold,
    Duration slowCallDuration,
    Set<CallOutcome> recordAsFailure,
    Duration openFor,
    double openGrowth,
    Duration maxOpenFor,
    int halfOpenCalls,
    int successesToClose) {

  /** Which recent calls the rates are computed over. */
  public enum WindowType {
    /** The last {@code window} calls, however old. */
    COUNT_BASED,
    /** The calls of the last {@code windowDuration}, however many. */
    TIME_BASED
  }

  public static final String DEFAULT_NAME = "breaker";
  public static final WindowType DEFAULT_WINDOW_TYPE = WindowType.COUNT_BASED;
  public static final int DEFAULT_WINDOW = 100;
  public static final Duration DEFAULT_WINDOW_DURATION = Duration.ofSeconds(100);
  public static final int DEFAULT_MINIMUM_CALLS = 100;
  public static final double DEFAULT_FAILURE_RATE_THRESHOLD = 50;
  /** Off: only the rates open the breaker. */
  public static final int DEFAULT_CONSECUTIVE_FAILURES = 0;
  /** Only when every call in the window is slow. */
  public static final double DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100;
  public static final Duration DEFAULT_SLOW_CALL_DURATION = Duration.ofSeconds(60);
  /** A rejection is left out because a service shedding load is protecting itself, not failing. */
  public static final Set<CallOutcome> DEFAULT_RECORD_AS_FAILURE =
      Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT);
  public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(60);
  /** No growth: every open period lasts {@code openFor}. */
  public static final double DEFAULT_OPEN_GROWTH = 1;
  public static final int DEFAULT_HALF_OPEN_CALLS = 10;

  /** The longest duration a breaker can count in nanoseconds, about 292 years. */
  private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

  public CircuitBreakerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(windowType, "windowType");
    Objects.requireNonNull(recordAsFailure, "recordAsFailure");
    if (name.isBlank()) {
      throw new InvalidSetting("name", "must not be blank");
    }
    requireAtLeast("window", window, 1);
    requirePositive("windowDuration", windowDuration);
    if (windowDuration.toMillis() % 1000 != 0) {
      // The time-based window counts whole seconds, one bucket each.
      throw new InvalidSetting("windowDuration", "must be whole seconds, like 10s, but was " + windowDuration.toMillis() + "ms");
    }
    requireAtLeast("minimumCalls", minimumCalls, 1);
    if (windowType == WindowType.COUNT_BASED) {
      minimumCalls = Math.min(minimumCalls, window);
    }
    requirePercent("failureRateThreshold", failureRateThreshold);
    requireAtLeast("consecutiveFailures", consecutiveFailures, 0);
    requirePercent("slowCallRateThreshold", slowCallRateThreshold);
    requirePositive("slowCallDuration", slowCallDuration);
    if (recordAsFailure.contains(CallOutcome.SUCCESS)) {
      throw new InvalidSetting("recordAsFailure", "must not contain SUCCESS");
    }
    recordAsFailure = Set.copyOf(recordAsFailure);
    requirePositive("openFor", openFor);
    if (!(openGrowth >= 1 && Double.isFinite(openGrowth))) {
      throw new InvalidSetting("openGrowth", "must be at least 1 and finite, but was " + InvalidSetting.written(openGrowth));
    }
    requirePositive("maxOpenFor", maxOpenFor);
    if (maxOpenFor.compareTo(openFor) < 0) {
      throw new InvalidSetting(
          "maxOpenFor", "must be at least " + InvalidSetting.OTHER + " (" + openFor.toMillis() + "ms), but was " + maxOpenFor.toMillis() + "ms", "openFor");
    }
    requireAtLeast("halfOpenCalls", halfOpenCalls, 1);
    if (successesToClose < 1 || successesToClose > halfOpenCalls) {
      throw new InvalidSetting("successesToClose", "must be between 1 and " + halfOpenCalls + ", but was " + successesToClose);
    }
  }

  /** The number of calls ({@link WindowType#COUNT_BASED}) or seconds ({@link WindowType#TIME_BASED}) the window holds. */
  int windowSize() {
    return windowType == WindowType.TIME_BASED ? (int) windowDuration.toSeconds() : window;
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
   * rule (the tutorial has none).
   *
   * <p>Where it must differ, because the tutorial has no half-open state:
   * <ul>
   *   <li>When the tutorial's open period ends, every call goes through. Here the breaker turns
   *       half-open and lets through up to {@code window} trial calls: one window's worth, enough
   *       for a burst like the tutorial's yet bounded. The rest are refused until a trial reports.
   *   <li>The tutorial keeps its old failures, so after the open period a single further failure opens
   *       it again. Here any failed trial opens it again at once, which is the same; but the first
   *       successful trial ({@code successesToClose = 1}) closes it with an empty window, which
   *       then needs {@code window} fresh calls before it can open again. The tutorial, still holding
   *       its old failures, would open again on the next failure even after successes.
   *   <li>The tutorial extends its open period with every outcome recorded while its window is bad.
   *       Here outcomes that arrive while open are ignored, so an open period lasts exactly
   *       {@code openFor}.
   * </ul>
   */
  public static CircuitBreakerConfig tutorialFlavour(int window, int failures, Duration openFor) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, but was " + window);
    }
    if (failures < 1 || failures > window) {
      throw new IllegalArgumentException(
          "failures must be in [1, " + window + "], but was " + failures);
    }
    return builder()
        .windowType(WindowType.COUNT_BASED)
        .window(window)
        .minimumCalls(window)
        .failureRateThreshold(100.0 * failures / window)
        // The longest duration there is: no call can be slow.
        .slowCallDuration(MAX_NANOS)
        .openFor(openFor)
        .openGrowth(1)
        .maxOpenFor(openFor)
        .halfOpenCalls(window)
        .successesToClose(1)
        .build();
  }

  private static void requireAtLeast(String setting, int value, int least) {
    if (value < least) {
      throw new InvalidSetting(setting, "must be at least " + least + ", but was " + value);
    }
  }

  private static void requirePercent(String setting, double value) {
    if (!(value > 0 && value <= 100)) {
      throw new InvalidSetting(setting, "must be above 0 and at most 100, but was " + InvalidSetting.written(value));
    }
  }

  private static void requirePositive(String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    if (value.isNegative() || value.isZero()) {
      throw new InvalidSetting(setting, "must be above 0, but was " + value);
    }
    if (value.compareTo(MAX_NANOS) > 0) {
      throw new InvalidSetting(setting, "must be at most " + MAX_NANOS + " (the longest in nanoseconds), but was " + value);
    }
  }

  /**
   * Collects settings, starting from the defaults. Two defaults follow other settings unless set:
   * {@code maxOpenFor} is {@code openFor} and {@code successesToClose} is {@code halfOpenCalls}.
   */
  public static final class Builder {

    private String name = DEFAULT_NAME;
    private WindowType windowType = DEFAULT_WINDOW_TYPE;
    private int window = DEFAULT_WINDOW;
    private Duration windowDuration = DEFAULT_WINDOW_DURATION;
    private int minimumCalls = DEFAULT_MINIMUM_CALLS;
    private double failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
    private int consecutiveFailures = DEFAULT_CONSECUTIVE_FAILURES;
    private double slowCallRateThreshold = DEFAULT_SLOW_CALL_RATE_THRESHOLD;
    private Duration slowCallDuration = DEFAULT_SLOW_CALL_DURATION;
    private Set<CallOutcome> recordAsFailure = DEFAULT_RECORD_AS_FAILURE;
    private Duration openFor = DEFAULT_OPEN_FOR;
    private double openGrowth = DEFAULT_OPEN_GROWTH;
    /** Null until set: then it follows {@code openFor}. */
    private Duration maxOpenFor;
    private int halfOpenCalls = DEFAULT_HALF_OPEN_CALLS;
    /** Null until set: then it follows {@code halfOpenCalls}. */
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

    public Builder window(int calls) {
      this.window = calls;
      return this;
    }

    public Builder windowDuration(Duration windowDuration) {
      this.windowDuration = windowDuration;
      return this;
    }

    public Builder minimumCalls(int minimumCalls) {
      this.minimumCalls = minimumCalls;
      return this;
    }

    public Builder failureRateThreshold(double percent) {
      this.failureRateThreshold = percent;
      return this;
    }

    public Builder consecutiveFailures(int failures) {
      this.consecutiveFailures = failures;
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

    public Builder openFor(Duration openFor) {
      this.openFor = openFor;
      return this;
    }

    public Builder openGrowth(double growth) {
      this.openGrowth = growth;
      return this;
    }

    public Builder maxOpenFor(Duration maxOpenFor) {
      this.maxOpenFor = maxOpenFor;
      return this;
    }

    public Builder halfOpenCalls(int calls) {
      this.halfOpenCalls = calls;
      return this;
    }

    public Builder successesToClose(int successes) {
      this.successesToClose = successes;
      return this;
    }

    public CircuitBreakerConfig build() {
      return new CircuitBreakerConfig(name, windowType, window, windowDuration, minimumCalls,
          failureRateThreshold, consecutiveFailures, slowCallRateThreshold,
          slowCallDuration, recordAsFailure, openFor, openGrowth,
          maxOpenFor == null ? openFor : maxOpenFor, halfOpenCalls,
          successesToClose == null ? halfOpenCalls : successesToClose);
    }
  }
}
