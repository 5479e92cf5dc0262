package cascade.load;

import java.time.Duration;

/**
 * {@code total} requests evenly spaced at {@code rate}, and from {@code stepAt} on at
 * {@code stepTo}: a sudden, lasting change of load (a launch, a failover sending a second
 * region's users here, or a drop).
 */
public record Step(long total, double rate, Duration stepAt, double stepTo) implements CurveSchedule {

  public Step {
    Checks.total(total);
    Checks.rate("rate", rate);
    Checks.rate("stepTo", stepTo);
    Checks.notNegative("stepAt", stepAt);
  }

  @Override
  public RateCurve curve() {
    return new PiecewiseRate(new long[] {0, stepAt.toNanos()}, new double[] {rate, stepTo});
  }
}
