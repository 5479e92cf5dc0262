package cascade.rpc;

import cascade.callpath.BreakerConsulted;
import cascade.callpath.PolicySettings;
import cascade.policy.Retry;
import cascade.runtime.InvalidSetting;
import java.time.Duration;
import java.util.List;

/**
 * How an RPC caller treats each request: per-attempt timeout, overall deadline, retries, the
 * policies asked before every attempt (in order), and hedging. Each setting is named as its key
 * in the scenario's {@code rpc} section.
 *
 * @param timeout         how long one attempt may take before it counts as a timeout
 * @param deadline        how long a whole request may take, retries included; null for none. No
 *                        attempt starts after it, and an attempt's timeout is cut to what is left
 * @param retry           when and how soon to try again
 * @param retryBudget     a limit on retries across requests, or null for none
 * @param retryTokenBucket a success-funded token bucket that retries spend, or null for none
 * @param cancelOnTimeout tell the service to drop an attempt that timed out (or lost a hedge race)
 * @param policies        the admission checks before every attempt, in this order
 * @param hedge           hedged requests, or null for none
 */
public record CallerSettings(
    Duration timeout,
    Duration deadline,
    Retry retry,
    RetryBudget retryBudget,
    RetryTokens retryTokenBucket,
    boolean cancelOnTimeout,
    List<PolicySettings> policies,
    Hedge hedge) {

  public CallerSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new InvalidSetting("timeout", "must be above 0, but was " + timeout);
    }
    if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
      throw new InvalidSetting("deadline", "must be above 0, but was " + deadline);
    }
    policies = List.copyOf(policies);
  }

  /** A caller without a retry token bucket. */
  public CallerSettings(
      Duration timeout,
      Duration deadline,
      Retry retry,
      RetryBudget retryBudget,
      boolean cancelOnTimeout,
      List<PolicySettings> policies,
      Hedge hedge) {
    this(timeout, deadline, retry, retryBudget, null, cancelOnTimeout, policies, hedge);
  }

  /** The tutorial's RPC caller: 120 ms timeout, 3 retries, breaker consulted per request, bulkhead 40. */
  public static CallerSettings tutorialDefaults() {
    return new CallerSettings(
        Duration.ofMillis(120),
        null,
        Retry.tutorialDefaults(),
        null,
        null,
        true,
        List.of(
            new PolicySettings.TutorialBreaker(20, 8, Duration.ofMillis(500), BreakerConsulted.PER_REQUEST),
            new PolicySettings.Bulkhead(40, 100_000, null)),
        null);
  }

  /**
   * Envoy/Finagle retry budget: retries at most {@code ratio} of the requests of the last
   * {@code window}, plus {@code minPerSecond} per second of it.
   */
  public record RetryBudget(double ratio, double minPerSecond, Duration window) {
    public RetryBudget {
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new InvalidSetting("ratio", "must be between 0 and 1, but was " + InvalidSetting.written(ratio));
      }
      if (!(minPerSecond >= 0)) {
        throw new InvalidSetting("minPerSecond", "must be at least 0, but was " + InvalidSetting.written(minPerSecond));
      }
      if (window.isNegative() || window.isZero()) {
        throw new InvalidSetting("window", "must be above 0, but was " + window);
      }
    }
  }

  /**
   * A success-funded retry token bucket ({@link cascade.policy.RetryTokenBucket}): each request
   * that succeeds deposits {@code depositPerSuccess} of a token, each retry spends one, and the
   * bucket holds at most {@code capacity} (it starts full).
   */
  public record RetryTokens(double capacity, double depositPerSuccess) {
    public RetryTokens {
      if (!(capacity >= 1 && capacity <= 1e9)) {
        throw new InvalidSetting("capacity", "must be between 1 and 1000000000, but was " + InvalidSetting.written(capacity));
      }
      if (!(depositPerSuccess > 0 && depositPerSuccess <= 1)) {
        throw new InvalidSetting("depositPerSuccess", "must be above 0 and at most 1, but was " + InvalidSetting.written(depositPerSuccess));
      }
    }
  }

  /**
   * @param delay       send a second attempt when the first has had no answer for this long
   * @param percentile  when above 0, use this percentile of observed attempt latencies instead
   *                    (once 20 attempts have succeeded), never less than {@code delay}; at
   *                    most 99.999, which a histogram still tells from the maximum
   * @param maxHedges   extra attempts per request
   */
  public record Hedge(Duration delay, double percentile, int maxHedges) {
    public Hedge {
      if (delay.isNegative()) {
        throw new InvalidSetting("delay", "must be at least 0, but was " + delay);
      }
      if (!(percentile >= 0 && percentile <= 99.999)) {
        throw new InvalidSetting("percentile", "must be between 0 and 99.999, but was " + InvalidSetting.written(percentile));
      }
      if (maxHedges < 1) {
        throw new InvalidSetting("maxHedges", "must be at least 1, but was " + maxHedges);
      }
    }
  }
}
