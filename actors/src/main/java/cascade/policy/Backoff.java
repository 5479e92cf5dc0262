package cascade.policy;

import cascade.runtime.InvalidSetting;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before retry number {@code n} (1 for the first retry): a growth rule, capped at
 * {@code maxDelay}, then randomised by a jitter rule.
 *
 * <p>Growth: exponential {@code base * multiplier^(n-1)}, linear {@code base * n}, constant
 * {@code base}. Jitter, as in the AWS Architecture Blog's "Exponential Backoff And Jitter": none
 * (the growth exactly), full {@code U(0, b)}, equal {@code b/2 + U(0, b/2)}, decorrelated
 * {@code min(maxDelay, U(base, 3 * previous))}. Without jitter, requests that failed together come
 * back together, as a second burst.
 */
public record Backoff(Kind kind, Jitter jitter, Duration base, double multiplier, Duration maxDelay) {

  public enum Kind {
    EXPONENTIAL("exponential"),
    LINEAR("linear"),
    CONSTANT("constant");

    public final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  public enum Jitter {
    NONE("none"),
    FULL("full"),
    EQUAL("equal"),
    DECORRELATED("decorrelated");

    public final String key;

    Jitter(String key) {
      this.key = key;
    }
  }

  public Backoff {
    if (base.isNegative()) {
      throw new InvalidSetting("base", "must be at least 0, but was " + base);
    }
    if (maxDelay.compareTo(base) < 0) {
      throw new InvalidSetting(
          "maxDelay", "must be at least " + InvalidSetting.OTHER + " (" + base.toMillis() + "ms), but was " + maxDelay.toMillis() + "ms", "base");
    }
    if (!(multiplier >= 1)) {
      throw new InvalidSetting("multiplier", "must be at least 1, but was " + InvalidSetting.written(multiplier));
    }
  }

  /** The tutorial's backoff: exponential from 20 ms, doubling, capped at 400 ms, full jitter. */
  public static Backoff tutorialDefaults() {
    return new Backoff(Kind.EXPONENTIAL, Jitter.FULL, Duration.ofMillis(20), 2.0, Duration.ofMillis(400));
  }

  /** The growth rule's wait before retry {@code retry}, capped: the upper bound of none, full and equal jitter. */
  public long ceilingNanos(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1, but was " + retry);
    }
    double base = this.base.toNanos();
    double grown =
        switch (kind) {
          case EXPONENTIAL -> base * StrictMath.pow(multiplier, retry - 1);
          case LINEAR -> base * retry;
          case CONSTANT -> base;
        };
    // StrictMath.pow overflows to infinity long after the cap is reached; min() handles it.
    return (long) Math.min(grown, maxDelay.toNanos());
  }

  /**
   * The wait before retry {@code retry}. {@code previous} is the wait before the previous retry
   * (zero before the first); only decorrelated jitter uses it.
   */
  public Duration delay(int retry, Duration previous, RandomGenerator random) {
    long ceiling = ceilingNanos(retry);
    long nanos =
        switch (jitter) {
          case NONE -> ceiling;
          case FULL -> (long) (random.nextDouble() * ceiling);
          case EQUAL -> ceiling / 2 + (long) (random.nextDouble() * (ceiling - ceiling / 2));
          case DECORRELATED -> decorrelated(previous, random);
        };
    return Duration.ofNanos(nanos);
  }

  private long decorrelated(Duration previous, RandomGenerator random) {
    long base = this.base.toNanos();
    long upper = Math.max(base, 3 * Math.max(previous.toNanos(), base));
    long drawn = base + (long) (random.nextDouble() * (upper - base));
    return Math.min(maxDelay.toNanos(), drawn);
  }
}
