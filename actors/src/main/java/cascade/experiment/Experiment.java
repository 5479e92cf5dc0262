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

/**
 * Runs one architecture of a scenario from start to finish: spawns the service, the architecture's
 * actors, a metrics recorder and the load generator as its children, waits until every request
 * has its outcome, replies with the result, and stops (which stops its children).
 */
public final class Experiment {

  public sealed interface Command {}

  private record AllEnded(MetricsRecorder.AllEnded ended) implements Command {}

  private Experiment() {}

  public static Behavior<Command> create(ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo) {
    return Behaviors.setup(context -> start(context, plan, replyTo));
  }

  private static Behavior<Command> start(
      ActorContext<Command> context, ExperimentPlan plan, ActorRef<ArchitectureResult> replyTo) {
    RandomStreams random = new RandomStreams(plan.seed());
    ActorRef<MetricsRecorder.Command> metrics = context.spawn(MetricsRecorder.create(), "metrics");
    ActorRef<DownstreamService.Command> service =
        context.spawn(DownstreamService.create(plan.service(), plan.shedding(), random.forComponent("service")), "service");

    long startNanos = System.nanoTime();
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
            AllEnded.class,
            message -> {
              MetricsRecorder.AllEnded ended = message.ended();
              replyTo.tell(
                  ArchitectureResult.of(
                      plan.name(),
                      plan.architecture().kind(),
                      plan.arrivals().total(),
                      ended.lastOutcomeNanos() - startNanos,
                      ended.metrics()));
              return Behaviors.stopped();
            })
        .build();
  }
}
