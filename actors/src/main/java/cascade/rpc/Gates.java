package cascade.rpc;

import cascade.policy.AdaptiveThrottle;
import cascade.policy.Bulkhead;
import cascade.policy.CircuitBreaker;
import cascade.policy.PolicyEvents;
import cascade.policy.RateLimiter;
import cascade.policy.SlidingWindowBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Builds the caller's gates from its settings, in the scenario's order. */
final class Gates {

  private Gates() {}

  static List<Gate> build(
      List<CallerSettings.Policy> policies, Runnable handOffPermit, PolicyEvents events, RandomGenerator random) {
    List<Gate> gates = new ArrayList<>();
    for (CallerSettings.Policy policy : policies) {
      gates.add(gate(policy, handOffPermit, events, random));
    }
    return List.copyOf(gates);
  }

  private static Gate gate(
      CallerSettings.Policy policy, Runnable handOffPermit, PolicyEvents events, RandomGenerator random) {
    if (policy instanceof CallerSettings.RateLimit r) {
      return new RateLimiterGate(new RateLimiter(r.permitsPerPeriod(), r.period(), r.burst(), events), r.maxWait());
    }
    if (policy instanceof CallerSettings.AdaptiveThrottle t) {
      return new AdaptiveThrottleGate(new AdaptiveThrottle(t.k(), t.window(), events), random);
    }
    if (policy instanceof CallerSettings.SeedBreaker b) {
      return new SeedBreakerGate(new SlidingWindowBreaker(b.window(), b.failureThreshold(), b.openFor()), b.onlyFirstAttempt());
    }
    if (policy instanceof CallerSettings.Breaker b) {
      return new CircuitBreakerGate(new CircuitBreaker(b.config(), events), b.onlyFirstAttempt());
    }
    if (policy instanceof CallerSettings.BulkheadPolicy b) {
      return new BulkheadGate(new Bulkhead(b.maxConcurrent(), b.maxWaiting()), handOffPermit);
    }
    throw new IllegalArgumentException("no gate for " + policy);
  }

  /** How many attempts may wait in the bulkhead; 0 without one. */
  static int maxWaiting(List<CallerSettings.Policy> policies) {
    return bulkhead(policies).map(CallerSettings.BulkheadPolicy::maxWaiting).orElse(0);
  }

  /** How long an attempt may wait in the bulkhead; null for no limit. */
  static Duration maxWait(List<CallerSettings.Policy> policies) {
    return bulkhead(policies).map(CallerSettings.BulkheadPolicy::maxWait).orElse(null);
  }

  private static java.util.Optional<CallerSettings.BulkheadPolicy> bulkhead(List<CallerSettings.Policy> policies) {
    return policies.stream()
        .filter(CallerSettings.BulkheadPolicy.class::isInstance)
        .map(CallerSettings.BulkheadPolicy.class::cast)
        .findFirst();
  }
}
