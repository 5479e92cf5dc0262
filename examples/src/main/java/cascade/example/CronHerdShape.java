package cascade.example;

import cascade.extension.ExtensionSettings;
import cascade.load.TrafficShapeExtension;
import cascade.load.ArrivalSchedule;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Clients on a timer: every {@code period}, a herd of {@code herd} requests arrives within the
 * first {@code spread} of it, as cron jobs, cache expiries and mobile apps waking on the minute
 * do. Between herds, nothing. Name it with {@code traffic.arrivals = cron-herd}.
 *
 * <p>Offsets inside a herd are drawn uniformly from a generator seeded with the seed it is given,
 * sorted, and drawn again on every walk, so every walk gives the same offsets.
 */
public final class CronHerdShape implements TrafficShapeExtension {

  @Override
  public String name() {
    return "cron-herd";
  }

  @Override
  public String description() {
    return "herds of requests on a timer (cron jobs, cache expiries): `herd` within `spread` every `period`";
  }

  @Override
  public void check(ExtensionSettings settings) {
    Duration period = settings.duration("period", Duration.ofSeconds(1));
    Duration spread = settings.duration("spread", Duration.ofMillis(50));
    if (period.isZero()) {
      throw new ExtensionSettings.Problem("period", "must be more than 0");
    }
    if (spread.compareTo(period) > 0) {
      throw new ExtensionSettings.Problem("spread", "must be at most period (" + period.toMillis() + "ms), but was " + spread.toMillis() + "ms");
    }
    settings.integer("herd", 500, 1, 10_000_000);
  }

  @Override
  public Shape shape(ExtensionSettings settings, long total, long seed) {
    long period = settings.duration("period", Duration.ofSeconds(1)).toNanos();
    long spread = Math.max(1, settings.duration("spread", Duration.ofMillis(50)).toNanos());
    int herd = settings.integer("herd", 500, 1, 10_000_000);
    return new Shape() {
      @Override
      public Duration span() {
        return Duration.ofNanos(((total - 1) / herd) * period + spread);
      }

      @Override
      public ArrivalSchedule.Cursor cursor() {
        SplittableRandom random = new SplittableRandom(seed);
        long[] offsets = new long[herd];
        long[] herdIndex = {-1};
        return index -> {
          long h = index / herd;
          if (h != herdIndex[0]) {
            // The next herd's offsets, drawn and sorted once: offsets never decrease.
            for (int i = 0; i < herd; i++) {
              offsets[i] = random.nextLong(spread);
            }
            Arrays.sort(offsets);
            herdIndex[0] = h;
          }
          return h * period + offsets[(int) (index % herd)];
        };
      }
    };
  }
}
