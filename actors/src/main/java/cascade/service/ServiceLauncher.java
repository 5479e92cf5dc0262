package cascade.service;

import cascade.extension.ExtensionRef;
import cascade.extension.Extensions;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
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
                plan,
                // Named as the actor is, so that Akka's dead letters can be matched to it.
                new DownstreamService.Instance(plan.needsGroup() ? "instance-" + i : name, i, startNanos, events),
                random.forComponent(i == 0 ? "service" : "service-" + i),
                random.forComponent("restart-jitter-" + i));
    if (!plan.needsGroup()) {
      return context.spawn(instance.apply(0), name, ServiceGroup.instanceProps(plan));
    }
    return context.spawn(ServiceGroup.create(plan, instance, random.forComponent("routing")), name);
  }

  /** Instances of the user's own service actor, each with its own random stream. */
  private static IntFunction<Behavior<DownstreamService.Command>> customInstances(ExtensionRef model, RandomStreams random) {
    ServiceExtension extension =
        Extensions.find(ServiceExtension.class, model.name())
            .orElseThrow(() -> new IllegalStateException("no service extension called " + model.name() + " on this node's class path"));
    return i -> extension.instance(model.settings(), random.forComponent(i == 0 ? "service" : "service-" + i));
  }
}
