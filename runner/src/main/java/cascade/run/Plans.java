package cascade.run;

import cascade.experiment.ExperimentPlan;
import cascade.experiment.TopologyPlan;
import cascade.load.Load;
import cascade.load.RequestClasses;
import cascade.scenario.Scenario;
import cascade.service.FaultSchedule;
import cascade.service.ServicePlan;
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
      case RPC -> new ExperimentPlan.Rpc(variant.rpc());
      case EVENT_DRIVEN -> variant.eventDriven().withDurability(durability);
      case TOPOLOGY -> new ExperimentPlan.Topology(variant.rpc(), topology(variant.topology(), classes, schedule));
    };
  }

  /** Each tier meets the faults that name it as their target, and serves the run's request classes. */
  private static TopologyPlan topology(TopologyPlan read, RequestClasses classes, FaultSchedule schedule) {
    return new TopologyPlan(
        read.entry(), read.tiers().stream().map(tier -> tier.withService(service(tier.service(), classes, schedule.forTarget(tier.name())))).toList());
  }
}
