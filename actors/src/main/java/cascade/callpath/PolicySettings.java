package cascade.callpath;

import cascade.policy.CircuitBreakerConfig;
import cascade.extension.ExtensionSettings;
import cascade.runtime.InvalidSetting;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/**
 * The settings of one admission check on a call path (the RPC caller's or a consumer's), asked
 * before every attempt in the order the scenario lists them. Each call path builds its own policy
 * instances from these, so two paths never share a breaker's state. Named for Jackson, because a
 * consumer's settings travel to the node it runs on. Each setting is named as its key in the
 * scenario's {@code policy.<name>} section, and each rule is checked here, once.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "policy")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PolicySettings.TutorialBreaker.class, name = "tutorial-breaker"),
  @JsonSubTypes.Type(value = PolicySettings.Breaker.class, name = "breaker"),
  @JsonSubTypes.Type(value = PolicySettings.RateLimit.class, name = "rate-limiter"),
  @JsonSubTypes.Type(value = PolicySettings.AdaptiveThrottle.class, name = "adaptive-throttle"),
  @JsonSubTypes.Type(value = PolicySettings.Bulkhead.class, name = "bulkhead"),
  @JsonSubTypes.Type(value = PolicySettings.Extension.class, name = "extension")
})
public sealed interface PolicySettings {

  /**
   * The seed tutorial's breaker: the last {@code window} outcomes, open for {@code openFor} once
   * they hold {@code failureThreshold} failures.
   *
   * @param consulted which attempts it is asked about (the tutorial: only when a request starts)
   */
  public record TutorialBreaker(int window, int failureThreshold, Duration openFor, BreakerConsulted consulted)
      implements PolicySettings {
    public TutorialBreaker {
      atLeast("window", window, 1);
      if (failureThreshold < 1 || failureThreshold > window) {
        throw new InvalidSetting("failureThreshold", "must be between 1 and " + window + ", but was " + failureThreshold);
      }
    }
  }

  /**
   * A CLOSED / OPEN / HALF_OPEN circuit breaker.
   *
   * @param consulted which attempts it is asked about
   */
  public record Breaker(CircuitBreakerConfig config, BreakerConsulted consulted) implements PolicySettings {}

  /**
   * A token bucket.
   *
   * @param rate    permits added every {@code period}
   * @param burst   permits the bucket holds at most (it starts full)
   * @param maxWait how long an attempt may wait for a permit; zero rejects at once
   */
  public record RateLimit(int rate, Duration period, int burst, Duration maxWait) implements PolicySettings {
    public RateLimit {
      atLeast("rate", rate, 1);
      atLeast("burst", burst, 1);
    }
  }

  /**
   * Client-side adaptive throttling (Google SRE book).
   *
   * @param k      accepts are multiplied by this before they are compared with requests
   * @param window how far back requests and accepts are counted
   */
  public record AdaptiveThrottle(double k, Duration window) implements PolicySettings {
    public AdaptiveThrottle {
      if (!(k > 0 && Double.isFinite(k))) {
        throw new InvalidSetting("k", "must be above 0, but was " + InvalidSetting.written(k));
      }
    }
  }

  /**
   * @param maxConcurrent attempts in flight at once
   * @param maxWaiting    attempts that may wait for a permit
   * @param maxWait       how long an attempt may wait before it is rejected; null for no limit
   */
  public record Bulkhead(int maxConcurrent, int maxWaiting, Duration maxWait) implements PolicySettings {
    public Bulkhead {
      atLeast("maxConcurrent", maxConcurrent, 1);
      atLeast("maxWaiting", maxWaiting, 0);
    }
  }

  /**
   * A policy of the user's own, found by {@code name} among the {@link
   * cascade.callpath.PolicyExtension}s on the class path of the node that builds the gate.
   */
  public record Extension(String name, ExtensionSettings settings) implements PolicySettings {}

  private static void atLeast(String field, int value, int least) {
    if (value < least) {
      throw new InvalidSetting(field, "must be at least " + least + ", but was " + value);
    }
  }
}
