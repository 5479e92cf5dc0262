package cascade.load;

import java.time.Duration;

/**
 * A day cycle, compressed: {@code total} requests at a rate that swings around {@code rate}
 * by {@code amplitude}, once every {@code period}: {@code rate(t) = rate - amplitude *
 * cos(2 pi t / period)}. It starts at the night's low, peaks at midday ({@code period / 2}) and
 * offers exactly {@code rate * period} requests per period.
 */
public record Sinusoidal(long total, double rate, double amplitude, Duration period) implements CurveSchedule {

  public Sinusoidal {
    Checks.total(total);
    Checks.rate("rate", rate);
    // Beyond the mean the rate would go negative: arrivals cannot be taken back.
    if (amplitude < 0) {
      throw new cascade.runtime.InvalidSetting("amplitude", "must be at least 0, but was " + plain(amplitude));
    }
    if (amplitude > rate) {
      throw new cascade.runtime.InvalidSetting(
          "amplitude", "must be at most traffic.rate (" + plain(rate) + ") for a sinusoidal load, or the rate would go below 0, but was " + plain(amplitude));
    }
    if (period.isNegative() || period.isZero()) {
      throw new cascade.runtime.InvalidSetting("period", "must be above 0, but was " + period);
    }
  }

  /** 100 rather than 100.0: the number as the scenario wrote it. */
  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  @Override
  public RateCurve curve() {
    double meanPerNano = rate / 1e9;
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
