package cascade.bus;

import cascade.policy.Retry;
import java.time.Duration;

/**
 * How a consumer treats each event.
 *
 * @param timeout         how long one try may take before it counts as a timeout
 * @param retry           which failed tries are re-published, how often, after which wait
 * @param cancelOnTimeout tell the service to drop a try that timed out
 */
public record ConsumerSettings(Duration timeout, Retry retry, boolean cancelOnTimeout) {

  public ConsumerSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be above 0, but was " + timeout);
    }
  }

  /** The seed's consumer: 200 ms timeout, 3 re-publishes with full-jitter exponential backoff. */
  public static ConsumerSettings seedDefaults() {
    return new ConsumerSettings(Duration.ofMillis(200), Retry.seedDefaults(), true);
  }
}
