package cascade.run;

import cascade.bus.ConsumerSettings;
import cascade.callpath.PolicySettings;
import cascade.experiment.ExperimentPlan;
import cascade.load.ArrivalSchedule;
import cascade.load.ConstantRate;
import cascade.load.Poisson;
import cascade.load.Ramp;
import cascade.model.RandomStreams;
import cascade.model.FailureModel;
import cascade.policy.Backoff;
import cascade.policy.CircuitBreakerConfig;
import cascade.policy.Retry;
import cascade.rpc.CallerSettings;
import cascade.scenario.Scenario;
import cascade.service.LoadShedding;
import cascade.service.ServicePlan;
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
    ArrivalSchedule arrivals = arrivals(scenario.traffic(), scenario.seed());
    return scenario.variants().stream()
        .map(variant -> plan(variant, arrivals, scenario.seed(), durability(scenario.persistence(), run + "/" + variant.name())))
        .toList();
  }

  private static ExperimentPlan.Durability durability(Scenario.Persistence persistence, String run) {
    return persistence.on() ? new ExperimentPlan.Durability(run, persistence.snapshotEvery()) : ExperimentPlan.Durability.IN_MEMORY;
  }

  private static ExperimentPlan plan(Scenario.Variant variant, ArrivalSchedule arrivals, long seed, ExperimentPlan.Durability durability) {
    Scenario.Service s = variant.service();
    ServicePlan service =
        new ServicePlan(model(s), shedding(s.loadShedding()), s.faults(), s.supervision(), s.replicas(), s.routing(), s.mailboxCapacity());
    return new ExperimentPlan(variant.name(), architecture(variant, durability), arrivals, service, seed);
  }

  static ArrivalSchedule arrivals(Scenario.Traffic traffic, long seed) {
    return switch (traffic.arrivals()) {
      case SEED_COMPATIBLE -> ArrivalSchedule.seedCompatible(traffic.total());
      case BURSTS -> ArrivalSchedule.bursts(traffic.total(), traffic.burst(), traffic.gap());
      case CONSTANT -> new ConstantRate(traffic.total(), traffic.rate());
      case RAMP -> new Ramp(traffic.total(), traffic.rate(), traffic.rampTo());
      // Its own stream of the scenario's seed, so that arrivals do not shift the service's draws.
      case POISSON -> new Poisson(traffic.total(), traffic.rate(), new RandomStreams(seed).forComponent("arrivals").nextLong());
    };
  }

  static FailureModel model(Scenario.Service s) {
    return new FailureModel(
        s.capacity(),
        millis(s.baseLatency()),
        millis(s.jitter()),
        s.failureProbability(),
        millis(s.overloadLatency()),
        s.overloadFailureProbability(),
        s.maxFailureProbability());
  }

  private static LoadShedding shedding(Scenario.LoadShedding s) {
    return new LoadShedding(s.maxConcurrent(), s.queueCapacity(), s.shedUnmeetableDeadlines());
  }

  private static ExperimentPlan.Architecture architecture(Scenario.Variant variant, ExperimentPlan.Durability durability) {
    return switch (variant.architecture()) {
      case RPC -> new ExperimentPlan.Rpc(caller(variant.rpc()));
      case EVENT_DRIVEN -> {
        Scenario.EventDriven e = variant.eventDriven();
        ConsumerSettings consumer =
            new ConsumerSettings(e.timeout(), retry(e.retry()), e.cancelOnTimeout(), policies(e.policies(), e.policy()));
        yield new ExperimentPlan.EventDriven(e.busCapacity(), e.consumers(), consumer, e.deadLettersKept(), durability);
      }
    };
  }

  static Retry retry(Scenario.Retry r) {
    return new Retry(r.maxRetries(), new Backoff(r.backoff(), r.jitter(), r.base(), r.multiplier(), r.maxDelay()), r.retryOn());
  }

  private static CallerSettings caller(Scenario.Rpc rpc) {
    Scenario.Hedge h = rpc.hedge();
    CallerSettings.Hedge hedge = h.enabled() ? new CallerSettings.Hedge(h.delay(), h.percentile(), h.maxHedges()) : null;
    Scenario.RetryBudget b = rpc.retryBudget();
    CallerSettings.RetryBudget budget = b.enabled() ? new CallerSettings.RetryBudget(b.ratio(), b.minPerSecond(), b.window()) : null;
    return new CallerSettings(
        rpc.timeout(), rpc.deadline(), retry(rpc.retry()), budget, rpc.cancelOnTimeout(), policies(rpc.policies(), rpc.policy()), hedge);
  }

  private static List<PolicySettings> policies(List<Scenario.PolicyName> names, Scenario.Policies settings) {
    List<PolicySettings> policies = new ArrayList<>();
    for (Scenario.PolicyName name : names) {
      policies.add(policy(settings, name));
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
    boolean onlyFirstAttempt = b.consulted() == Scenario.BreakerConsulted.PER_REQUEST;
    if (b.kind() == Scenario.BreakerKind.SEED) {
      return new PolicySettings.SeedBreaker(b.window(), b.failureThreshold(), b.openFor(), onlyFirstAttempt);
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
    return new PolicySettings.Breaker(config, onlyFirstAttempt);
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
