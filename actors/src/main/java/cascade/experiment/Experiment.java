package cascade.experiment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import cascade.bus.Consumer;
import cascade.bus.DeadLetterQueue;
import cascade.bus.Event;
import cascade.bus.EventBus;
import cascade.load.LoadGenerator;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.MetricsRecorder;
import cascade.model.RandomStreams;
import cascade.rpc.Caller;
import cascade.runtime.Clock;
import cascade.service.DownstreamService;
import cascade.load.ArrivalSchedule;
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

  private Experiment() {}

  /** Interval {@code i} of the time series holds the arrivals due in {@code [i, i + 1)} intervals. */
  private static LongUnaryOperator offeredPerInterval(ArrivalSchedule arrivals, long intervalNanos) {
    return i -> arrivals.dueBetween(i * intervalNanos, (i + 1) * intervalNanos);
  }

  public static Behavior<Command> create(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo) {
    return create(plan, replyTo, ServiceHost.LOCAL);
  }

  /** As above, with the downstream service started by {@code host} (on another node, say). */
  public static Behavior<Command> create(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, ServiceHost host) {
    return Behaviors.setup(context -> startService(context, plan, replyTo, host));
  }

  /** First the service, wherever it runs; the rest starts once its address is known. */
  private static Behavior<Command> startService(
      ActorContext<Command> context, ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo, ServiceHost host) {
    long startNanos = Clock.nanos();
    ActorRef<MetricsRecorder.Command> metrics = context.spawn(MetricsRecorder.create(startNanos), "metrics");
    ActorRef<DownstreamService.InstanceEvent> instanceEvents =
        context.messageAdapter(DownstreamService.InstanceEvent.class, InstanceChanged::new);
    ActorRef<ServiceHost.ServiceStarted> ready = context.messageAdapter(ServiceHost.ServiceStarted.class, ServiceReady::new);
    host.start(context, new ServiceHost.StartService(plan.service(), plan.seed(), startNanos, instanceEvents), ready);
    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
        .onMessage(ServiceReady.class, r -> start(context, plan, replyTo, metrics, r.started().service(), startNanos))
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
      long startNanos) {
    RandomStreams random = new RandomStreams(plan.seed());
    if (plan.architecture() instanceof ExperimentPlan.Rpc rpc) {
      ActorRef<Caller.Command> caller =
          context.spawn(Caller.create(rpc.caller(), service, metrics, random.forComponent("rpc-caller")), "caller");
      context.spawn(
          LoadGenerator.create(plan.arrivals(), caller, Caller.Submit::new, startNanos), "load-generator");
    } else if (plan.architecture() instanceof ExperimentPlan.EventDriven events) {
      ActorRef<EventBus.Command> bus = context.spawn(EventBus.create(events.busCapacity(), metrics), "bus");
      ActorRef<DeadLetterQueue.Command> deadLetters =
          context.spawn(DeadLetterQueue.create(events.deadLettersKept(), metrics), "dead-letter-queue");
      for (int i = 0; i < events.consumers(); i++) {
        String name = "consumer-" + i;
        context.spawn(
            Consumer.create(events.consumer(), bus, service, deadLetters, metrics, random.forComponent(name)), name);
      }
      context.spawn(
          LoadGenerator.create(
              plan.arrivals(), bus, (id, intended) -> new EventBus.Publish(new Event(id, intended)), startNanos),
          "load-generator");
    }

    ActorRef<MetricsRecorder.AllEnded> allEnded = context.messageAdapter(MetricsRecorder.AllEnded.class, AllEnded::new);
    metrics.tell(new MetricsRecorder.WhenAllEnded(plan.arrivals().total(), allEnded));

    return Behaviors.receive(Command.class)
        .onMessage(InstanceChanged.class, changed -> forward(metrics, changed))
        .onMessage(
            AllEnded.class,
            message -> {
              MetricsRecorder.AllEnded ended = message.ended();
              replyTo.tell(
                  ArchitectureResult.of(
                      plan.name(),
                      plan.architecture().kind(),
                      plan.arrivals().total(),
                      ended.lastOutcomeNanos() - startNanos,
                      ended.metrics(),
                      ended.lastOutcomeNanos(),
                      plan.service().faults().until() == null ? null : startNanos + plan.service().faults().until().toNanos(),
                      offeredPerInterval(plan.arrivals(), ended.metrics().timeSeries().intervalNanos())));
              return Behaviors.stopped();
            })
        .build();
  }
}
