package cascade.service;

import java.time.Duration;
import java.util.List;

/**
 * What goes wrong inside a service instance, on purpose. Times are offsets from the start of the
 * run; crashes and hangs only happen while the faults are active, from {@code from} until
 * {@code until} (null: to the end of the run).
 *
 * @param crashProbability  chance that an arriving request makes the instance throw, in [0, 1]
 * @param crashAfter        the instance throws on every {@code crashAfter}-th request it takes (0: never)
 * @param crashAt           the instance throws at these times
 * @param hangAt            the instance stops processing messages at these times ...
 * @param hangFor           ... for this long (a stall, like a long garbage-collection pause)
 * @param warmUp            after it starts (or restarts) an instance is cold for this long ...
 * @param coldLatencyFactor ... and its service time is this many times longer at first, falling
 *                          linearly to normal: the warm cache a crash throws away
 */
public record Faults(
    double crashProbability,
    int crashAfter,
    List<Duration> crashAt,
    List<Duration> hangAt,
    Duration hangFor,
    Duration warmUp,
    double coldLatencyFactor,
    Duration from,
    Duration until) {

  /** A service that never fails on purpose and is always warm: the seed's. */
  public static final Faults NONE =
      new Faults(0, 0, List.of(), List.of(), Duration.ZERO, Duration.ZERO, 1.0, Duration.ZERO, null);

  public Faults {
    if (!(crashProbability >= 0 && crashProbability <= 1)) {
      throw new IllegalArgumentException("crashProbability must be in [0, 1], but was " + crashProbability);
    }
    if (crashAfter < 0) {
      throw new IllegalArgumentException("crashAfter must be at least 0, but was " + crashAfter);
    }
    if (!(coldLatencyFactor >= 1)) {
      throw new IllegalArgumentException("coldLatencyFactor must be at least 1, but was " + coldLatencyFactor);
    }
    crashAt = List.copyOf(crashAt);
    hangAt = List.copyOf(hangAt);
  }

  /** Whether faults are active {@code sinceStartNanos} after the start of the run. */
  public boolean activeAt(long sinceStartNanos) {
    return sinceStartNanos >= from.toNanos() && (until == null || sinceStartNanos < until.toNanos());
  }

  /** How much slower than normal an instance is {@code sinceStartedNanos} after it started. */
  public double latencyFactor(long sinceStartedNanos) {
    long warmUpNanos = warmUp.toNanos();
    if (warmUpNanos == 0 || sinceStartedNanos >= warmUpNanos) {
      return 1.0;
    }
    return 1.0 + (coldLatencyFactor - 1.0) * (1.0 - (double) sinceStartedNanos / warmUpNanos);
  }
}
