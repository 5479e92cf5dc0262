package cascade.service;

/**
 * A moving estimate of how long the service takes per attempt, to predict how long an arrival
 * would wait in the accept queue. Exponentially weighted, so it follows overload as it builds.
 */
final class ServiceTimeEstimate {

  /** Weight of the newest observation: about the last twenty attempts dominate. */
  private static final double WEIGHT = 0.05;

  private double meanNanos;

  ServiceTimeEstimate(double initialNanos) {
    this.meanNanos = initialNanos;
  }

  void observe(long serviceNanos) {
    meanNanos += WEIGHT * (serviceNanos - meanNanos);
  }

  /** Expected wait of the {@code position}-th queued attempt (1 = next) when {@code slots} serve in parallel. */
  long expectedWaitNanos(int position, int slots) {
    return (long) (meanNanos * position / slots);
  }
}
