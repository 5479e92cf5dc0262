package cascade.load;

import cascade.runtime.InvalidSetting;
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
    if (amplitude < 0) {
      throw new InvalidSetting("amplitude", "must be at least 0, but was " + InvalidSetting.written(amplitude));
    }
    if (period.isNegative() || period.isZero()) {
      throw new InvalidSetting("period", "must be above 0, but was " + period);
    }
    // Beyond the mean the rate would go negative: arrivals cannot be taken back. Last, because a
    // scenario's reader builds the shapes it does not run too, to check their keys, and passes
    // over a rule that ties two keys together: the rules of one key must have run by then.
    if (amplitude > rate) {
      throw new InvalidSetting(
          "amplitude",
          "must be at most " + InvalidSetting.OTHER + " (" + InvalidSetting.written(rate) + ") for a sinusoidal load, or the rate would go below 0, but was "
              + InvalidSetting.written(amplitude),
          "rate");
    }
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
