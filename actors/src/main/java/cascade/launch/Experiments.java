package cascade.launch;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.metrics.ArchitectureResult;
import cascade.topology.TopologyExperiment;

/**
 * Picks the actor that runs a plan, by its architecture: a topology runs as a
 * {@link TopologyExperiment} (its tiers where the setting's {@code tiers} place them), the others as
 * an {@link Experiment}. It lives above both packages so that {@code cascade.topology} may build on
 * {@code cascade.experiment} without the experiment having to know the topology's actors.
 */
public final class Experiments {

  private Experiments() {}

  public static Behavior<Experiment.Command> create(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, Experiment.Setting setting) {
    if (plan.architecture() instanceof ExperimentPlan.Topology) {
      return TopologyExperiment.create(plan, replyTo, setting);
    }
    return Experiment.create(plan, replyTo, setting);
  }
}
