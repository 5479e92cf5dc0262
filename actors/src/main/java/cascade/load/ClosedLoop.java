package cascade.load;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Closed-loop load: {@code users} users, each sending a request, waiting for its outcome, thinking
 * for a while, and sending the next, until {@code total} requests have been sent. Every user sends
 * its first request at the start. The load is never more than {@code users} requests at once, and
 * it slows down when answers do.
 *
 * @param think how think times are drawn around {@code thinkTime}
 * @param seed  the think times' random stream
 */
public record ClosedLoop(long total, int users, Duration thinkTime, Think think, long seed) implements Load {

  /** How a user's think time is drawn; {@code key} is its name in scenario files. */
  public enum Think {
    /** Exactly {@code thinkTime} every time. */
    FIXED("fixed"),
    /** Uniform between 0 and twice {@code thinkTime}: the same mean, spread out. */
    UNIFORM("uniform"),
    /** Exponential with mean {@code thinkTime}: users who act independently of each other. */
    EXPONENTIAL("exponential");

    public final String key;

    Think(String key) {
      this.key = key;
    }
  }

  public ClosedLoop {
    Checks.total(total);
    if (users < 1) {
      throw new cascade.runtime.InvalidSetting("users", "must be at least 1, but was " + users);
    }
    Checks.notNegative("thinkTime", thinkTime);
  }

  /** One think time, in nanoseconds. */
  public long thinkNanos(RandomGenerator random) {
    long mean = thinkTime.toNanos();
    return switch (think) {
      case FIXED -> mean;
      case UNIFORM -> (long) (random.nextDouble() * 2 * mean);
      case EXPONENTIAL -> (long) (-StrictMath.log(1.0 - random.nextDouble()) * mean);
    };
  }

  /** Think time alone, as if answers were instant: a lower bound, good enough to size a time limit. */
  @Override
  public Duration span() {
    return thinkTime.multipliedBy(Math.max(0, (total + users - 1) / users - 1));
  }
}
