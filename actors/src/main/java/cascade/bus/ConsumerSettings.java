package cascade.bus;

import cascade.policy.ExponentialBackoff;
import java.time.Duration;

/**
 * How a consumer treats each event.
 *
 * @param timeout         how long one try may take before it counts as a timeout
 * @param maxRetries      re-publishes after the first try; after that the event is dead-lettered
 * @param cancelOnTimeout tell the service to drop a try that timed out
 * @param backoff         wait before re-publishing
 */
public record ConsumerSettings(Duration timeout, int maxRetries, boolean cancelOnTimeout, ExponentialBackoff backoff) {

  public ConsumerSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be above 0, but was " + timeout);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be at least 0, but was " + maxRetries);
    }
  }

  /** The seed's consumer: 200 ms timeout, 3 re-publishes. */
  public static ConsumerSettings seedDefaults() {
    return new ConsumerSettings(Duration.ofMillis(200), 3, true, ExponentialBackoff.seedDefaults());
  }
}
