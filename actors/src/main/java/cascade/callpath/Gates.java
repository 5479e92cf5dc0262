package cascade.callpath;

import cascade.extension.Extensions;
import cascade.callpath.PolicyExtension;
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

/** Builds a call path's gates from its settings, in the scenario's order. */
public final class Gates {

  private Gates() {}

  public static List<Gate> build(
      List<PolicySettings> policies, Runnable handOffPermit, PolicyEvents events, RandomGenerator random) {
    List<Gate> gates = new ArrayList<>();
    for (PolicySettings policy : policies) {
      gates.add(gate(policy, handOffPermit, events, random));
    }
    return List.copyOf(gates);
  }

  private static Gate gate(
      PolicySettings policy, Runnable handOffPermit, PolicyEvents events, RandomGenerator random) {
    if (policy instanceof PolicySettings.RateLimit r) {
      return new RateLimiterGate(new RateLimiter(r.rate(), r.period(), r.burst(), events), r.maxWait());
    }
    if (policy instanceof PolicySettings.AdaptiveThrottle t) {
      return new AdaptiveThrottleGate(new AdaptiveThrottle(t.k(), t.window(), events), random);
    }
    if (policy instanceof PolicySettings.TutorialBreaker b) {
      return new BreakerGate(new SlidingWindowBreaker(b.window(), b.failureThreshold(), b.openFor()), b.consulted());
    }
    if (policy instanceof PolicySettings.Breaker b) {
      return new BreakerGate(new CircuitBreaker(b.config(), events), b.consulted());
    }
    if (policy instanceof PolicySettings.Bulkhead b) {
      return new BulkheadGate(new Bulkhead(b.maxConcurrent(), b.maxWaiting()), handOffPermit);
    }
    if (policy instanceof PolicySettings.Extension e) {
      PolicyExtension extension =
          Extensions.find(cascade.callpath.PolicyExtension.class, e.name())
              .orElseThrow(() -> new IllegalStateException("no policy extension called " + e.name() + " on this node's class path"));
      return extension.gate(e.settings(), events, random);
    }
    throw new IllegalArgumentException("no gate for " + policy);
  }

  /** How many attempts may wait in the bulkhead; 0 without one. */
  public static int maxWaiting(List<PolicySettings> policies) {
    return bulkhead(policies).map(PolicySettings.Bulkhead::maxWaiting).orElse(0);
  }

  /** How long an attempt may wait in the bulkhead; null for no limit. */
  public static Duration maxWait(List<PolicySettings> policies) {
    return bulkhead(policies).map(PolicySettings.Bulkhead::maxWait).orElse(null);
  }

  private static java.util.Optional<PolicySettings.Bulkhead> bulkhead(List<PolicySettings> policies) {
    return policies.stream()
        .filter(PolicySettings.Bulkhead.class::isInstance)
        .map(PolicySettings.Bulkhead.class::cast)
        .findFirst();
  }
}
