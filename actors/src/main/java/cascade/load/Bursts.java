package cascade.load;

import java.time.Duration;

/**
 * {@code total} requests in bursts of {@code burst}, one burst every {@code gap}, the first at
 * t=0. Burst {@code n} is due at {@code n * gap} after the start, computed from the start and not
 * from the previous burst, so timing errors do not accumulate.
 */
public record Bursts(long total, int burst, Duration gap) implements ArrivalSchedule {

  public Bursts {
    Checks.total(total);
    if (burst < 1) {
      throw new cascade.runtime.InvalidSetting("burst", "must be at least 1, but was " + burst);
    }
    if (gap.isNegative()) {
      throw new cascade.runtime.InvalidSetting("gap", "must be at least 0, but was " + gap);
    }
  }

  /**
   * The seed tutorial's actual behaviour: it builds the request list with pauses between bursts,
   * then sends every request at once. Every request is due at t=0.
   */
  static Bursts tutorial(long total) {
    return new Bursts(total, (int) Math.min(Integer.MAX_VALUE, total), Duration.ZERO);
  }

  public long bursts() {
    return (total + burst - 1) / burst;
  }

  /** How many requests burst {@code n} (from 0) holds: {@code burst}, or what is left for the last. */
  public int sizeOfBurst(long n) {
    return (int) Math.min(burst, total - n * burst);
  }

  /** Closed form: bursts are counted, not walked request by request. */
  @Override
  public long dueBetween(long fromNanos, long toNanos) {
    long gapNanos = gap.toNanos();
    if (gapNanos == 0) {
      return fromNanos <= 0 && toNanos > 0 ? total : 0;
    }
    long first = Math.max(0, Math.floorDiv(fromNanos + gapNanos - 1, gapNanos));
    long last = Math.min(bursts(), Math.floorDiv(toNanos + gapNanos - 1, gapNanos));
    long due = 0;
    for (long n = first; n < last; n++) {
      due += sizeOfBurst(n);
    }
    return due;
  }

  /** When burst {@code n} is due, in nanoseconds after the start. */
  public long offsetOfBurstNanos(long n) {
    return n * gap.toNanos();
  }

  @Override
  public Duration span() {
    return gap.multipliedBy(bursts() - 1);
  }

  @Override
  public Cursor cursor() {
    long burstSize = burst;
    long gapNanos = gap.toNanos();
    return index -> (index / burstSize) * gapNanos;
  }
}
