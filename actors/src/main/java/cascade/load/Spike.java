package cascade.load;

import java.time.Duration;

/**
 * {@code total} requests at {@code rate}, except for {@code spikeFor} from {@code spikeAt}, when
 * they come at {@code spikeRate}: a flash crowd, a retry storm from another client, a batch
 * job. After the spike the rate falls back, which shows whether the system recovers by itself.
 */
public record Spike(long total, double rate, Duration spikeAt, Duration spikeFor, double spikeRate)
    implements CurveSchedule {

  public Spike {
    Checks.total(total);
    Checks.rate("rate", rate);
    Checks.rate("spikeRate", spikeRate);
    Checks.notNegative("spikeAt", spikeAt);
    Checks.notNegative("spikeFor", spikeFor);
  }

  @Override
  public RateCurve curve() {
    long start = spikeAt.toNanos();
    return new PiecewiseRate(
        new long[] {0, start, start + spikeFor.toNanos()}, new double[] {rate, spikeRate, rate});
  }
}
