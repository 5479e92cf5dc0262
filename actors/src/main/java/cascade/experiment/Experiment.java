package cascade.experiment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import cascade.bus.BusProtocol;
import cascade.bus.Event;
import cascade.bus.Publisher;
import cascade.load.ArrivalSchedule;
import cascade.load.ClosedLoop;
import cascade.load.ClosedLoopGenerator;
import cascade.load.LoadGenerator;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.ProgressBoard;
import cascade.metrics.Whereabouts;
import cascade.rpc.Caller;
import cascade.runtime.Clock;
import cascade.service.DownstreamService;
import cascade.service.FaultSchedule;
import akka.actor.Cancellable;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Runs one architecture of a scenario from start to finish: spawns the service, the architecture's
 * actors, a metrics recorder and the load generator as its children, waits until every request
 * has its outcome, replies with the result, and stops (which stops its children).
 */
public final class Experiment {

  public sealed interface Command {}

  private record AllEnded(MetricsRecorder.AllEnded ended) implements Command {}

  private record InstanceChanged(DownstreamService.InstanceEvent event) implements Command {}

  private record ServiceReady(ServiceHost.ServiceStarted started) implements Command {}

  private record EventPathReady(EventPathHost.EventPathStarted started) implements Command {}

  /** A durable bus has recovered from its journal: the load may start. */
  private record BusRecovered(BusProtocol.Depth depth) implements Command {}

  private record CallerReady(CallerHost.CallerStarted started) implements Command {}

  /** The recorder saw no request end for too long while some are open. */
  private record Stalled(MetricsRecorder.Stalled stalled) implements Command {}

  /** The stalled run's report is written: the run ends with it. */
  private record Reported(StallReporter.Report report) implements Command {}

  /** A part of the run did not start in time (its node never answered). */
  private record SetupTimedOut(String what) implements Command {}

  /** A durable event path started again elsewhere: its publisher must follow. */
  private record BusMoved(EventPathHost.EventPathStarted started, ActorRef<Publisher.Command> publisher) implements Command {}

  /**
   * How long a publisher waits for a durable bus to accept an offer before offering it again: well
   * above a loaded journal's write time, so that resending is for offers a dead node lost.
   */
  static final java.time.Duration RESEND_EVERY = java.time.Duration.ofSeconds(2);

  /**
   * How long the parts of a run may take to start (on other nodes, whose journal may have to open
   * first) before the run gives up on them.
   */
  public static final java.time.Duration SETUP_PATIENCE = java.time.Duration.ofSeconds(60);

  private Experiment() {}

  /**
   * Interval {@code i} of the time series holds the arrivals due in it; the load started
   * {@code loadOffsetNanos} after the series did.
   */
  private static LongUnaryOperator offeredPerInterval(ArrivalSchedule arrivals, long intervalNanos, long loadOffsetNanos) {
    // One walk over the schedule, counted by interval: asking each interval for its arrivals
    // would walk it once per interval (100,000 requests over 20 minutes: 12,000 walks).
    long[] counts = new long[16];
    ArrivalSchedule.Cursor cursor = arrivals.cursor();
    for (long request = 0; request < arrivals.total(); request++) {
      int interval = (int) Math.max(0, (cursor.offsetNanos(request) + loadOffsetNanos) / intervalNanos);
      if (interval >= counts.length) {
        counts = java.util.Arrays.copyOf(counts, Math.max(interval + 1, counts.length * 2));
      }
      counts[interval]++;
    }
    long[] offered = counts;
    return i -> i < offered.length ? offered[(int) i] : 0;
  }

  /**
   * Where an experiment's parts run, and what the run around it needs to know.
   *
   * @param stallAllowance added to the time the run may go without an outcome before it is
   *     declared stalled (see {@link StallPatience}): the time node kills and restarts take
   * @param loadStarted called (on the experiment's thread) when the load starts, after every part
   *     is in place: node kills are timed from it
   * @param progress where the run's recorder publishes how far it has got (its slot is found by
   *     the plan's name); {@link ProgressBoard#NONE} for nowhere
   * @param tiers where a topology's tiers run; null: in the experiment's own actor system
   */
  public record Setting(
      ServiceHost service,
      EventPathHost eventPath,
      CallerHost caller,
      java.time.Duration stallAllowance,
      Runnable loadStarted,
      ProgressBoard progress,
      TierPlacement tiers) {

    /** Everything in the experiment's own actor system. */
    public static final Setting LOCAL = new Setting(ServiceHost.LOCAL, EventPathHost.LOCAL, CallerHost.LOCAL, java.time.Duration.ZERO, () -> {});

    /** As above, with progress published nowhere and a topology's tiers, if any, in the experiment's own actor system. */
    public Setting(ServiceHost service, EventPathHost eventPath, CallerHost caller, java.time.Duration stallAllowance, Runnable loadStarted) {
      this(service, eventPath, caller, stallAllowance, loadStarted, ProgressBoard.NONE, null);
    }

    /** This setting, with progress published to {@code board}. */
    public Setting withProgress(ProgressBoard board) {
      return new Setting(service, eventPath, caller, stallAllowance, loadStarted, board, tiers);
    }

    /** This setting, with a topology's tiers placed by {@code placement}. */
    public Setting withTiers(TierPlacement placement) {
      return new Setting(service, eventPath, caller, stallAllowance, loadStarted, progress, placement);
    }
  }

  /**
   * Runs an RPC or event-driven plan. A topology runs as a TopologyExperiment, which builds on this
   * package (its setting, hosts, load and stall reporting): the factory above both, Experiments,
   * picks the one for a plan, so that this package need not know the topology's actors.
   *
   * @param replyTo told the result once every request has its outcome
   * @param setting where the parts run; {@link Setting#LOCAL}: all in this actor system
   */
  public static Behavior<Command> create(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, Setting setting) {
    if (plan.architecture() instanceof ExperimentPlan.Topology) {
      throw new IllegalArgumentException("a topology runs as a TopologyExperiment: start " + plan.name() + " through Experiments.create");
    }
    Parts parts = new Parts(plan, replyTo, setting, StallPatience.of(plan, setting.stallAllowance()));
    return Behaviors.setup(context -> startService(context, parts));
  }

  /** What one experiment is made of, fixed once it starts. */
  private record Parts(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, Setting setting, java.time.Duration patience) {
    ServiceHost host() {
      return setting.service();
    }

    EventPathHost eventPathHost() {
      return setting.eventPath();
    }

    CallerHost callerHost() {
      return setting.caller();
    }
  }

  /** First the service, wherever it runs; the rest starts once its address is known. */
  private static Behavior<Command> startService(ActorContext<Command> context, Parts parts) {
    ExperimentPlan plan = parts.plan();
    long startNanos = Clock.nanos();
    ActorRef<MetricsRecorder.Command> metrics =
        context.spawn(MetricsRecorder.create(startNanos, parts.setting().progress().slot(plan.name())), "metrics");
    ActorRef<DownstreamService.InstanceEvent> instanceEvents =
        context.messageAdapter(DownstreamService.InstanceEvent.class, InstanceChanged::new);
    ActorRef<ServiceHost.ServiceStarted> ready = context.messageAdapter(ServiceHost.ServiceStarted.class, ServiceReady::new);
    parts.host().start(context, new ServiceHost.StartService(plan.service(), plan.seed(), startNanos, instanceEvents), ready);
    Cancellable setup = context.scheduleOnce(SETUP_PATIENCE, context.getSelf(), new SetupTimedOut("the downstream service"));
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
        .onMessage(ServiceReady.class, r -> {
          setup.cancel();
          return start(context, parts, metrics, r.started().service(), startNanos);
        })
        .onMessage(SetupTimedOut.class, Experiment::gaveUp)
        .build();
  }

  private static Behavior<Command> gaveUp(SetupTimedOut timedOut) {
    throw new RunStalled(timedOut.what() + " did not start within " + SETUP_PATIENCE.toSeconds() + " s: its node never answered");
  }

  private static Behavior<Command> forward(ActorRef<MetricsRecorder.Command> metrics, InstanceChanged changed) {
    metrics.tell(new MetricsRecorder.InstanceChanged(changed.event()));
    return Behaviors.same();
  }

  private static Behavior<Command> start(
      ActorContext<Command> context, Parts parts, ActorRef<MetricsRecorder.Command> metrics, ActorRef<DownstreamService.Command> service, long startNanos) {
    ExperimentPlan plan = parts.plan();
    if (plan.architecture() instanceof ExperimentPlan.Rpc rpc) {
      ActorRef<CallerHost.CallerStarted> ready = context.messageAdapter(CallerHost.CallerStarted.class, CallerReady::new);
      parts.callerHost().start(context, new CallerHost.StartCaller(rpc.caller(), service, metrics, plan.seed(), startNanos), ready);
      Cancellable setup = context.scheduleOnce(SETUP_PATIENCE, context.getSelf(), new SetupTimedOut("the RPC caller"));
      return Behaviors.receive(Command.class)
          .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
          .onMessage(CallerReady.class, r -> {
            setup.cancel();
            ActorRef<Caller.Command> caller = r.started().caller();
            StallReporter.Locator locate = (ids, answers) -> caller.tell(new Caller.WhereAre(ids, answers));
            return load(context, parts, metrics, startNanos, caller, (id, intended) -> new Caller.Submit(id, intended, plan.classes().classOf(id)), List.of(locate));
          })
          .onMessage(SetupTimedOut.class, Experiment::gaveUp)
          .build();
    }
    ExperimentPlan.EventDriven events = (ExperimentPlan.EventDriven) plan.architecture();
    ActorRef<EventPathHost.EventPathStarted> ready =
        context.messageAdapter(EventPathHost.EventPathStarted.class, EventPathReady::new);
    EventPathHost.StartEventPath request = new EventPathHost.StartEventPath(events, service, metrics, plan.seed(), startNanos);
    parts.eventPathHost().start(context, request, ready);
    Cancellable setup = context.scheduleOnce(SETUP_PATIENCE, context.getSelf(), new SetupTimedOut("the event path"));
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
        .onMessage(
            EventPathReady.class,
            r -> {
              // The bus may move (a restarted node): the report asks the one in place then.
              ActorRef<BusProtocol.Command>[] bus = new ActorRef[] {r.started().bus()};
              StallReporter.Locator busLocator = (ids, answers) -> bus[0].tell(new BusProtocol.WhereAre(ids, answers));
              if (!events.durability().journaled()) {
                setup.cancel();
                return load(
                    context, parts, metrics, startNanos, bus[0], (id, intended) -> new BusProtocol.Publish(new Event(id, intended, plan.classes().classOf(id))), List.of(busLocator));
              }
              // A durable bus answers GetDepth once it has read its journal back: the load starts
              // then, so that "3 s into the load" means 3 s of a working event path, however long
              // the journal took to open on a busy machine.
              bus[0].tell(new BusProtocol.GetDepth(context.messageAdapter(BusProtocol.Depth.class, BusRecovered::new)));
              return Behaviors.receive(Command.class)
                  .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
                  .onMessage(BusRecovered.class, recovered -> {
                    setup.cancel();
                    return startDurable(context, parts, metrics, startNanos, request, bus, busLocator);
                  })
                  .onMessage(SetupTimedOut.class, Experiment::gaveUp)
                  .build();
            })
        .onMessage(SetupTimedOut.class, Experiment::gaveUp)
        .build();
  }

  /** A durable bus is ready: the load starts, through a publisher. */
  private static Behavior<Command> startDurable(
      ActorContext<Command> context,
      Parts parts,
      ActorRef<MetricsRecorder.Command> metrics,
      long startNanos,
      EventPathHost.StartEventPath request,
      ActorRef<BusProtocol.Command>[] bus,
      StallReporter.Locator busLocator) {
    ExperimentPlan plan = parts.plan();
    // A durable bus is published to through a publisher that resends until the bus has journaled
    // each request, and follows the bus when its node is restarted.
    ActorRef<Publisher.Command> publisher = context.spawn(Publisher.create(bus[0], RESEND_EVERY), "publisher");
    ActorRef<EventPathHost.EventPathStarted> moved =
        context.messageAdapter(EventPathHost.EventPathStarted.class, started -> {
          bus[0] = started.bus();
          return new BusMoved(started, publisher);
        });
    parts.eventPathHost().keep(context, request, bus[0], moved);
    StallReporter.Locator publisherLocator = (ids, answers) -> publisher.tell(new Publisher.WhereAre(ids, answers));
    return load(
        context,
        parts,
        metrics,
        startNanos,
        publisher,
        (id, intended) -> new Publisher.Publish(id, intended, plan.classes().classOf(id)),
        List.of(publisherLocator, busLocator));
  }


  /**
   * Everything is in place: the load starts now, and the run waits for every request's outcome.
   * Setting up (on other nodes, say) takes a moment, which the load's own clock leaves out.
   *
   * @param locators the parts that can hold a request, asked where the open ones are if the run stalls
   */
  private static <T> Behavior<Command> load(
      ActorContext<Command> context,
      Parts parts,
      ActorRef<MetricsRecorder.Command> metrics,
      long startNanos,
      ActorRef<T> target,
      LoadGenerator.RequestFactory<T> requests,
      List<StallReporter.Locator> locators) {
    ExperimentPlan plan = parts.plan();
    long loadStart =
        startLoad(
            context,
            plan,
            target,
            requests,
            metrics,
            context.messageAdapter(MetricsRecorder.AllEnded.class, AllEnded::new),
            parts.patience(),
            context.messageAdapter(MetricsRecorder.Stalled.class, Stalled::new));
    parts.setting().loadStarted().run();
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
        .onMessage(BusMoved.class, moved -> {
          context.getLog().info("the event path runs again on node {}", moved.started().node());
          moved.publisher().tell(new Publisher.BusMoved(moved.started().bus()));
          return Behaviors.same();
        })
        .onMessage(
            AllEnded.class,
            message -> {
              parts.replyTo().tell(result(plan, message.ended(), startNanos, loadStart, plan.service().trigger()));
              return Behaviors.stopped();
            })
        .onMessage(Stalled.class, stalled -> reportStall(context, plan, stalled.stalled(), locators))
        .onMessage(Reported.class, Experiment::endWith)
        .build();
  }

  /** The run stalled: a reporter asks the parts where the open requests are. */
  public static <C> Behavior<C> reportStall(ActorContext<C> context, ExperimentPlan plan, MetricsRecorder.Stalled stalled, List<StallReporter.Locator> locators, java.util.function.Function<StallReporter.Report, C> adapt) {
    context.spawn(StallReporter.create(plan, stalled, locators, context.messageAdapter(StallReporter.Report.class, adapt::apply)), "stall-report");
    return Behaviors.same();
  }

  private static Behavior<Command> reportStall(ActorContext<Command> context, ExperimentPlan plan, MetricsRecorder.Stalled stalled, List<StallReporter.Locator> locators) {
    return reportStall(context, plan, stalled, locators, Reported::new);
  }

  /** Fails the experiment with the report: its parent ends the run with it (exit code 1). */
  public static <C> Behavior<C> endWith(StallReporter.Report report) {
    throw new RunStalled(report.text());
  }

  private static Behavior<Command> endWith(Reported reported) {
    return endWith(reported.report());
  }

  /**
   * Starts the load toward {@code target} (open or closed loop) and asks the recorder to tell
   * {@code allEnded} once every request has its outcome, and {@code stalled} if none ends for
   * {@code patience} while some are open; returns when the load started.
   */
  public static <T> long startLoad(
      ActorContext<?> context,
      ExperimentPlan plan,
      ActorRef<T> target,
      LoadGenerator.RequestFactory<T> requests,
      ActorRef<MetricsRecorder.Command> metrics,
      ActorRef<MetricsRecorder.AllEnded> allEnded,
      java.time.Duration patience,
      ActorRef<MetricsRecorder.Stalled> stalled) {
    long loadStart = Clock.nanos();
    java.util.function.LongUnaryOperator dueBy = null;
    if (plan.arrivals() instanceof ClosedLoop closedLoop) {
      context.spawn(ClosedLoopGenerator.create(closedLoop, target, requests, metrics), "load-generator");
    } else {
      ArrivalSchedule schedule = (ArrivalSchedule) plan.arrivals();
      context.spawn(LoadGenerator.create(schedule, target, requests, loadStart), "load-generator");
      // The load generator sends each request at its offset: what is due is what has been sent.
      dueBy = elapsed -> schedule.dueBetween(0, elapsed + 1);
    }
    metrics.tell(new MetricsRecorder.WhenAllEnded(plan.arrivals().total(), allEnded));
    metrics.tell(new MetricsRecorder.WatchForStall(patience, dueBy, loadStart, stalled));
    return loadStart;
  }

  /**
   * The result of a run whose requests have all ended.
   *
   * @param trigger when its faults started and ended, or null
   */
  public static ArchitectureResult result(
      ExperimentPlan plan, MetricsRecorder.AllEnded ended, long startNanos, long loadStart, FaultSchedule.Window trigger) {
    return ArchitectureResult.of(
        plan.name(),
        plan.architecture().kind(),
        plan.arrivals().total(),
        ended.lastOutcomeNanos() - loadStart,
        ended.metrics(),
        ended.lastOutcomeNanos(),
        plan.service().faults().until() == null ? null : startNanos + plan.service().faults().until().toNanos(),
        plan.arrivals() instanceof ArrivalSchedule schedule
            ? offeredPerInterval(schedule, ended.metrics().timeSeries().intervalNanos(), loadStart - startNanos)
            : ended.metrics().timeSeries()::offeredIn,
        plan.classes().names(),
        trigger);
  }

}
