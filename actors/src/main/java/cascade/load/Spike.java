package cascade.load;

import java.time.Duration;

/**
 * {@code total} requests at {@code perSecond}, except for {@code lasting} from {@code at}, when
 * they come at {@code spikePerSecond}: a flash crowd, a retry storm from another client, a batch
 * job. After the spike the rate falls back, which shows whether the system recovers by itself.
 */
public record Spike(long total, double perSecond, Duration at, Duration lasting, double spikePerSecond)
    implements ArrivalSchedule {

  public Spike {
    Checks.total(total);
    Checks.rate("perSecond", perSecond);
    Checks.rate("spikePerSecond", spikePerSecond);
    Checks.notNegative("at", at);
    Checks.notNegative("lasting", lasting);
  }

  private RateCurve curve() {
    long start = at.toNanos();
    return new PiecewiseRate(
        new long[] {0, start, start + lasting.toNanos()}, new double[] {perSecond, spikePerSecond, perSecond});
  }

  @Override
  public Duration span() {
    return Duration.ofNanos(curve().cursor().offsetNanos(total - 1));
  }

  @Override
  public Cursor cursor() {
    return curve().cursor();
  }

  @Override
  public long dueBetween(long fromNanos, long toNanos) {
    return curve().dueBetween(total, fromNanos, toNanos);
  }
}
