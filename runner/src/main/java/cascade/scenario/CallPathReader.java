package cascade.scenario;

import cascade.callpath.BreakerConsulted;
import cascade.callpath.PolicyExtension;
import cascade.callpath.PolicySettings;
import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.policy.CircuitBreakerConfig;
import cascade.policy.Retry;
import cascade.rpc.CallerSettings;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a call path, {@code rpc} with its retries and the {@code policy} sections it lists, into
 * the caller's own settings. Values are parsed here; the rules that relate them live in the
 * settings' constructors, reported at their keys by {@link Values#build}.
 *
 * <p>Every key is checked whether it is used or not (a policy the path does not list, the other
 * kind of breaker, a retry budget switched off), so a mistake shows before the day it is switched
 * on: each section is built, then kept only where it is used.
 */
final class CallPathReader {

  /** The built-in policies, by their names in a call path's {@code policies} list. */
  private static final List<String> BUILT_IN = List.of("breaker", "bulkhead", "rate-limiter", "adaptive-throttle");

  private enum BreakerKind {
    TUTORIAL("tutorial"),
    COUNT_BASED("count-based"),
    TIME_BASED("time-based");

    final String key;

    BreakerKind(String key) {
      this.key = key;
    }
  }

  private enum LimiterMode {
    REJECT("reject"),
    WAIT("wait");

    final String key;

    LimiterMode(String key) {
      this.key = key;
    }
  }

  private CallPathReader() {}

  static CallerSettings rpc(Values v) {
    CallerSettings.RetryBudget budget =
        v.build("rpc.retry-budget", () -> new CallerSettings.RetryBudget(
            v.number("rpc.retry-budget.ratio"),
            v.number("rpc.retry-budget.min-per-second"),
            v.duration("rpc.retry-budget.window", false)));
    CallerSettings.RetryTokens tokens =
        v.build("rpc.retry-token-bucket", () -> new CallerSettings.RetryTokens(
            v.number("rpc.retry-token-bucket.capacity"),
            v.number("rpc.retry-token-bucket.deposit-per-success")));
    CallerSettings.Hedge hedge =
        v.build("rpc.hedge", () -> new CallerSettings.Hedge(
            v.duration("rpc.hedge.delay", true),
            v.number("rpc.hedge.percentile"),
            v.integer("rpc.hedge.max-hedges")));
    return v.build("rpc", () -> new CallerSettings(
        v.duration("rpc.timeout", false),
        v.durationOrOff("rpc.deadline"),
        retry(v, "rpc.retry"),
        v.bool("rpc.retry-budget.enabled") ? budget : null,
        v.bool("rpc.retry-token-bucket.enabled") ? tokens : null,
        v.bool("rpc.cancel-on-timeout"),
        policies(v, "rpc.policies"),
        v.bool("rpc.hedge.enabled") ? hedge : null));
  }

  /** The retry section at {@code section} ({@code rpc.retry}, {@code event-driven.retry}). */
  static Retry retry(Values v, String section) {
    String s = section + ".";
    return v.build(section, () -> new Retry(
        v.integer(s + "max-retries"),
        new Backoff(
            v.choice(s + "backoff", Backoff.Kind.values(), k -> k.key),
            v.choice(s + "jitter", Backoff.Jitter.values(), j -> j.key),
            v.duration(s + "base", true),
            v.number(s + "multiplier"),
            v.duration(s + "max-delay", true)),
        outcomes(v, s + "retry-on")));
  }

  /**
   * The policies a call path lists at {@code path}, in order: built-in names, configured in their
   * {@code policy.<name>} section, or names of policy extensions on the class path (their keys
   * come from {@code policy.<name>} too).
   */
  static List<PolicySettings> policies(Values v, String path) {
    ConfigValue value = v.value(path);
    if (value.valueType() != ConfigValueType.LIST) {
      throw v.problem(path, "must be a list like [breaker], but was " + Values.render(value));
    }
    Map<String, PolicySettings> builtIn =
        Map.of("breaker", breaker(v), "bulkhead", bulkhead(v), "rate-limiter", rateLimiter(v), "adaptive-throttle", adaptiveThrottle(v));
    List<PolicySettings> chosen = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object item : (List<?>) value.unwrapped()) {
      String name = String.valueOf(item);
      if (!seen.add(name)) {
        throw v.problem(path, "names " + name + " twice");
      }
      chosen.add(
          builtIn.containsKey(name)
              ? builtIn.get(name)
              : new PolicySettings.Extension(name, ExtensionResolver.resolve(v, path, name, true, PolicyExtension.class, BUILT_IN, "policy." + name).settings()));
    }
    return chosen;
  }

  /** The breaker of {@code policy.breaker.kind}; both forms are built, so every key is checked whatever the kind. */
  private static PolicySettings breaker(Values v) {
    String b = "policy.breaker";
    BreakerKind kind = v.choice(b + ".kind", BreakerKind.values(), k -> k.key);
    BreakerConsulted consulted = v.choice(b + ".consulted", BreakerConsulted.values(), c -> c.key);
    int window = v.integer(b + ".window");
    Duration openFor = v.duration(b + ".open-for", false);
    PolicySettings.TutorialBreaker tutorial = v.build(b, () -> new PolicySettings.TutorialBreaker(window, v.integer(b + ".failure-threshold"), openFor, consulted));
    CircuitBreakerConfig config = v.build(b, () -> CircuitBreakerConfig.builder()
        .windowType(kind == BreakerKind.TIME_BASED ? CircuitBreakerConfig.WindowType.TIME_BASED : CircuitBreakerConfig.WindowType.COUNT_BASED)
        .window(window)
        .windowDuration(v.duration(b + ".window-duration", false))
        .minimumCalls(v.integer(b + ".minimum-calls"))
        .failureRateThreshold(v.number(b + ".failure-rate-threshold"))
        .consecutiveFailures(v.integer(b + ".consecutive-failures"))
        .slowCallRateThreshold(v.number(b + ".slow-call-rate-threshold"))
        .slowCallDuration(v.duration(b + ".slow-call-duration", false))
        .recordAsFailure(outcomes(v, b + ".record-as-failure"))
        .openFor(openFor)
        .openGrowth(v.number(b + ".open-growth"))
        .maxOpenFor(v.duration(b + ".max-open-for", false))
        .halfOpenCalls(v.integer(b + ".half-open-calls"))
        .successesToClose(v.integer(b + ".successes-to-close"))
        .build());
    return kind == BreakerKind.TUTORIAL ? tutorial : new PolicySettings.Breaker(config, consulted);
  }

  private static PolicySettings bulkhead(Values v) {
    return v.build("policy.bulkhead", () -> new PolicySettings.Bulkhead(
        v.integer("policy.bulkhead.max-concurrent"),
        v.integer("policy.bulkhead.max-waiting"),
        v.durationOrOff("policy.bulkhead.max-wait")));
  }

  private static PolicySettings rateLimiter(Values v) {
    String r = "policy.rate-limiter.";
    LimiterMode mode = v.choice(r + "mode", LimiterMode.values(), m -> m.key);
    Duration maxWait = v.duration(r + "max-wait", true);
    return v.build("policy.rate-limiter", () -> new PolicySettings.RateLimit(
        v.integer(r + "rate"),
        v.duration(r + "period", false),
        v.integer(r + "burst"),
        // The limiter knows only how long an attempt may wait: to reject at once is to wait 0.
        mode == LimiterMode.REJECT ? Duration.ZERO : maxWait));
  }

  private static PolicySettings adaptiveThrottle(Values v) {
    return v.build("policy.adaptive-throttle", () -> new PolicySettings.AdaptiveThrottle(
        v.number("policy.adaptive-throttle.k"),
        v.duration("policy.adaptive-throttle.window", false)));
  }

  private static Set<CallOutcome> outcomes(Values v, String path) {
    CallOutcome[] failures = {CallOutcome.ERROR, CallOutcome.TIMEOUT, CallOutcome.REJECTION};
    return Set.copyOf(v.choiceList(path, failures, o -> o.key));
  }
}
