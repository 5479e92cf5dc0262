package cascade.load;

import java.time.Duration;

/**
 * A day cycle, compressed: {@code total} requests at a rate that swings around {@code perSecond}
 * by {@code amplitude}, once every {@code period}: {@code rate(t) = perSecond - amplitude *
 * cos(2 pi t / period)}. It starts at the night's low, peaks at midday ({@code period / 2}) and
 * offers exactly {@code perSecond * period} requests per period.
 */
public record Sinusoidal(long total, double perSecond, double amplitude, Duration period) implements CurveSchedule {

  public Sinusoidal {
    Checks.total(total);
    Checks.rate("perSecond", perSecond);
    // Beyond the mean the rate would go negative: arrivals cannot be taken back.
    if (!(amplitude >= 0 && amplitude <= perSecond)) {
      throw new IllegalArgumentException("amplitude must be between 0 and perSecond (" + perSecond + "), but was " + amplitude);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be above 0, but was " + period);
    }
  }

  @Override
  public RateCurve curve() {
    double meanPerNano = perSecond / 1e9;
    double periodNanos = period.toNanos();
    // The integral's wave, amplitude * period / (2 pi), in requests: how far it strays from the mean line.
    double swing = amplitude * (periodNanos / 1e9) / (2 * Math.PI);
    double omega = 2 * Math.PI / periodNanos;
    return new RateCurve() {
      @Override
      public double arrivalsBy(double nanos) {
        return meanPerNano * nanos - swing * StrictMath.sin(omega * nanos);
      }

      /** The integral only rises, and strays at most {@code swing} from the mean line: bisect that band. */
      @Override
      public double timeOf(double arrivals) {
        double low = Math.max(0, (arrivals - swing) / meanPerNano);
        double high = (arrivals + swing) / meanPerNano;
        while (high - low > 0.25) {
          double middle = (low + high) / 2;
          if (arrivalsBy(middle) >= arrivals) {
            high = middle;
          } else {
            low = middle;
          }
        }
        return arrivals == 0 ? 0 : high;
      }
    };
  }
}
