package cascade.load;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * {@code total} requests arriving as a Poisson process at {@code rate} on average: independent
 * arrivals, exponentially distributed gaps, so they clump and thin out as real independent users
 * do. The gaps are drawn from {@code seed}, so every walk gives the same arrivals.
 */
public record Poisson(long total, double rate, long seed) implements ArrivalSchedule {

  public Poisson {
    Checks.total(total);
    Checks.rate("rate", rate);
  }

  @Override
  public Duration span() {
    return Duration.ofNanos((long) (total * 1e9 / rate));
  }

  /** Walks forward only: each offset adds one exponential gap to the previous (the first is at t=0). */
  @Override
  public Cursor cursor() {
    SplittableRandom random = new SplittableRandom(seed);
    double meanGapNanos = 1e9 / rate;
    return new Cursor() {
      private long next;
      private double offset;

      @Override
      public long offsetNanos(long index) {
        while (next <= index) {
          if (next > 0) {
            // StrictMath, not Math: the same bits on every machine, so a seed gives the same run everywhere.
            offset += -StrictMath.log(1.0 - random.nextDouble()) * meanGapNanos;
          }
          next++;
        }
        return (long) offset;
      }
    };
  }
}
