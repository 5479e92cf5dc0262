package cascade.model;

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
 * @param capacity                   requests per second the service is sized for
 * @param baseLatencyMillis          the fastest service time
 * @param jitterMillis               width of the uniform spread added to the base
 * @param failureProbability         failure probability when not overloaded
 * @param overloadLatencyMillis      extra latency per unit of load factor above 1
 * @param overloadFailureProbability extra failure probability per unit of load factor above 1
 * @param maxFailureProbability      ceiling of the failure probability
 */
public record FailureModel(
    double capacity,
    double baseLatencyMillis,
    double jitterMillis,
    double failureProbability,
    double overloadLatencyMillis,
    double overloadFailureProbability,
    double maxFailureProbability) {

  public static final double DEFAULT_CAPACITY = 250;
  public static final double DEFAULT_BASE_LATENCY_MILLIS = 8;
  public static final double DEFAULT_JITTER_MILLIS = 6;
  public static final double DEFAULT_FAILURE_PROBABILITY = 0.05;
  public static final double DEFAULT_OVERLOAD_LATENCY_MILLIS = 50;
  public static final double DEFAULT_OVERLOAD_FAILURE_PROBABILITY = 0.40;
  public static final double DEFAULT_MAX_FAILURE_PROBABILITY = 0.95;

  /** The load factor never drops below this: an idle service is "half loaded" in the seed. */
  public static final double MIN_LOAD_FACTOR = 0.5;

  public FailureModel {
    require(capacity > 0, "capacity must be above 0, but was " + capacity);
    require(baseLatencyMillis >= 0, "baseLatencyMillis must be at least 0, but was " + baseLatencyMillis);
    require(jitterMillis >= 0, "jitterMillis must be at least 0, but was " + jitterMillis);
    require(overloadLatencyMillis >= 0, "overloadLatencyMillis must be at least 0, but was " + overloadLatencyMillis);
    requireProbability("failureProbability", failureProbability);
    requireProbability("overloadFailureProbability", overloadFailureProbability);
    requireProbability("maxFailureProbability", maxFailureProbability);
  }

  /** The seed's defaults. */
  public static FailureModel seedDefaults() {
    return new FailureModel(
        DEFAULT_CAPACITY,
        DEFAULT_BASE_LATENCY_MILLIS,
        DEFAULT_JITTER_MILLIS,
        DEFAULT_FAILURE_PROBABILITY,
        DEFAULT_OVERLOAD_LATENCY_MILLIS,
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
    return loadFactor > 1.0 ? (loadFactor - 1.0) * overloadLatencyMillis : 0.0;
  }

  /**
   * Draws one attempt's fate. Two draws, in the seed's order: first the service time, then the
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
    double latency = baseLatencyMillis + random.nextDouble() * jitterMillis + overloadPenaltyMillisAt(loadFactor);
    boolean fails = random.nextDouble() < Math.min(1.0, failureProbabilityAt(loadFactor) + addedFailureProbability);
    return new ServiceSample(latency, fails);
  }

  /** The median service time of an unloaded service: {@code base + jitter / 2}. */
  public double unloadedMedianMillis() {
    return baseLatencyMillis + jitterMillis / 2.0;
  }

  private static void requireProbability(String name, double value) {
    require(value >= 0 && value <= 1, name + " must be in [0, 1], but was " + value);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
