package cascade.bus;

import cascade.callpath.PolicySettings;
import cascade.policy.Retry;
import cascade.runtime.InvalidSetting;
import java.time.Duration;
import java.util.List;

/**
 * How a consumer treats each event.
 *
 * @param timeout         how long one try may take before it counts as a timeout
 * @param retry           which failed tries are re-published, how often, after which wait
 * @param cancelOnTimeout tell the service to drop a try that timed out
 * @param policies        the admission checks before each try, in order (never a bulkhead: a
 *                        consumer makes one call at a time)
 */
public record ConsumerSettings(Duration timeout, Retry retry, boolean cancelOnTimeout, List<PolicySettings> policies) {

  public ConsumerSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new InvalidSetting("timeout", "must be above 0, but was " + timeout);
    }
    if (policies.stream().anyMatch(PolicySettings.Bulkhead.class::isInstance)) {
      throw new InvalidSetting("policies", "cannot use bulkhead: a consumer makes one call at a time (use fewer consumers)");
    }
    policies = List.copyOf(policies);
  }

  /** The tutorial's consumer: 200 ms timeout, 3 re-publishes with full-jitter exponential backoff. */
  public static ConsumerSettings tutorialDefaults() {
    return new ConsumerSettings(Duration.ofMillis(200), Retry.tutorialDefaults(), true, List.of());
  }
}
