package cascade.load;

import java.time.Duration;

/** {@code total} requests evenly spaced at {@code rate} requests per second, the first at t=0. */
public record ConstantRate(long total, double rate) implements ArrivalSchedule {

  public ConstantRate {
    Checks.total(total);
    Checks.rate("rate", rate);
  }

  @Override
  public Duration span() {
    return Duration.ofNanos((long) ((total - 1) * 1e9 / rate));
  }

  @Override
  public Cursor cursor() {
    return index -> (long) (index * 1e9 / rate);
  }
}
