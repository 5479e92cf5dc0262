package cascade.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.Props;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.DeathPactException;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.extension.ExtensionRef;
import cascade.extension.Extensions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * A service of several instances behind one address: callers send it what they would send one
 * instance, and it routes each attempt to an instance (round robin, random, or least loaded),
 * sends cancellations where the attempt went, and passes answers back.
 *
 * <p>It watches its instances. One that stops for good is skipped while any other lives. Under
 * the {@code escalate} strategy an instance's failure is not handled here: the group fails too
 * and its supervisor restarts it, and with it every instance.
 */
public final class ServiceGroup extends AbstractBehavior<DownstreamService.Command> {

  /** Where an outstanding attempt went and who waits for it. Kept across restarts of the group. */
  private record Outstanding(int instance, ActorRef<DownstreamService.Reply> caller) {}

  private final List<ActorRef<DownstreamService.Command>> instances = new ArrayList<>();
  private final boolean[] stopped;
  private final int[] load;
  private final Routing routing;
  /** A user's routing rule, used instead of {@code routing} when not null. */
  private final RouterExtension.Router custom;
  private final boolean escalate;
  private final RandomGenerator random;
  private final Map<AttemptId, Outstanding> outstanding;
  private final ActorRef<DownstreamService.Reply> answers;
  private int next;

  private ServiceGroup(
      ActorContext<DownstreamService.Command> context,
      int replicas,
      IntFunction<Behavior<DownstreamService.Command>> instance,
      Props props,
      Routing routing,
      RouterExtension.Router custom,
      boolean escalate,
      RandomGenerator random,
      Map<AttemptId, Outstanding> outstanding) {
    super(context);
    this.routing = routing;
    this.custom = custom;
    this.escalate = escalate;
    this.random = random;
    this.outstanding = outstanding;
    this.stopped = new boolean[replicas];
    this.load = new int[replicas];
    this.answers = context.messageAdapter(DownstreamService.Reply.class, DownstreamService.Answered::new);
    for (int i = 0; i < replicas; i++) {
      ActorRef<DownstreamService.Command> ref = context.spawn(instance.apply(i), "instance-" + i, props);
      context.watch(ref);
      instances.add(ref);
    }
  }

  /**
   * The group of {@code plan}'s replicas, routed by its rule (or its router extension's), under
   * the {@code escalate} strategy restarted whole when an instance fails.
   *
   * @param instance the behaviour of instance {@code i}, supervised as the plan says
   * @param random   the group's own stream, for random routing or the router extension
   */
  public static Behavior<DownstreamService.Command> create(
      ServicePlan plan, IntFunction<Behavior<DownstreamService.Command>> instance, RandomGenerator random) {
    boolean escalate = plan.supervision().strategy() == Supervision.Strategy.ESCALATE;
    RouterExtension.Router custom = plan.customRouter() == null ? null : router(plan.customRouter(), random);
    Props props = instanceProps(plan);
    // Outside the restartable part: a restart of the group must not forget who waits for what.
    Map<AttemptId, Outstanding> outstanding = new HashMap<>();
    Behavior<DownstreamService.Command> group =
        Behaviors.setup(
            context -> new ServiceGroup(context, plan.replicas(), instance, props, plan.routing(), custom, escalate, random, outstanding));
    return Behaviors.supervise(group)
        .onFailure(DeathPactException.class, SupervisorStrategy.restart().withLoggingEnabled(false));
  }

  /** How an instance of {@code plan} is spawned: with a bounded mailbox when it has one. */
  static Props instanceProps(ServicePlan plan) {
    return plan.mailboxCapacity() > 0 ? MailboxSelector.bounded(plan.mailboxCapacity()) : Props.empty();
  }

  private static RouterExtension.Router router(ExtensionRef extension, RandomGenerator random) {
    return Extensions.find(RouterExtension.class, extension.name())
        .orElseThrow(() -> new IllegalStateException("no router extension called " + extension.name() + " on this node's class path"))
        .router(extension.settings(), random);
  }

  @Override
  public Receive<DownstreamService.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(DownstreamService.Handle.class, this::onHandle)
        .onMessage(DownstreamService.Cancel.class, this::onCancel)
        .onMessage(DownstreamService.Answered.class, this::onAnswered)
        .onMessage(DownstreamService.GetInFlight.class, get -> {
          get.replyTo().tell(new DownstreamService.InFlight(outstanding.size(), 0));
          return this;
        })
        .onSignal(ChildFailed.class, this::onInstanceFailed)
        .onSignal(Terminated.class, this::onInstanceStopped)
        .build();
  }

  private Behavior<DownstreamService.Command> onHandle(DownstreamService.Handle handle) {
    int chosen = custom == null ? choose() : chooseByCustomRule(handle.attemptId().requestId());
    load[chosen]++;
    outstanding.put(handle.attemptId(), new Outstanding(chosen, handle.replyTo()));
    instances.get(chosen).tell(new DownstreamService.Handle(handle.attemptId(), answers, handle.budget(), handle.requestClass()));
    return this;
  }

  private Behavior<DownstreamService.Command> onCancel(DownstreamService.Cancel cancel) {
    Outstanding where = outstanding.remove(cancel.attemptId());
    if (where != null) {
      load[where.instance()]--;
      instances.get(where.instance()).tell(cancel);
    }
    return this;
  }

  private Behavior<DownstreamService.Command> onAnswered(DownstreamService.Answered answered) {
    Outstanding where = outstanding.remove(answered.reply().attemptId());
    if (where != null) {
      load[where.instance()]--;
      where.caller().tell(answered.reply());
    }
    return this;
  }

  private Behavior<DownstreamService.Command> onInstanceFailed(ChildFailed failed) {
    if (escalate) {
      // Left unhandled, a watched child's failure fails the group (DeathPactException), and the
      // group's supervisor restarts it with fresh instances.
      return Behaviors.unhandled();
    }
    return onInstanceStopped(failed);
  }

  private Behavior<DownstreamService.Command> onInstanceStopped(Terminated terminated) {
    int index = instances.indexOf(terminated.getRef());
    if (index >= 0) {
      stopped[index] = true;
    }
    return this;
  }

  /** Asks the user's rule; a stopped instance shows as infinitely loaded, and an answer out of range is folded in. */
  private int chooseByCustomRule(long requestId) {
    int[] outstandingPerInstance = new int[instances.size()];
    for (int i = 0; i < outstandingPerInstance.length; i++) {
      outstandingPerInstance[i] = stopped[i] ? Integer.MAX_VALUE : load[i];
    }
    return Math.floorMod(custom.choose(outstandingPerInstance, requestId), instances.size());
  }

  /** Picks a live instance by the routing rule; if none lives, any (the message becomes a dead letter). */
  private int choose() {
    int replicas = instances.size();
    switch (routing) {
      case RANDOM -> {
        for (int tries = 0; tries < replicas * 4; tries++) {
          int candidate = random.nextInt(replicas);
          if (!stopped[candidate]) {
            return candidate;
          }
        }
      }
      case LEAST_LOADED -> {
        int best = -1;
        for (int i = 0; i < replicas; i++) {
          if (!stopped[i] && (best < 0 || load[i] < load[best])) {
            best = i;
          }
        }
        if (best >= 0) {
          return best;
        }
      }
      case ROUND_ROBIN -> {
        for (int tries = 0; tries < replicas; tries++) {
          int candidate = next++ % replicas;
          if (!stopped[candidate]) {
            return candidate;
          }
        }
      }
    }
    return next++ % replicas;
  }
}
