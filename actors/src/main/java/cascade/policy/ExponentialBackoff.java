package cascade.policy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff: before retry number {@code attempt} (1 for the first retry)
 * wait {@code U(0,1) * min(cap, base * 2^(attempt - 1))}.
 *
 * <p>Full jitter spreads the retries of requests that failed together over the whole window, so
 * they do not come back as a second burst.
 */
public record ExponentialBackoff(Duration base, Duration cap) {

  public static final Duration DEFAULT_BASE = Duration.ofMillis(20);
  public static final Duration DEFAULT_CAP = Duration.ofMillis(400);

  public ExponentialBackoff {
    if (base.isNegative()) {
      throw new IllegalArgumentException("base must be at least 0, but was " + base);
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("cap must be at least base (" + base + "), but was " + cap);
    }
  }

  public static ExponentialBackoff seedDefaults() {
    return new ExponentialBackoff(DEFAULT_BASE, DEFAULT_CAP);
  }

  /** The upper bound of the wait before retry {@code attempt}: {@code min(cap, base * 2^(attempt-1))}. */
  public long ceilingNanos(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
    }
    long baseNanos = base.toNanos();
    long capNanos = cap.toNanos();
    // Doubling past 62 shifts would overflow; by then the cap has long been reached.
    int shift = Math.min(attempt - 1, 62);
    if (baseNanos > 0 && baseNanos > (capNanos >> shift)) {
      return capNanos;
    }
    return Math.min(capNanos, baseNanos << shift);
  }

  /** A random wait in {@code [0, ceiling(attempt))}. */
  public Duration delay(int attempt, RandomGenerator random) {
    return Duration.ofNanos((long) (random.nextDouble() * ceilingNanos(attempt)));
  }
}
