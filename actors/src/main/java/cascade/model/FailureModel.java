package cascade.model;

import cascade.runtime.InvalidSetting;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The seed tutorial's failure model of a downstream service: how long an attempt takes and
 * whether it fails, given how loaded the service is when the attempt arrives.
 *
 * <p>Service time is {@code baseLatency + U(0,1) * jitter}. When the load factor {@code L}
 * exceeds 1 the service is overloaded: latency grows by {@code (L - 1) * overloadLatency} and the
 * failure probability becomes {@code min(maxFailureProbability, failureProbability + (L - 1) *
 * overloadFailureProbability)}.
 *
 * <p>Each field is named as its key in the scenario's {@code service} section, and holds what
 * the key says (durations as durations): the model reads milliseconds off them where it computes.
 *
 * @param capacity                   requests per second the service is sized for
 * @param baseLatency                the fastest service time
 * @param jitter                     width of the uniform spread added to the base
 * @param failureProbability         failure probability when not overloaded
 * @param overloadLatency            extra latency per unit of load factor above 1
 * @param overloadFailureProbability extra failure probability per unit of load factor above 1
 * @param maxFailureProbability      ceiling of the failure probability
 */
public record FailureModel(
    double capacity,
    Duration baseLatency,
    Duration jitter,
    double failureProbability,
    Duration overloadLatency,
    double overloadFailureProbability,
    double maxFailureProbability) {

  public static final double DEFAULT_CAPACITY = 250;
  public static final Duration DEFAULT_BASE_LATENCY = Duration.ofMillis(8);
  public static final Duration DEFAULT_JITTER = Duration.ofMillis(6);
  public static final double DEFAULT_FAILURE_PROBABILITY = 0.05;
  public static final Duration DEFAULT_OVERLOAD_LATENCY = Duration.ofMillis(50);
  public static final double DEFAULT_OVERLOAD_FAILURE_PROBABILITY = 0.40;
  public static final double DEFAULT_MAX_FAILURE_PROBABILITY = 0.95;

  /** The load factor never drops below this: an idle service is "half loaded" in the tutorial. */
  public static final double MIN_LOAD_FACTOR = 0.5;

  public FailureModel {
    if (!(capacity > 0)) {
      throw new InvalidSetting("capacity", "must be above 0, but was " + InvalidSetting.written(capacity));
    }
    requireNotNegative("baseLatency", baseLatency);
    requireNotNegative("jitter", jitter);
    requireNotNegative("overloadLatency", overloadLatency);
    requireProbability("failureProbability", failureProbability);
    requireProbability("overloadFailureProbability", overloadFailureProbability);
    requireProbability("maxFailureProbability", maxFailureProbability);
  }

  /** The tutorial's defaults. */
  public static FailureModel tutorialDefaults() {
    return new FailureModel(
        DEFAULT_CAPACITY,
        DEFAULT_BASE_LATENCY,
        DEFAULT_JITTER,
        DEFAULT_FAILURE_PROBABILITY,
        DEFAULT_OVERLOAD_LATENCY,
        DEFAULT_OVERLOAD_FAILURE_PROBABILITY,
        DEFAULT_MAX_FAILURE_PROBABILITY);
  }

  /**
   * {@code L = max(0.5, inFlight / (capacity / 10))}, where {@code inFlight} counts the attempts
   * the service is serving, the arriving one included.
   */
  public double loadFactor(int inFlight) {
    return loadFactor(inFlight, 1.0);
  }

  /**
   * The load factor while only {@code capacityFactor} of the capacity is there (a capacity drop
   * of a fault schedule): the same attempts in flight weigh more.
   */
  public double loadFactor(int inFlight, double capacityFactor) {
    return Math.max(MIN_LOAD_FACTOR, inFlight / (capacity * capacityFactor / 10.0));
  }

  /** The failure probability at load factor {@code loadFactor}. */
  public double failureProbabilityAt(double loadFactor) {
    if (loadFactor <= 1.0) {
      return failureProbability;
    }
    return Math.min(maxFailureProbability, failureProbability + (loadFactor - 1.0) * overloadFailureProbability);
  }

  /** The extra latency at load factor {@code loadFactor}, in milliseconds. */
  public double overloadPenaltyMillisAt(double loadFactor) {
    return loadFactor > 1.0 ? (loadFactor - 1.0) * millis(overloadLatency) : 0.0;
  }

  /**
   * Draws one attempt's fate. Two draws, in the tutorial's order: first the service time, then the
   * failure.
   */
  public ServiceSample sample(double loadFactor, RandomGenerator random) {
    return sample(loadFactor, random, 0.0);
  }

  /**
   * As above, with {@code addedFailureProbability} on top of the model's (an error-rate fault),
   * up to 1: the fault is outside the model, so the model's own ceiling does not bound it. The
   * draws are the same two, so a fault does not shift later draws.
   */
  public ServiceSample sample(double loadFactor, RandomGenerator random, double addedFailureProbability) {
    double latency = millis(baseLatency) + random.nextDouble() * millis(jitter) + overloadPenaltyMillisAt(loadFactor);
    boolean fails = random.nextDouble() < Math.min(1.0, failureProbabilityAt(loadFactor) + addedFailureProbability);
    return new ServiceSample(latency, fails);
  }

  /** The median service time of an unloaded service: {@code base + jitter / 2}. */
  public double unloadedMedianMillis() {
    return millis(baseLatency) + millis(jitter) / 2.0;
  }

  /** Milliseconds with their fraction, as the tutorial's model computes in them. */
  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }

  private static void requireNotNegative(String name, Duration value) {
    if (value.isNegative()) {
      throw new InvalidSetting(name, "must be at least 0, but was " + value.toNanos() / 1e6 + "ms");
    }
  }

  private static void requireProbability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidSetting(name, "must be between 0 and 1, but was " + InvalidSetting.written(value));
    }
  }
}
