package cascade.run;

import cascade.experiment.ExperimentPlan;
import cascade.load.ArrivalSchedule;
import cascade.load.ClosedLoop;
import cascade.load.Load;
import cascade.load.RequestClasses;
import cascade.load.Sinusoidal;
import cascade.load.Spike;
import cascade.load.Step;
import cascade.load.ConstantRate;
import cascade.load.Poisson;
import cascade.load.Ramp;
import cascade.model.RandomStreams;
import cascade.model.FailureModel;
import cascade.scenario.Scenario;
import cascade.service.FaultSchedule;
import cascade.service.LoadShedding;
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
    Load arrivals = arrivals(scenario.traffic(), scenario.seed());
    RequestClasses classes = classes(scenario.traffic(), scenario.seed());
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

  private static ServicePlan service(Scenario.Service s, RequestClasses classes, FaultSchedule schedule) {
    return new ServicePlan(
        model(s),
        shedding(s.loadShedding(), classes),
        s.faults(),
        s.supervision(),
        s.replicas(),
        s.routing(),
        s.mailboxCapacity(),
        s.customModel(),
        s.customRouter(),
        schedule);
  }

  /** Each request's class is drawn from a stream of its own, so classes shift no other draws. */
  static RequestClasses classes(Scenario.Traffic traffic, long seed) {
    return new RequestClasses(traffic.classes(), new RandomStreams(seed).forComponent("request-classes").nextLong());
  }

  static Load arrivals(Scenario.Traffic traffic, long seed) {
    RandomStreams random = new RandomStreams(seed);
    return switch (traffic.arrivals()) {
      case SEED_COMPATIBLE -> ArrivalSchedule.seedCompatible(traffic.total());
      case BURSTS -> ArrivalSchedule.bursts(traffic.total(), traffic.burst(), traffic.gap());
      case CONSTANT -> new ConstantRate(traffic.total(), traffic.rate());
      case RAMP -> new Ramp(traffic.total(), traffic.rate(), traffic.rampTo());
      // Its own stream of the scenario's seed, so that arrivals do not shift the service's draws.
      case POISSON -> new Poisson(traffic.total(), traffic.rate(), random.forComponent("arrivals").nextLong());
      case STEP -> new Step(traffic.total(), traffic.rate(), traffic.step().at(), traffic.step().toPerSecond());
      case SPIKE -> new Spike(traffic.total(), traffic.rate(), traffic.spike().at(), traffic.spike().lasting(), traffic.spike().perSecond());
      case SINUSOIDAL -> new Sinusoidal(traffic.total(), traffic.rate(), traffic.dayCycle().amplitude(), traffic.dayCycle().period());
      case REPLAY -> traffic.replay();
      case EXTENSION -> {
        cascade.extension.ExtensionRef shape = traffic.customShape();
        cascade.load.TrafficShapeExtension extension =
            cascade.extension.Extensions.find(cascade.load.TrafficShapeExtension.class, shape.name())
                .orElseThrow(() -> new IllegalStateException("no traffic shape extension called " + shape.name()));
        yield new cascade.load.ExtensionShape(
            shape.name(), traffic.total(), extension.shape(shape.settings(), traffic.total(), random.forComponent("arrivals").nextLong()));
      }
      case CLOSED_LOOP -> {
        Scenario.Users users = traffic.users();
        yield new ClosedLoop(traffic.total(), users.users(), users.thinkTime(), users.think(), random.forComponent("think-time").nextLong());
      }
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

  private static LoadShedding shedding(Scenario.LoadShedding s, RequestClasses classes) {
    return new LoadShedding(s.maxConcurrent(), s.queueCapacity(), s.shedUnmeetableDeadlines(), classes.priorities());
  }

  private static ExperimentPlan.Architecture architecture(
      Scenario.Variant variant, RequestClasses classes, FaultSchedule schedule, ExperimentPlan.Durability durability) {
    return switch (variant.architecture()) {
      case RPC -> new ExperimentPlan.Rpc(variant.rpc());
      case EVENT_DRIVEN -> variant.eventDriven().withDurability(durability);
      case TOPOLOGY -> new ExperimentPlan.Topology(variant.rpc(), topology(variant.topology(), classes, schedule));
    };
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
                e.rpc(),
                e.eventDriven(),
                TopologyPlan.BusSide.valueOf(e.busSide().name())));
      }
      tiers.add(new TopologyPlan.TierPlan(tier.name(), service(tier.service(), classes, schedule.forTarget(tier.name())), edges, tier.placement()));
    }
    return new TopologyPlan(t.entry(), tiers);
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
