package cascade.experiment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import cascade.bus.Event;
import cascade.bus.EventBus;
import cascade.bus.Publisher;
import cascade.load.ArrivalSchedule;
import cascade.load.ClosedLoop;
import cascade.load.ClosedLoopGenerator;
import cascade.load.LoadGenerator;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.MetricsRecorder;
import cascade.rpc.Caller;
import cascade.runtime.Clock;
import cascade.service.DownstreamService;
import cascade.service.FaultSchedule;
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

  private record CallerReady(CallerHost.CallerStarted started) implements Command {}

  /** A durable event path started again elsewhere: its publisher must follow. */
  private record BusMoved(EventPathHost.EventPathStarted started, ActorRef<Publisher.Command> publisher) implements Command {}

  /**
   * How long a publisher waits for a durable bus to accept an offer before offering it again: well
   * above a loaded journal's write time, so that resending is for offers a dead node lost.
   */
  static final java.time.Duration RESEND_EVERY = java.time.Duration.ofSeconds(2);

  private Experiment() {}

  /**
   * Interval {@code i} of the time series holds the arrivals due in it; the load started
   * {@code loadOffsetNanos} after the series did.
   */
  private static LongUnaryOperator offeredPerInterval(ArrivalSchedule arrivals, long intervalNanos, long loadOffsetNanos) {
    return i -> arrivals.dueBetween(i * intervalNanos - loadOffsetNanos, (i + 1) * intervalNanos - loadOffsetNanos);
  }

  public static Behavior<Command> create(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo) {
    return create(plan, replyTo, ServiceHost.LOCAL, EventPathHost.LOCAL);
  }

  /** As above, with the service and the event path started by their hosts (on other nodes, say). */
  public static Behavior<Command> create(
      ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, ServiceHost host, EventPathHost eventPathHost) {
    return create(plan, replyTo, host, eventPathHost, CallerHost.LOCAL);
  }

  /** As above, with the RPC caller started by its host too. */
  public static Behavior<Command> create(
      ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, ServiceHost host, EventPathHost eventPathHost, CallerHost callerHost) {
    if (plan.architecture() instanceof ExperimentPlan.Topology) {
      return cascade.topology.TopologyExperiment.create(plan, replyTo); // its tiers run here, in this actor system
    }
    return Behaviors.setup(context -> startService(context, plan, replyTo, host, eventPathHost, callerHost));
  }

  /** First the service, wherever it runs; the rest starts once its address is known. */
  private static Behavior<Command> startService(
      ActorContext<Command> context,
      ExperimentPlan plan,
      ActorRef<ArchitectureResult> replyTo,
      ServiceHost host,
      EventPathHost eventPathHost,
      CallerHost callerHost) {
    long startNanos = Clock.nanos();
    ActorRef<MetricsRecorder.Command> metrics = context.spawn(MetricsRecorder.create(startNanos), "metrics");
    ActorRef<DownstreamService.InstanceEvent> instanceEvents =
        context.messageAdapter(DownstreamService.InstanceEvent.class, InstanceChanged::new);
    ActorRef<ServiceHost.ServiceStarted> ready = context.messageAdapter(ServiceHost.ServiceStarted.class, ServiceReady::new);
    host.start(context, new ServiceHost.StartService(plan.service(), plan.seed(), startNanos, instanceEvents), ready);
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
        .onMessage(
            ServiceReady.class,
            r -> start(context, plan, replyTo, metrics, r.started().service(), startNanos, eventPathHost, callerHost))
        .build();
  }

  private static Behavior<Command> forward(ActorRef<MetricsRecorder.Command> metrics, InstanceChanged changed) {
    metrics.tell(new MetricsRecorder.InstanceChanged(changed.event()));
    return Behaviors.same();
  }

  private static Behavior<Command> start(
      ActorContext<Command> context,
      ExperimentPlan plan,
      ActorRef<ArchitectureResult> replyTo,
      ActorRef<MetricsRecorder.Command> metrics,
      ActorRef<DownstreamService.Command> service,
      long startNanos,
      EventPathHost eventPathHost,
      CallerHost callerHost) {
    if (plan.architecture() instanceof ExperimentPlan.Rpc rpc) {
      ActorRef<CallerHost.CallerStarted> ready = context.messageAdapter(CallerHost.CallerStarted.class, CallerReady::new);
      callerHost.start(context, new CallerHost.StartCaller(rpc.caller(), service, metrics, plan.seed(), startNanos), ready);
      return Behaviors.receive(Command.class)
          .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
          .onMessage(CallerReady.class, r -> load(context, plan, replyTo, metrics, startNanos, r.started().caller(), (id, intended) -> new Caller.Submit(id, intended, plan.classes().classOf(id))))
          .build();
    }
    ExperimentPlan.EventDriven events = (ExperimentPlan.EventDriven) plan.architecture();
    ActorRef<EventPathHost.EventPathStarted> ready =
        context.messageAdapter(EventPathHost.EventPathStarted.class, EventPathReady::new);
    EventPathHost.StartEventPath request = new EventPathHost.StartEventPath(events, service, metrics, plan.seed(), startNanos);
    eventPathHost.start(context, request, ready);
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
        .onMessage(
            EventPathReady.class,
            r -> {
              if (!events.durability().journaled()) {
                return load(context, plan, replyTo, metrics, startNanos, r.started().bus(), (id, intended) -> new EventBus.Publish(new Event(id, intended, plan.classes().classOf(id))));
              }
              // A durable bus is published to through a publisher that resends until the bus has
              // journaled each request, and follows the bus when its node is restarted.
              ActorRef<Publisher.Command> publisher = context.spawn(Publisher.create(r.started().bus(), RESEND_EVERY), "publisher");
              ActorRef<EventPathHost.EventPathStarted> moved =
                  context.messageAdapter(EventPathHost.EventPathStarted.class, started -> new BusMoved(started, publisher));
              eventPathHost.keep(context, request, r.started().bus(), moved);
              return load(context, plan, replyTo, metrics, startNanos, publisher, (id, intended) -> new Publisher.Publish(id, intended, plan.classes().classOf(id)));
            })
        .build();
  }

  /**
   * Everything is in place: the load starts now, and the run waits for every request's outcome.
   * Setting up (on other nodes, say) takes a moment, which the load's own clock leaves out.
   */
  private static <T> Behavior<Command> load(
      ActorContext<Command> context,
      ExperimentPlan plan,
      ActorRef<ArchitectureResult> replyTo,
      ActorRef<MetricsRecorder.Command> metrics,
      long startNanos,
      ActorRef<T> target,
      LoadGenerator.RequestFactory<T> requests) {
    long loadStart = startLoad(context, plan, target, requests, metrics, context.messageAdapter(MetricsRecorder.AllEnded.class, AllEnded::new));
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
              replyTo.tell(result(plan, message.ended(), startNanos, loadStart, plan.service().trigger()));
              return Behaviors.stopped();
            })
        .build();
  }

  /**
   * Starts the load toward {@code target} (open or closed loop) and asks the recorder to tell
   * {@code allEnded} once every request has its outcome; returns when the load started.
   */
  public static <T> long startLoad(
      ActorContext<?> context,
      ExperimentPlan plan,
      ActorRef<T> target,
      LoadGenerator.RequestFactory<T> requests,
      ActorRef<MetricsRecorder.Command> metrics,
      ActorRef<MetricsRecorder.AllEnded> allEnded) {
    long loadStart = Clock.nanos();
    if (plan.arrivals() instanceof ClosedLoop closedLoop) {
      context.spawn(ClosedLoopGenerator.create(closedLoop, target, requests, metrics), "load-generator");
    } else {
      context.spawn(LoadGenerator.create((ArrivalSchedule) plan.arrivals(), target, requests, loadStart), "load-generator");
    }
    metrics.tell(new MetricsRecorder.WhenAllEnded(plan.arrivals().total(), allEnded));
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
