package cascade.load;

import java.time.Duration;

/**
 * {@code total} requests evenly spaced at {@code perSecond}, and from {@code at} on at
 * {@code toPerSecond}: a sudden, lasting change of load (a launch, a failover sending a second
 * region's users here, or a drop).
 */
public record Step(long total, double perSecond, Duration at, double toPerSecond) implements CurveSchedule {

  public Step {
    Checks.total(total);
    Checks.rate("perSecond", perSecond);
    Checks.rate("toPerSecond", toPerSecond);
    Checks.notNegative("at", at);
  }

  @Override
  public RateCurve curve() {
    return new PiecewiseRate(new long[] {0, at.toNanos()}, new double[] {perSecond, toPerSecond});
  }
}
