package cascade.run;

import cascade.bus.ConsumerSettings;
import cascade.callpath.PolicySettings;
import cascade.experiment.ExperimentPlan;
import cascade.load.Load;
import cascade.load.RequestClasses;
import cascade.policy.Backoff;
import cascade.policy.CircuitBreakerConfig;
import cascade.policy.Retry;
import cascade.rpc.CallerSettings;
import cascade.scenario.Scenario;
import cascade.service.FaultSchedule;
import cascade.service.ServicePlan;
import cascade.scenario.Topology;
import cascade.experiment.TopologyPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a validated scenario into the plans the actors run, one per architecture. */
public final class Plans {

  private Plans() {}

  public static List<ExperimentPlan> of(Scenario scenario) {
    return of(scenario, scenario.name());
  }

  /**
   * @param run names this run in the journal (its run folder's name, say), so that runs sharing a
   *     PostgreSQL database keep their events apart
   */
  public static List<ExperimentPlan> of(Scenario scenario, String run) {
    Load arrivals = scenario.traffic().load();
    RequestClasses classes = scenario.traffic().classes();
    // Every variant meets the same faults: the trigger is the scenario's, the remedies are the variants'.
    FaultSchedule schedule = scenario.faultSchedule();
    return scenario.variants().stream()
        .map(variant -> plan(variant, arrivals, classes, scenario.seed(), schedule, durability(scenario.persistence(), run + "/" + variant.name())))
        .toList();
  }

  private static ExperimentPlan.Durability durability(Scenario.Persistence persistence, String run) {
    return persistence.on() ? new ExperimentPlan.Durability(run, persistence.snapshotEvery()) : ExperimentPlan.Durability.IN_MEMORY;
  }

  private static ExperimentPlan plan(
      Scenario.Variant variant, Load arrivals, RequestClasses classes, long seed, FaultSchedule whole, ExperimentPlan.Durability durability) {
    return new ExperimentPlan(
        variant.name(),
        architecture(variant, classes, whole, durability),
        arrivals,
        service(variant.service(), classes, whole.forTarget(FaultSchedule.DEFAULT_TARGET)),
        seed,
        classes);
  }

  /** The service as a run meets it: the load's request classes ranked, the scenario's faults aimed at it. */
  private static ServicePlan service(ServicePlan read, RequestClasses classes, FaultSchedule aimed) {
    return read.withShedding(read.shedding().withPriorities(classes.priorities())).withSchedule(aimed);
  }

  private static ExperimentPlan.Architecture architecture(
      Scenario.Variant variant, RequestClasses classes, FaultSchedule schedule, ExperimentPlan.Durability durability) {
    return switch (variant.architecture()) {
      case RPC -> new ExperimentPlan.Rpc(caller(variant.rpc()));
      case EVENT_DRIVEN -> eventDriven(variant.eventDriven(), durability);
      case TOPOLOGY -> new ExperimentPlan.Topology(caller(variant.rpc()), topology(variant.topology(), classes, schedule));
    };
  }

  /** An event path in memory (a topology's event edges). */
  private static ExperimentPlan.EventDriven eventDriven(Scenario.EventDriven e) {
    return eventDriven(e, ExperimentPlan.Durability.IN_MEMORY);
  }

  private static ExperimentPlan.EventDriven eventDriven(Scenario.EventDriven e, ExperimentPlan.Durability durability) {
    ConsumerSettings consumer =
        new ConsumerSettings(e.timeout(), retry(e.retry()), e.cancelOnTimeout(), policies(e.policies(), e.policy()));
    return new ExperimentPlan.EventDriven(e.busCapacity(), e.consumers(), consumer, e.deadLettersKept(), durability);
  }

  /** Each tier meets the faults that name it as their target. */
  private static TopologyPlan topology(Topology t, RequestClasses classes, FaultSchedule schedule) {
    List<TopologyPlan.TierPlan> tiers = new ArrayList<>();
    for (Topology.Tier tier : t.tiers()) {
      List<TopologyPlan.EdgePlan> edges = new ArrayList<>();
      for (Topology.Edge e : tier.edges()) {
        edges.add(
            new TopologyPlan.EdgePlan(
                e.to(),
                TopologyPlan.Call.valueOf(e.call().name()),
                TopologyPlan.WaitFor.valueOf(e.waitFor().name()),
                e.quorum(),
                caller(e.rpc()),
                eventDriven(e.eventDriven()),
                TopologyPlan.BusSide.valueOf(e.busSide().name())));
      }
      tiers.add(new TopologyPlan.TierPlan(tier.name(), service(tier.service(), classes, schedule.forTarget(tier.name())), edges, tier.placement()));
    }
    return new TopologyPlan(t.entry(), tiers);
  }

  static Retry retry(Scenario.Retry r) {
    return new Retry(r.maxRetries(), new Backoff(r.backoff(), r.jitter(), r.base(), r.multiplier(), r.maxDelay()), r.retryOn());
  }

  private static CallerSettings caller(Scenario.Rpc rpc) {
    Scenario.Hedge h = rpc.hedge();
    CallerSettings.Hedge hedge = h.enabled() ? new CallerSettings.Hedge(h.delay(), h.percentile(), h.maxHedges()) : null;
    Scenario.RetryBudget b = rpc.retryBudget();
    CallerSettings.RetryBudget budget = b.enabled() ? new CallerSettings.RetryBudget(b.ratio(), b.minPerSecond(), b.window()) : null;
    Scenario.RetryTokenBucket t = rpc.retryTokenBucket();
    CallerSettings.RetryTokens tokens = t.enabled() ? new CallerSettings.RetryTokens(t.capacity(), t.depositPerSuccess()) : null;
    return new CallerSettings(
        rpc.timeout(), rpc.deadline(), retry(rpc.retry()), budget, tokens, rpc.cancelOnTimeout(), policies(rpc.policies(), rpc.policy()), hedge);
  }

  private static List<PolicySettings> policies(List<Scenario.PolicyChoice> names, Scenario.Policies settings) {
    List<PolicySettings> policies = new ArrayList<>();
    for (Scenario.PolicyChoice choice : names) {
      policies.add(
          choice instanceof Scenario.PolicyExtensionChoice extension
              ? new PolicySettings.Extension(extension.name(), extension.settings())
              : policy(settings, (Scenario.PolicyName) choice));
    }
    return policies;
  }

  private static PolicySettings policy(Scenario.Policies p, Scenario.PolicyName name) {
    return switch (name) {
      case BREAKER -> breaker(p.breaker());
      case BULKHEAD -> new PolicySettings.Bulkhead(p.bulkhead().maxConcurrent(), p.bulkhead().maxWaiting(), p.bulkhead().maxWait());
      case RATE_LIMITER -> {
        Scenario.RateLimiter r = p.rateLimiter();
        Duration maxWait = r.mode() == Scenario.LimiterMode.REJECT ? Duration.ZERO : r.maxWait();
        yield new PolicySettings.RateLimit(r.rate(), r.period(), r.burst(), maxWait);
      }
      case ADAPTIVE_THROTTLE -> new PolicySettings.AdaptiveThrottle(p.adaptiveThrottle().k(), p.adaptiveThrottle().window());
    };
  }

  private static PolicySettings breaker(Scenario.Breaker b) {
    if (b.kind() == Scenario.BreakerKind.SEED) {
      return new PolicySettings.SeedBreaker(b.window(), b.failureThreshold(), b.openFor(), b.consulted());
    }
    boolean timeBased = b.kind() == Scenario.BreakerKind.TIME_BASED;
    CircuitBreakerConfig config =
        CircuitBreakerConfig.builder()
            .windowType(timeBased ? CircuitBreakerConfig.WindowType.TIME_BASED : CircuitBreakerConfig.WindowType.COUNT_BASED)
            .windowSize(timeBased ? (int) b.windowDuration().toSeconds() : b.window())
            .minimumNumberOfCalls(b.minimumCalls())
            .failureRateThreshold(b.failureRateThreshold())
            .consecutiveFailuresThreshold(b.consecutiveFailures())
            .slowCallRateThreshold(b.slowCallRateThreshold())
            .slowCallDuration(b.slowCallDuration())
            .recordAsFailure(b.recordAsFailure())
            .waitInOpen(b.openFor())
            .openBackoffMultiplier(b.openGrowth())
            .maxWaitInOpen(b.maxOpenFor())
            .permittedCallsInHalfOpen(b.halfOpenCalls())
            .successesToClose(b.successesToClose())
            .build();
    return new PolicySettings.Breaker(config, b.consulted());
  }
}
