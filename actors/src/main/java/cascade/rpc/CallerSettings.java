package cascade.rpc;

import cascade.policy.ExponentialBackoff;
import java.time.Duration;

/**
 * How an RPC caller treats each request.
 *
 * @param timeout         how long one attempt may take before it counts as a timeout
 * @param maxRetries      attempts after the first one
 * @param cancelOnTimeout tell the service to drop an attempt that timed out
 * @param backoff         wait between attempts
 * @param breaker         the seed's breaker, or null for none
 * @param maxConcurrent   bulkhead: attempts in flight at once
 * @param maxWaiting      bulkhead: attempts that may wait for a permit
 */
public record CallerSettings(
    Duration timeout,
    int maxRetries,
    boolean cancelOnTimeout,
    ExponentialBackoff backoff,
    BreakerSettings breaker,
    int maxConcurrent,
    int maxWaiting) {

  public CallerSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be above 0, but was " + timeout);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be at least 0, but was " + maxRetries);
    }
  }

  /** The seed's RPC caller: 120 ms timeout, 3 retries, breaker consulted per request, bulkhead 40. */
  public static CallerSettings seedDefaults() {
    return new CallerSettings(
        Duration.ofMillis(120),
        3,
        true,
        ExponentialBackoff.seedDefaults(),
        new BreakerSettings(20, 8, Duration.ofMillis(500), BreakerSettings.Consulted.PER_REQUEST),
        40,
        100_000);
  }

  /**
   * @param consulted when the caller asks the breaker for permission
   */
  public record BreakerSettings(int window, int failureThreshold, Duration openFor, Consulted consulted) {

    public enum Consulted {
      /** Before every attempt, retries included. */
      PER_ATTEMPT,
      /** Only when a request starts, as the seed does. */
      PER_REQUEST
    }
  }
}
