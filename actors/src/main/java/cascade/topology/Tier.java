package cascade.topology;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.bus.BusProtocol;
import cascade.bus.Event;
import cascade.bus.EventBus;
import cascade.bus.Consumer;
import cascade.bus.DeadLetterQueue;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.TopologyPlan;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.TierTally;
import cascade.model.RandomStreams;
import cascade.rpc.Caller;
import cascade.runtime.Clock;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import cascade.service.ServiceLauncher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One tier of a topology. To its callers it looks like a service: it takes {@link
 * DownstreamService.Handle} and answers each attempt once. Behind that, an attempt first gets the
 * tier's own work done by its own service (one instance or a group, with its model, faults and
 * supervision), then, if that succeeded, goes down every edge at once: an RPC edge calls each of
 * its targets through a {@link Caller} of its own (the edge's timeout, retries and policies) and
 * is satisfied when enough of them succeed (all, any, or a quorum); an event edge publishes to
 * its target's bus and does not wait. The attempt succeeds when every RPC edge is satisfied and
 * fails as soon as one cannot be.
 *
 * <p>A tier does not pass cancellation on: when a caller gives up on an attempt, the work already
 * started for it (its own and downstream) runs to the end and its answer is dropped, as in an RPC
 * stack without deadline propagation. Calls still out when an edge is decided are not cancelled
 * either; they count in the downstream tiers' amplification, as they would in production.
 */
public final class Tier extends AbstractBehavior<DownstreamService.Command> {

  /** An attempt this tier is working on; keyed by a number of the tier's own. */
  private static final class Pending {
    final AttemptId incoming;
    final ActorRef<DownstreamService.Reply> replyTo;
    final long arrivedNanos;
    /** Per RPC edge (index as in {@link #rpcEdges}): successes and failures so far. */
    final int[] succeeded;
    final int[] failed;
    int edgesSatisfied;

    Pending(AttemptId incoming, ActorRef<DownstreamService.Reply> replyTo, long arrivedNanos, int rpcEdges) {
      this.incoming = incoming;
      this.replyTo = replyTo;
      this.arrivedNanos = arrivedNanos;
      this.succeeded = new int[rpcEdges];
      this.failed = new int[rpcEdges];
    }
  }

  /** A downstream call out for a pending attempt, on RPC edge {@code edge}. */
  private record EdgeCall(long pending, int edge) {}

  private final String name;
  private final ActorRef<DownstreamService.Command> service;
  /** Where the tier's counts go: the run's recorder, or its node's relay. */
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final ActorRef<DownstreamService.Reply> answers;
  private final List<TopologyPlan.EdgePlan> rpcEdges = new ArrayList<>();
  /** Per RPC edge, a caller per target. */
  private final List<List<ActorRef<Caller.Command>>> callers = new ArrayList<>();
  /** One bus per target of every event edge. */
  private final List<ActorRef<BusProtocol.Command>> buses = new ArrayList<>();
  private final Map<Long, Pending> pending = new HashMap<>();
  /** Own-service attempts out, by the pending attempt they belong to (same number). */
  private final Map<Long, Long> serviceStarted = new HashMap<>();
  private final Map<Long, EdgeCall> edgeCalls = new HashMap<>();
  /** Numbers own-service attempts, downstream calls and events alike, so none collide. */
  private long next;

  private Tier(
      ActorContext<DownstreamService.Command> context,
      TopologyPlan.TierPlan plan,
      Map<String, ActorRef<DownstreamService.Command>> downstream,
      Map<String, ActorRef<BusProtocol.Command>> busesElsewhere,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomStreams random,
      long runStartNanos,
      ActorRef<DownstreamService.InstanceEvent> instanceEvents) {
    super(context);
    this.name = plan.name();
    this.metrics = metrics;
    this.answers = context.messageAdapter(DownstreamService.Reply.class, DownstreamService.Answered::new);
    this.service = ServiceLauncher.spawn(context, "service", plan.service(), random, runStartNanos, instanceEvents);
    for (TopologyPlan.EdgePlan edge : plan.edges()) {
      if (edge.call() == TopologyPlan.Call.RPC) {
        List<ActorRef<Caller.Command>> targets = new ArrayList<>();
        for (String to : edge.to()) {
          ActorRef<MetricsRecorder.Command> counts = context.spawn(TopologyRecorder.forEdge(name, to, metrics), "counts-" + to);
          targets.add(context.spawn(Caller.create(edge.rpc(), downstream.get(to), counts, random.forComponent("caller-" + to), Clock::nanos), "caller-" + to));
        }
        rpcEdges.add(edge);
        callers.add(targets);
      } else {
        for (String to : edge.to()) {
          ActorRef<BusProtocol.Command> elsewhere = busesElsewhere.get(to);
          buses.add(elsewhere != null ? elsewhere : eventPath(context, name, edge, to, downstream.get(to), metrics, random));
        }
      }
    }
  }

  /**
   * @param downstream      the address of every tier this one calls
   * @param busesElsewhere the buses of event edges that run beside their target, by target; the
   *     other event edges' buses run here
   * @param metrics         where the tier and its edges report ({@link MetricsRecorder.TierCounted},
   *     policy events): the run's recorder, or the relay of the node the tier runs on
   * @param random          this tier's streams: its service's draws, its callers' jitter
   */
  public static Behavior<DownstreamService.Command> create(
      TopologyPlan.TierPlan plan,
      Map<String, ActorRef<DownstreamService.Command>> downstream,
      Map<String, ActorRef<BusProtocol.Command>> busesElsewhere,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomStreams random,
      long runStartNanos,
      ActorRef<DownstreamService.InstanceEvent> instanceEvents) {
    return Behaviors.setup(context -> new Tier(context, plan, downstream, busesElsewhere, metrics, random, runStartNanos, instanceEvents));
  }

  /**
   * The event path of one target of {@code from}'s event edge, as the event-driven architecture
   * builds it (a bounded bus, consumers with the edge's retries, a dead-letter queue), named after
   * the target and spawned under {@code context}: the publishing tier's, or one beside the target.
   *
   * @param random the publishing tier's streams, wherever the event path runs, so the consumers
   *     draw the same numbers
   */
  public static ActorRef<BusProtocol.Command> eventPath(
      ActorContext<?> context,
      String from,
      TopologyPlan.EdgePlan edge,
      String to,
      ActorRef<DownstreamService.Command> target,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomStreams random) {
    ActorRef<MetricsRecorder.Command> counts = context.spawn(TopologyRecorder.forEdge(from, to, metrics), "counts-" + to);
    ExperimentPlan.EventDriven events = edge.eventDriven();
    ActorRef<BusProtocol.Command> bus = context.spawn(EventBus.create(events.busCapacity(), counts), "bus-" + to);
    ActorRef<DeadLetterQueue.Command> deadLetters =
        context.spawn(DeadLetterQueue.create(events.deadLettersKept(), counts), "dead-letter-queue-" + to);
    for (int i = 0; i < events.consumers(); i++) {
      String consumer = "consumer-" + to + "-" + i;
      context.spawn(Consumer.create(events.consumer(), bus, target, deadLetters, counts, random.forComponent(consumer), Clock::nanos), consumer);
    }
    return bus;
  }

  @Override
  public Receive<DownstreamService.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(DownstreamService.Handle.class, this::onHandle)
        .onMessage(DownstreamService.Answered.class, answered -> onReply(answered.reply()))
        .onMessage(DownstreamService.Cancel.class, cancel -> this) // see the class comment
        .onMessage(DownstreamService.GetInFlight.class, get -> {
          get.replyTo().tell(new DownstreamService.InFlight(pending.size(), 0));
          return this;
        })
        .build();
  }

  private Behavior<DownstreamService.Command> onHandle(DownstreamService.Handle handle) {
    long id = next++;
    long now = Clock.nanos();
    pending.put(id, new Pending(handle.attemptId(), handle.replyTo(), now, rpcEdges.size()));
    serviceStarted.put(id, now);
    count(new TierTally.Received(name));
    service.tell(new DownstreamService.Handle(new AttemptId(id, 1), answers, handle.budget()));
    return this;
  }

  private Behavior<DownstreamService.Command> onReply(DownstreamService.Reply reply) {
    long id = reply.attemptId().requestId();
    Long started = serviceStarted.remove(id);
    if (started != null) {
      count(new TierTally.Served(name, Clock.nanos() - started));
      return ownWorkDone(id, reply);
    }
    EdgeCall call = edgeCalls.remove(id);
    Pending p = call == null ? null : pending.get(call.pending());
    if (p == null) {
      return this; // the attempt was already answered: a call that lost an any/quorum race, say
    }
    TopologyPlan.EdgePlan edge = rpcEdges.get(call.edge());
    int e = call.edge();
    if (reply instanceof DownstreamService.Succeeded) {
      if (++p.succeeded[e] == edge.needed()) {
        p.edgesSatisfied++;
      }
    } else if (++p.failed[e] == edge.to().size() - edge.needed() + 1) {
      return answer(call.pending(), p, false);
    }
    return p.edgesSatisfied == rpcEdges.size() ? answer(call.pending(), p, true) : this;
  }

  private Behavior<DownstreamService.Command> ownWorkDone(long id, DownstreamService.Reply reply) {
    Pending p = pending.get(id);
    if (!(reply instanceof DownstreamService.Succeeded)) {
      pending.remove(id);
      count(new TierTally.Answered(name, false));
      p.replyTo.tell(sameKind(reply, p.incoming));
      return this;
    }
    long now = Clock.nanos();
    for (ActorRef<BusProtocol.Command> bus : buses) {
      bus.tell(new BusProtocol.Publish(new Event(next++, now)));
    }
    for (int e = 0; e < rpcEdges.size(); e++) {
      for (ActorRef<Caller.Command> caller : callers.get(e)) {
        long call = next++;
        edgeCalls.put(call, new EdgeCall(id, e));
        caller.tell(new Caller.Call(call, now, answers));
      }
    }
    return rpcEdges.isEmpty() ? answer(id, p, true) : this;
  }

  private Behavior<DownstreamService.Command> answer(long id, Pending p, boolean succeeded) {
    pending.remove(id);
    count(new TierTally.Answered(name, succeeded));
    p.replyTo.tell(succeeded ? new DownstreamService.Succeeded(p.incoming) : new DownstreamService.Failed(p.incoming));
    return this;
  }

  private void count(TierTally.Event event) {
    metrics.tell(new MetricsRecorder.TierCounted(event));
  }

  /** The own service's failure, passed up as it is (a shed attempt stays a rejection). */
  private static DownstreamService.Reply sameKind(DownstreamService.Reply reply, AttemptId incoming) {
    if (reply instanceof DownstreamService.Rejected r) {
      return new DownstreamService.Rejected(incoming, r.reason());
    }
    if (reply instanceof DownstreamService.Lost l) {
      return new DownstreamService.Lost(incoming, l.reason());
    }
    return new DownstreamService.Failed(incoming);
  }
}
