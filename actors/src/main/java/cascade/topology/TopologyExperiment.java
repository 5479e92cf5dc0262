package cascade.topology;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.ProgressBoard;
import cascade.experiment.StallPatience;
import cascade.experiment.StallReporter;
import cascade.model.RandomStreams;
import cascade.rpc.Caller;
import cascade.runtime.Clock;
import cascade.service.FaultSchedule;
import cascade.service.DownstreamService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a topology from start to finish, as {@link cascade.experiment.Experiment} runs the other
 * architectures: every tier (downstream tiers first, so that each knows where its targets are),
 * the load's caller toward the entry tier, the load; when every request has its outcome it
 * replies with the result, the tiers' counts added, and stops with all its children.
 *
 * <p>Everything runs in this actor system: topologies do not place tiers on cluster nodes yet.
 */
public final class TopologyExperiment {

  public sealed interface Command {}

  private record AllEnded(MetricsRecorder.AllEnded ended) implements Command {}

  private record InstanceChanged(DownstreamService.InstanceEvent event) implements Command {}

  private record TiersCounted(TopologyRecorder.Tiers tiers) implements Command {}

  private record Stalled(MetricsRecorder.Stalled stalled) implements Command {}

  private record Reported(StallReporter.Report report) implements Command {}

  private TopologyExperiment() {}

  /**
   * Accepts {@link Command}s only from itself; typed as the experiment's for the runner's sake.
   *
   * @param progress where the run's recorder publishes how far it has got; null for nowhere
   */
  @SuppressWarnings("unchecked")
  public static <T> Behavior<T> create(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, ProgressBoard.Slot progress) {
    return (Behavior<T>) Behaviors.<Command>setup(context -> start(context, plan, replyTo, progress));
  }

  private static Behavior<Command> start(
      ActorContext<Command> context, ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, ProgressBoard.Slot progress) {
    ExperimentPlan.Topology architecture = (ExperimentPlan.Topology) plan.architecture();
    TopologyPlan topology = architecture.topology();
    long startNanos = Clock.nanos();
    ActorRef<MetricsRecorder.Command> metrics = context.spawn(MetricsRecorder.create(startNanos, progress), "metrics");
    ActorRef<TopologyRecorder.Command> recorder = context.spawn(TopologyRecorder.create(topology, startNanos), "tiers");
    ActorRef<DownstreamService.InstanceEvent> instanceEvents =
        context.messageAdapter(DownstreamService.InstanceEvent.class, InstanceChanged::new);
    RandomStreams random = new RandomStreams(plan.seed());
    Map<String, ActorRef<DownstreamService.Command>> tiers = new HashMap<>();
    for (TopologyPlan.TierPlan tier : topology.downstreamFirst()) {
      // Each tier its own streams, split by name, so that adding a tier does not shift the others' draws.
      RandomStreams own = new RandomStreams(random.forComponent("tier-" + tier.name()).nextLong());
      tiers.put(
          tier.name(),
          context.spawn(Tier.create(tier, Map.copyOf(tiers), recorder, metrics, own, startNanos, instanceEvents), "tier-" + tier.name()));
    }
    ActorRef<Caller.Command> caller =
        context.spawn(
            Caller.create(architecture.caller(), tiers.get(topology.entry()), metrics, random.forComponent("rpc-caller")), "caller");
    long loadStart =
        Experiment.startLoad(
            context,
            plan,
            caller,
            (id, intended) -> new Caller.Submit(id, intended, plan.classes().classOf(id)),
            metrics,
            context.messageAdapter(MetricsRecorder.AllEnded.class, AllEnded::new),
            StallPatience.of(plan, java.time.Duration.ZERO),
            context.messageAdapter(MetricsRecorder.Stalled.class, Stalled::new));
    StallReporter.Locator locate = (ids, answers) -> caller.tell(new Caller.WhereAre(ids, answers));
    return running(context, plan, replyTo, metrics, recorder, startNanos, loadStart, List.of(locate));
  }

  private static Behavior<Command> running(
      ActorContext<Command> context,
      ExperimentPlan plan,
      ActorRef<ArchitectureResult> replyTo,
      ActorRef<MetricsRecorder.Command> metrics,
      ActorRef<TopologyRecorder.Command> recorder,
      long startNanos,
      long loadStart,
      List<StallReporter.Locator> locators) {
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
        .onMessage(Stalled.class, stalled -> Experiment.reportStall(context, plan, stalled.stalled(), locators, Reported::new))
        .onMessage(Reported.class, reported -> Experiment.endWith(reported.report()))
        .onMessage(
            AllEnded.class,
            message -> {
              MetricsRecorder.AllEnded ended = message.ended();
              ArchitectureResult result = result(plan, ended, startNanos, loadStart);
              // Every tier reported before the outcome that ended the run was known: the counts are complete.
              recorder.tell(new TopologyRecorder.GetTiers(plan.arrivals().total(), context.messageAdapter(TopologyRecorder.Tiers.class, TiersCounted::new)));
              return Behaviors.receive(Command.class)
                  .onMessage(TiersCounted.class, counted -> {
                    replyTo.tell(result.withTiers(counted.tiers().tiers()));
                    return Behaviors.stopped();
                  })
                  .onMessage(InstanceChanged.class, changed -> Behaviors.same())
                  .build();
            })
        .build();
  }

  private static Behavior<Command> forward(ActorRef<MetricsRecorder.Command> metrics, InstanceChanged changed) {
    metrics.tell(new MetricsRecorder.InstanceChanged(changed.event()));
    return Behaviors.same();
  }

  private static ArchitectureResult result(ExperimentPlan plan, MetricsRecorder.AllEnded ended, long startNanos, long loadStart) {
    return Experiment.result(plan, ended, startNanos, loadStart, trigger(((ExperimentPlan.Topology) plan.architecture()).topology()));
  }

  /** From the first tier's fault to the last one's end: what the whole topology has to recover from. */
  private static FaultSchedule.Window trigger(TopologyPlan topology) {
    FaultSchedule.Window whole = null;
    for (TopologyPlan.TierPlan tier : topology.tiers()) {
      FaultSchedule.Window own = tier.service().trigger();
      if (own != null) {
        whole =
            whole == null
                ? own
                : new FaultSchedule.Window(Math.min(whole.startNanos(), own.startNanos()), Math.max(whole.endNanos(), own.endNanos()));
      }
    }
    return whole;
  }
}
