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
import cascade.service.DownstreamService;
import cascade.service.ServiceGroup;
import cascade.service.ServicePlan;
import cascade.service.Supervision;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.Props;
import cascade.load.ArrivalSchedule;
import java.util.function.IntFunction;
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

  private Experiment() {}

  /**
   * One instance, or a group of replicas behind one address. Instance 0 draws from the stream
   * called "service", so a single-instance run draws exactly what it always did.
   */
  private static ActorRef<DownstreamService.Command> spawnService(
      ActorContext<Command> context,
      ServicePlan plan,
      RandomStreams random,
      long startNanos,
      ActorRef<DownstreamService.InstanceEvent> events) {
    IntFunction<Behavior<DownstreamService.Command>> instance =
        i ->
            DownstreamService.create(
                plan.model(),
                plan.shedding(),
                plan.faults(),
                plan.supervision(),
                // Named as the actor is, so that Akka's dead letters can be matched to it.
                new DownstreamService.Instance(plan.needsGroup() ? "instance-" + i : "service", startNanos, events),
                random.forComponent(i == 0 ? "service" : "service-" + i));
    Props props = plan.mailboxCapacity() > 0 ? MailboxSelector.bounded(plan.mailboxCapacity()) : Props.empty();
    if (!plan.needsGroup()) {
      return context.spawn(instance.apply(0), "service", props);
    }
    boolean escalate = plan.supervision().strategy() == Supervision.Strategy.ESCALATE;
    return context.spawn(
        ServiceGroup.create(plan.replicas(), instance, props, plan.routing(), escalate, random.forComponent("routing")),
        "service");
  }

  /** Interval {@code i} of the time series holds the arrivals due in {@code [i, i + 1)} intervals. */
  private static LongUnaryOperator offeredPerInterval(ArrivalSchedule arrivals, long intervalNanos) {
    return i -> arrivals.dueBetween(i * intervalNanos, (i + 1) * intervalNanos);
  }

  public static Behavior<Command> create(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo) {
    return Behaviors.setup(context -> start(context, plan, replyTo));
  }

  private static Behavior<Command> start(
      ActorContext<Command> context, ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo) {
    RandomStreams random = new RandomStreams(plan.seed());
    long startNanos = System.nanoTime();
    ActorRef<MetricsRecorder.Command> metrics = context.spawn(MetricsRecorder.create(startNanos), "metrics");
    ActorRef<DownstreamService.InstanceEvent> instanceEvents =
        context.messageAdapter(DownstreamService.InstanceEvent.class, InstanceChanged::new);
    ActorRef<DownstreamService.Command> service = spawnService(context, plan.service(), random, startNanos, instanceEvents);

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
        .onMessage(
            InstanceChanged.class,
            changed -> {
              metrics.tell(new MetricsRecorder.InstanceChanged(changed.event()));
              return Behaviors.same();
            })
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
