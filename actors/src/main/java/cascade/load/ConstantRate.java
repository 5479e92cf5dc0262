package cascade.load;

import java.time.Duration;

/** {@code total} requests evenly spaced at {@code perSecond} requests per second, the first at t=0. */
public record ConstantRate(long total, double perSecond) implements ArrivalSchedule {

  public ConstantRate {
    Checks.total(total);
    Checks.rate("perSecond", perSecond);
  }

  @Override
  public Duration span() {
    return Duration.ofNanos((long) ((total - 1) * 1e9 / perSecond));
  }

  @Override
  public Cursor cursor() {
    return index -> (long) (index * 1e9 / perSecond);
  }
}
