package cascade.load;

import java.time.Duration;

/**
 * {@code total} requests at a rate that grows (or falls) linearly from {@code rate} to
 * {@code rampTo} over the time they take: a load test's ramp, or a traffic surge.
 */
public record Ramp(long total, double rate, double rampTo) implements ArrivalSchedule {

  public Ramp {
    Checks.total(total);
    Checks.rate("rate", rate);
    Checks.rate("rampTo", rampTo);
  }

  /** The ramp's length: the rates' mean times it gives {@code total} requests. */
  private double seconds() {
    return 2.0 * total / (rate + rampTo);
  }

  @Override
  public Duration span() {
    return Duration.ofNanos((long) (seconds() * 1e9));
  }

  /**
   * Request {@code i} is due when the requests sent so far, the integral of the rate
   * {@code r0 + (r1 - r0) t / T}, reach {@code i}: the root of {@code a t^2 + r0 t - i = 0}.
   */
  @Override
  public Cursor cursor() {
    double a = (rampTo - rate) / (2 * seconds());
    return index -> {
      double t =
          Math.abs(a) < 1e-12
              ? index / rate
              : (-rate + Math.sqrt(rate * rate + 4 * a * index)) / (2 * a);
      return (long) (t * 1e9);
    };
  }
}
