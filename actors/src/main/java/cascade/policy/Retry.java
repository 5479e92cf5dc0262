package cascade.policy;

import cascade.runtime.InvalidSetting;
import java.time.Duration;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When a failed attempt is tried again, and how soon: at most {@code maxRetries} more attempts,
 * only for outcomes in {@code retryOn}, each after the {@link Backoff}'s wait.
 *
 * @param maxRetries attempts after the first one (0 or more)
 * @param backoff    the wait before each retry
 * @param retryOn    the attempt outcomes worth another try (never success)
 */
public record Retry(int maxRetries, Backoff backoff, Set<CallOutcome> retryOn) {

  public Retry {
    if (maxRetries < 0) {
      throw new InvalidSetting("maxRetries", "must be at least 0, but was " + maxRetries);
    }
    if (retryOn.contains(CallOutcome.SUCCESS)) {
      throw new InvalidSetting("retryOn", "cannot contain success");
    }
    retryOn = Set.copyOf(retryOn);
  }

  /** The tutorial: errors and timeouts, three retries, full-jitter exponential backoff. */
  public static Retry tutorialDefaults() {
    return new Retry(3, Backoff.tutorialDefaults(), Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));
  }

  /** Whether an attempt that ended with {@code outcome}, after {@code retriesSoFar} retries, is tried again. */
  public boolean allows(CallOutcome outcome, int retriesSoFar) {
    return retryOn.contains(outcome) && retriesSoFar < maxRetries;
  }

  /** The wait before retry number {@code retry} (1 for the first); {@code previous} is the last wait. */
  public Duration delay(int retry, Duration previous, RandomGenerator random) {
    return backoff.delay(retry, previous, random);
  }
}
