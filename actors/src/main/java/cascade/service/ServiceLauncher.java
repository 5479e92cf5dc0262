package cascade.service;

import cascade.extension.ExtensionRef;
import cascade.extension.Extensions;
import cascade.service.RouterExtension;
import cascade.service.ServiceExtension;
import java.util.random.RandomGenerator;
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
        plan.customModel() != null
            ? customInstances(plan.customModel(), random)
            : i ->
            DownstreamService.create(
                plan.model(),
                plan.shedding(),
                plan.faults(),
                plan.schedule(),
                plan.supervision(),
                // Named as the actor is, so that Akka's dead letters can be matched to it.
                new DownstreamService.Instance(plan.needsGroup() ? "instance-" + i : name, i, startNanos, events),
                random.forComponent(i == 0 ? "service" : "service-" + i),
                random.forComponent("restart-jitter-" + i));
    Props props = plan.mailboxCapacity() > 0 ? MailboxSelector.bounded(plan.mailboxCapacity()) : Props.empty();
    if (!plan.needsGroup()) {
      return context.spawn(instance.apply(0), name, props);
    }
    boolean escalate = plan.supervision().strategy() == Supervision.Strategy.ESCALATE;
    RandomGenerator routingRandom = random.forComponent("routing");
    RouterExtension.Router custom =
        plan.customRouter() == null
            ? null
            : Extensions.find(cascade.service.RouterExtension.class, plan.customRouter().name())
                .orElseThrow(() -> new IllegalStateException("no router extension called " + plan.customRouter().name() + " on this node's class path"))
                .router(plan.customRouter().settings(), routingRandom);
    return context.spawn(ServiceGroup.create(plan.replicas(), instance, props, plan.routing(), custom, escalate, routingRandom), name);
  }

  /** Instances of the user's own service actor, each with its own random stream. */
  private static IntFunction<Behavior<DownstreamService.Command>> customInstances(ExtensionRef model, RandomStreams random) {
    ServiceExtension extension =
        Extensions.find(cascade.service.ServiceExtension.class, model.name())
            .orElseThrow(() -> new IllegalStateException("no service extension called " + model.name() + " on this node's class path"));
    return i -> extension.instance(model.settings(), random.forComponent(i == 0 ? "service" : "service-" + i));
  }
}
