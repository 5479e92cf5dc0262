package cascade.service;

import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import cascade.runtime.InvalidSetting;
import java.time.Duration;

/**
 * What happens to a service instance that crashes: Akka's supervision strategies, chosen by the
 * scenario.
 *
 * @param strategy     which strategy
 * @param maxRestarts  restart-with-limit: restarts allowed within {@code within}; beyond, it stops
 * @param within       restart-with-limit: the window of {@code maxRestarts}
 * @param minBackoff   restart-with-backoff: the first wait before a restart
 * @param maxBackoff   restart-with-backoff: the longest wait
 * @param randomFactor restart-with-backoff: jitter added to each wait, as a fraction of it
 */
public record Supervision(
    Strategy strategy, int maxRestarts, Duration within, Duration minBackoff, Duration maxBackoff, double randomFactor) {

  public Supervision {
    if (maxRestarts < 1) {
      throw new InvalidSetting("maxRestarts", "must be at least 1, but was " + maxRestarts);
    }
    requireAboveZero("within", within);
    requireAboveZero("minBackoff", minBackoff);
    requireAboveZero("maxBackoff", maxBackoff);
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new InvalidSetting(
          "maxBackoff", "must be at least " + InvalidSetting.OTHER + " (" + minBackoff.toMillis() + "ms), but was " + maxBackoff.toMillis() + "ms", "minBackoff");
    }
    if (!(randomFactor >= 0 && randomFactor <= 1)) {
      throw new InvalidSetting("randomFactor", "must be between 0 and 1, but was " + InvalidSetting.written(randomFactor));
    }
  }

  private static void requireAboveZero(String field, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new InvalidSetting(field, "must be above 0, but was " + value.toMillis() + "ms");
    }
  }

  public enum Strategy {
    /** Keep the instance and its state; only the request that crashed it is lost. */
    RESUME("resume"),
    /** A fresh instance at once: in-flight work and the warm cache are lost. */
    RESTART("restart"),
    /** Restart, but stop for good after too many restarts in a window. */
    RESTART_WITH_LIMIT("restart-with-limit"),
    /** Restart after a growing pause; messages arriving meanwhile wait (Akka stashes them). */
    RESTART_WITH_BACKOFF("restart-with-backoff"),
    /** Stop the instance for good. */
    STOP("stop"),
    /** Let the parent decide: the replica group restarts every instance. */
    ESCALATE("escalate");

    public final String key;

    Strategy(String key) {
      this.key = key;
    }
  }

  /** Akka's default for a failing actor, and what the tutorial's service would do if it could crash. */
  public static final Supervision RESTART =
      new Supervision(Strategy.RESTART, 3, Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(1), 0.2);

  /**
   * Wraps an instance's behaviour in the strategy. Akka's own logging of each failure is off: a
   * crash here is a scheduled event of the simulation, reported in the metrics.
   */
  public <T> Behavior<T> supervise(Behavior<T> instance) {
    return supervise(instance, false);
  }

  /**
   * As above; {@code jitterApplied}: the instance waits restart-with-backoff's jitter out itself,
   * drawn from the run's seed ({@link DownstreamService.Restarts}), so Akka waits the backoff
   * without it.
   */
  public <T> Behavior<T> supervise(Behavior<T> instance, boolean jitterApplied) {
    SupervisorStrategy chosen =
        switch (strategy) {
          case RESUME -> SupervisorStrategy.resume().withLoggingEnabled(false);
          case RESTART -> SupervisorStrategy.restart().withLoggingEnabled(false);
          case RESTART_WITH_LIMIT -> SupervisorStrategy.restart().withLimit(maxRestarts, within).withLoggingEnabled(false);
          case RESTART_WITH_BACKOFF -> SupervisorStrategy.restartWithBackoff(minBackoff, maxBackoff, jitterApplied ? 0.0 : randomFactor)
              .withLoggingEnabled(false);
          // Stopping is also how an escalating instance fails: its group watches it and restarts all.
          case STOP, ESCALATE -> SupervisorStrategy.stop().withLoggingEnabled(false);
        };
    return Behaviors.supervise(instance).onFailure(InstanceCrash.class, chosen);
  }
}
