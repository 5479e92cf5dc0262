package cascade.topology;

import akka.actor.Cancellable;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.RunStalled;
import cascade.experiment.ServiceHost;
import cascade.experiment.TierPlacement;
import cascade.experiment.TopologyPlan;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a topology from start to finish, as {@link cascade.experiment.Experiment} runs the other
 * architectures: every tier (downstream tiers first, so that each can reach its targets as soon as
 * it starts), the load's caller toward the entry tier, the load; when every request has its
 * outcome it replies with the result, the tiers' counts added, and stops with all its children.
 *
 * <p>Without a {@link TierPlacement} every tier runs in this actor system, as this actor's child.
 * With one, each tier runs on the cluster nodes with its role, started one after another, each
 * once the tiers it calls are registered; the load's caller and the recorder stay here.
 */
public final class TopologyExperiment {

  public sealed interface Command {}

  private record AllEnded(MetricsRecorder.AllEnded ended) implements Command {}

  private record InstanceChanged(DownstreamService.InstanceEvent event) implements Command {}

  private record TierReady(String tier, ServiceHost.ServiceStarted started) implements Command {}

  private record SetupTimedOut(String tier) implements Command {}

  /** Time to ask the entry again whether it answers through its router. */
  private record ProbeEntry() implements Command {}

  /** The entry answered through its router: the router knows where it is. */
  private record EntryAnswered(DownstreamService.InFlight inFlight) implements Command {}

  /** How often the entry is asked until it answers. */
  private static final java.time.Duration PROBE_EVERY = java.time.Duration.ofMillis(100);

  private record Stalled(MetricsRecorder.Stalled stalled) implements Command {}

  private record Reported(StallReporter.Report report) implements Command {}

  private TopologyExperiment() {}

  /**
   * Accepts {@link Command}s only from itself; typed as the experiment's for the runner's sake.
   *
   * @param setting its {@code tiers} place the tiers (null: in this actor system); its stall
   *     allowance and load-started hook are honoured as by any experiment
   */
  @SuppressWarnings("unchecked")
  public static <T> Behavior<T> create(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, Experiment.Setting setting) {
    return (Behavior<T>) Behaviors.<Command>setup(context -> start(context, new Run(plan, replyTo, setting, Clock.nanos(), context)));
  }

  /** What the whole run shares, fixed once it starts. */
  private record Run(
      ExperimentPlan plan,
      ActorRef<ArchitectureResult> replyTo,
      Experiment.Setting setting,
      long startNanos,
      ActorRef<MetricsRecorder.Command> metrics,
      ActorRef<DownstreamService.InstanceEvent> instanceEvents,
      RandomStreams random) {

    Run(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, Experiment.Setting setting, long startNanos, ActorContext<Command> context) {
      this(
          plan,
          replyTo,
          setting,
          startNanos,
          context.spawn(MetricsRecorder.create(startNanos, setting.progress().slot(plan.name())), "metrics"),
          context.messageAdapter(DownstreamService.InstanceEvent.class, InstanceChanged::new),
          new RandomStreams(plan.seed()));
    }

    TopologyPlan topology() {
      return ((ExperimentPlan.Topology) plan.architecture()).topology();
    }

    /** Each tier its own streams, split by name, so that adding a tier does not shift the others' draws. */
    long seedOf(String tier) {
      return random.forComponent("tier-" + tier).nextLong();
    }
  }

  private static Behavior<Command> start(ActorContext<Command> context, Run run) {
    TierPlacement placement = run.setting().tiers();
    if (placement != null) {
      return placeNext(context, run, placement, run.topology().downstreamFirst(), keys(run.topology()), new HashMap<>());
    }
    Map<String, ActorRef<DownstreamService.Command>> tiers = new HashMap<>();
    for (TopologyPlan.TierPlan tier : run.topology().downstreamFirst()) {
      RandomStreams own = new RandomStreams(run.seedOf(tier.name()));
      tiers.put(
          tier.name(),
          context.spawn(
              Tier.create(tier, Map.copyOf(tiers), Map.of(), run.metrics(), own, run.startNanos(), run.instanceEvents()), "tier-" + tier.name()));
    }
    return load(context, run, tiers.get(run.topology().entry()));
  }

  /** Keys of the run's own for every tier: an earlier run's instances may still be deregistering. */
  private static Map<String, String> keys(TopologyPlan topology) {
    String run = UUID.randomUUID().toString();
    Map<String, String> keys = new HashMap<>();
    topology.tiers().forEach(tier -> keys.put(tier.name(), "tier-" + tier.name() + "-" + run));
    return keys;
  }

  private static String busKey(Map<String, String> keys, String from, String to) {
    return keys.get(to) + "-bus-from-" + from;
  }

  /**
   * Starts the next tier on its nodes (every tier it calls is registered by now), and waits until
   * its instances are registered in turn; the load starts after the last (the entry).
   */
  private static Behavior<Command> placeNext(
      ActorContext<Command> context,
      Run run,
      TierPlacement placement,
      List<TopologyPlan.TierPlan> toPlace,
      Map<String, String> keys,
      Map<String, ActorRef<DownstreamService.Command>> placed) {
    if (toPlace.isEmpty()) {
      return probeEntry(context, run, placed.get(run.topology().entry()));
    }
    TopologyPlan.TierPlan tier = toPlace.get(0);
    placement.start(context, request(run, placement, tier, keys), context.messageAdapter(ServiceHost.ServiceStarted.class, started -> new TierReady(tier.name(), started)));
    Cancellable setup = context.scheduleOnce(Experiment.SETUP_PATIENCE, context.getSelf(), new SetupTimedOut(tier.name()));
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(run.metrics(), changed))
        .onMessage(TierReady.class, ready -> {
          setup.cancel();
          placement.placed(ready.tier(), ready.started().node());
          Map<String, ActorRef<DownstreamService.Command>> now = new HashMap<>(placed);
          now.put(ready.tier(), ready.started().service());
          return placeNext(context, run, placement, toPlace.subList(1, toPlace.size()), keys, now);
        })
        .onMessage(SetupTimedOut.class, timedOut -> {
          throw new RunStalled(
              "tier " + timedOut.tier() + " did not start within " + Experiment.SETUP_PATIENCE.toSeconds() + " s: a node with role "
                  + tier.placement() + " never answered");
        })
        .build();
  }

  /**
   * Every tier is registered, but the group router that reaches the entry may not have heard so
   * yet: an attempt it routed now could find no routee and be lost (a timeout, an attempt the
   * entry never counted). So the entry is asked, through that router, until it answers; the load
   * starts then.
   */
  private static Behavior<Command> probeEntry(ActorContext<Command> context, Run run, ActorRef<DownstreamService.Command> entry) {
    ActorRef<DownstreamService.InFlight> answers = context.messageAdapter(DownstreamService.InFlight.class, EntryAnswered::new);
    context.getSelf().tell(new ProbeEntry());
    Cancellable setup = context.scheduleOnce(Experiment.SETUP_PATIENCE, context.getSelf(), new SetupTimedOut(run.topology().entry()));
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(run.metrics(), changed))
        .onMessage(ProbeEntry.class, probe -> {
          entry.tell(new DownstreamService.GetInFlight(answers));
          context.scheduleOnce(PROBE_EVERY, context.getSelf(), new ProbeEntry());
          return Behaviors.same();
        })
        .onMessage(EntryAnswered.class, answered -> {
          setup.cancel();
          return load(context, run, entry);
        })
        .onMessage(SetupTimedOut.class, timedOut -> {
          throw new RunStalled("tier " + timedOut.tier() + " did not answer within " + Experiment.SETUP_PATIENCE.toSeconds() + " s of being registered");
        })
        .build();
  }

  /** What the nodes of {@code tier} need: the keys of what it calls, and of the buses it serves. */
  private static TierPlacement.StartTier request(Run run, TierPlacement placement, TopologyPlan.TierPlan tier, Map<String, String> keys) {
    TopologyPlan topology = run.topology();
    Map<String, String> downstream = new HashMap<>();
    Map<String, String> buses = new HashMap<>();
    Map<String, Integer> expected = new HashMap<>();
    for (TopologyPlan.EdgePlan edge : tier.edges()) {
      for (String to : edge.to()) {
        TopologyPlan.TierPlan target = topology.tier(to);
        int shares = placement.shares(target.placement(), target.service().replicas());
        if (edge.call() == TopologyPlan.Call.EVENT && edge.busSide() == TopologyPlan.BusSide.TO) {
          buses.put(to, busKey(keys, tier.name(), to));
          expected.put(busKey(keys, tier.name(), to), shares);
        } else {
          downstream.put(to, keys.get(to));
          expected.put(keys.get(to), shares);
        }
      }
    }
    List<TierPlacement.IncomingBus> incoming = new ArrayList<>();
    for (TopologyPlan.Incoming in : topology.busesBeside(tier.name())) {
      incoming.add(new TierPlacement.IncomingBus(in.from(), in.edge(), run.seedOf(in.from()), busKey(keys, in.from(), tier.name())));
    }
    return new TierPlacement.StartTier(
        tier, downstream, expected, buses, incoming, keys.get(tier.name()), run.seedOf(tier.name()), run.startNanos(), run.metrics(), run.instanceEvents());
  }

  /** Every tier is in place: the load's caller calls the entry, and the load starts. */
  private static Behavior<Command> load(ActorContext<Command> context, Run run, ActorRef<DownstreamService.Command> entry) {
    ExperimentPlan plan = run.plan();
    ExperimentPlan.Topology architecture = (ExperimentPlan.Topology) plan.architecture();
    ActorRef<Caller.Command> caller =
        context.spawn(Caller.create(architecture.caller(), entry, run.metrics(), run.random().forComponent("rpc-caller"), Clock::nanos), "caller");
    long loadStart =
        Experiment.startLoad(
            context,
            plan,
            caller,
            (id, intended) -> new Caller.Submit(id, intended, plan.classes().classOf(id)),
            run.metrics(),
            context.messageAdapter(MetricsRecorder.AllEnded.class, AllEnded::new),
            StallPatience.of(plan, run.setting().stallAllowance()),
            context.messageAdapter(MetricsRecorder.Stalled.class, Stalled::new));
    run.setting().loadStarted().run();
    StallReporter.Locator locate = (ids, answers) -> caller.tell(new Caller.WhereAre(ids, answers));
    return running(context, run, loadStart, List.of(locate));
  }

  private static Behavior<Command> running(ActorContext<Command> context, Run run, long loadStart, List<StallReporter.Locator> locators) {
    ExperimentPlan plan = run.plan();
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(run.metrics(), changed))
        // Probes still on their way, and their answers: the entry was found already.
        .onMessage(ProbeEntry.class, probe -> Behaviors.same())
        .onMessage(EntryAnswered.class, answered -> Behaviors.same())
        .onMessage(Stalled.class, stalled -> Experiment.reportStall(context, plan, stalled.stalled(), locators, Reported::new))
        .onMessage(Reported.class, reported -> Experiment.endWith(reported.report()))
        .onMessage(
            AllEnded.class,
            message -> {
              MetricsRecorder.AllEnded ended = message.ended();
              // Every tier reported before the outcome that ended the run was known, and the
              // nodes' relays shipped their last counts before the recorder handed over: the
              // tiers' counts are complete.
              ArchitectureResult result = result(plan, ended, run.startNanos(), loadStart);
              run.replyTo().tell(result.withTiers(TopologyRecorder.results(run.topology(), ended.metrics().tiers(), plan.arrivals().total())));
              return Behaviors.stopped();
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
