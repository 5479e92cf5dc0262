package cascade.service;

import cascade.runtime.InvalidSetting;
import java.time.Duration;

/**
 * What goes wrong inside a service instance, on purpose, request by request. Times are offsets
 * from the start of the run; the crashes requests cause only happen while the faults are active,
 * from {@code from} until {@code until} (null: to the end of the run). Crashes and hangs at given
 * times ({@code service.faults.crash-at}, {@code hang-at}) are not here: the scenario reader
 * turns them into entries of the service's own {@link FaultSchedule} ({@link
 * ServicePlan#ownSchedule()}), armed as every timed fault is.
 *
 * @param crashProbability  chance that an arriving request makes the instance throw, in [0, 1]
 * @param crashAfter        the instance throws on every {@code crashAfter}-th request it takes (0: never)
 * @param warmUp            after it starts (or restarts) an instance is cold for this long ...
 * @param coldLatencyFactor ... and its service time is this many times longer at first, falling
 *                          linearly to normal: the warm cache a crash throws away
 */
public record Faults(
    double crashProbability,
    int crashAfter,
    Duration warmUp,
    double coldLatencyFactor,
    Duration from,
    Duration until) {

  /** A service that never fails on purpose and is always warm: the tutorial's. */
  public static final Faults NONE = new Faults(0, 0, Duration.ZERO, 1.0, Duration.ZERO, null);

  public Faults {
    if (!(crashProbability >= 0 && crashProbability <= 1)) {
      throw new InvalidSetting("crashProbability", "must be between 0 and 1, but was " + InvalidSetting.written(crashProbability));
    }
    if (crashAfter < 0) {
      throw new InvalidSetting("crashAfter", "must be at least 0, but was " + crashAfter);
    }
    if (!(coldLatencyFactor >= 1)) {
      throw new InvalidSetting("coldLatencyFactor", "must be at least 1, but was " + InvalidSetting.written(coldLatencyFactor));
    }
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
