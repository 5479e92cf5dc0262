package cascade.load;

import java.time.Duration;

/**
 * {@code total} requests at {@code perSecond}, except for {@code lasting} from {@code at}, when
 * they come at {@code spikePerSecond}: a flash crowd, a retry storm from another client, a batch
 * job. After the spike the rate falls back, which shows whether the system recovers by itself.
 */
public record Spike(long total, double perSecond, Duration at, Duration lasting, double spikePerSecond)
    implements CurveSchedule {

  public Spike {
    Checks.total(total);
    Checks.rate("perSecond", perSecond);
    Checks.rate("spikePerSecond", spikePerSecond);
    Checks.notNegative("at", at);
    Checks.notNegative("lasting", lasting);
  }

  @Override
  public RateCurve curve() {
    long start = at.toNanos();
    return new PiecewiseRate(
        new long[] {0, start, start + lasting.toNanos()}, new double[] {perSecond, spikePerSecond, perSecond});
  }
}
