package cascade.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.ActorContext;
import cascade.model.RandomStreams;
import java.util.function.IntFunction;

/** Spawns the downstream service of a plan: one instance, or a group of replicas behind one address. */
public final class ServiceLauncher {

  private ServiceLauncher() {}

  /**
   * Instance 0 draws from the stream called "service", so a single-instance run draws exactly
   * what it always did, wherever it runs.
   *
   * @param startNanos the run's t=0 for the instances' fault schedule ({@link cascade.runtime.Clock#nanos()} scale)
   */
  public static ActorRef<DownstreamService.Command> spawn(
      ActorContext<?> context,
      String name,
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
                plan.schedule(),
                plan.supervision(),
                // Named as the actor is, so that Akka's dead letters can be matched to it.
                new DownstreamService.Instance(plan.needsGroup() ? "instance-" + i : name, i, startNanos, events),
                random.forComponent(i == 0 ? "service" : "service-" + i));
    Props props = plan.mailboxCapacity() > 0 ? MailboxSelector.bounded(plan.mailboxCapacity()) : Props.empty();
    if (!plan.needsGroup()) {
      return context.spawn(instance.apply(0), name, props);
    }
    boolean escalate = plan.supervision().strategy() == Supervision.Strategy.ESCALATE;
    return context.spawn(
        ServiceGroup.create(plan.replicas(), instance, props, plan.routing(), escalate, random.forComponent("routing")), name);
  }
}
