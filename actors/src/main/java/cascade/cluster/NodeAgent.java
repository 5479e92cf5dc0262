package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import cascade.experiment.CallerHost;
import cascade.experiment.EventPath;
import cascade.experiment.EventPathHost;
import cascade.experiment.ServiceHost;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.MetricsRelay;
import cascade.model.RandomStreams;
import cascade.runtime.CrossesNodes;
import cascade.service.DownstreamService;
import cascade.service.ServiceLauncher;
import cascade.experiment.TierPlacement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The agent of a cluster node: it starts, on its node, the parts of a run that the scenario
 * places there, and stops each when the experiment that asked for it ends. Found through the
 * Receptionist under {@link #KEY}.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {

  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "cascade-node-agent");

  public sealed interface Command {}

  /**
   * The extra cluster role every node carries, naming it: several nodes may share their other
   * roles, and the report must still tell which member is which node.
   */
  public static String nameRole(String node) {
    return "cascade-node:" + node;
  }

  /** The roles a node joins the cluster with: the scenario's, and its name. */
  public static List<String> clusterRoles(String node, List<String> roles) {
    List<String> all = new ArrayList<>(roles);
    all.add(nameRole(node));
    return all;
  }

  /**
   * Start a downstream service here for {@code owner}; tell {@code replyTo} its address. With a
   * {@code serviceKey} (not empty), also register it with the Receptionist under that key: the
   * service is spread over several nodes and reached through a group router.
   */
  public record StartService(
      ServiceHost.StartService request, ActorRef<?> owner, ActorRef<ServiceHost.ServiceStarted> replyTo, String serviceKey)
      implements Command, CrossesNodes {

    public StartService(ServiceHost.StartService request, ActorRef<?> owner, ActorRef<ServiceHost.ServiceStarted> replyTo) {
      this(request, owner, replyTo, "");
    }
  }

  /** Start an event path (bus, consumers, dead-letter queue) here for {@code owner}. */
  public record StartEventPath(
      EventPathHost.StartEventPath request, ActorRef<?> owner, ActorRef<EventPathHost.EventPathStarted> replyTo)
      implements Command, CrossesNodes {}

  /** Start an RPC caller here for {@code owner}; tell {@code replyTo} its address. */
  public record StartCaller(CallerHost.StartCaller request, ActorRef<?> owner, ActorRef<CallerHost.CallerStarted> replyTo)
      implements Command, CrossesNodes {}

  /**
   * Start a share of a topology's tier here for {@code owner}, once what it calls is registered;
   * it registers under the request's key and tells {@code replyTo} its address.
   */
  public record StartTier(TierPlacement.StartTier request, ActorRef<?> owner, ActorRef<ServiceHost.ServiceStarted> replyTo)
      implements Command, CrossesNodes {}

  /** Asks how many of the lab's messages this node has sent to other nodes. */
  public record GetTraffic(ActorRef<NodeTraffic> replyTo) implements Command, CrossesNodes {}

  /** A node's reply to {@link GetTraffic}, with its process id (the run may not have started it). */
  public record NodeTraffic(String node, CrossNodeTraffic.Totals totals, long pid) implements CrossesNodes {}

  /** The experiment that owned what was started here has ended (death watch across nodes). */
  private record OwnerGone(ActorRef<?> owner) implements Command {}

  private final String node;
  /** How many parts this agent has started, to give each a name of its own. */
  private int spawned;
  /** What each experiment had started here; an owner is watched once, however much it started. */
  private final Map<ActorRef<?>, List<ActorRef<?>>> startedFor = new HashMap<>();
  /** The event path each experiment had started here: asked again, the agent answers with it. */
  private final Map<ActorRef<?>, StartedPath> eventPaths = new HashMap<>();

  private NodeAgent(ActorContext<Command> context, String node) {
    super(context);
    this.node = node;
    context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
  }

  /** @param node the node's name, reported with what it starts */
  public static Behavior<Command> create(String node) {
    return Behaviors.setup(context -> new NodeAgent(context, node));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StartService.class, this::onStartService)
        .onMessage(StartEventPath.class, this::onStartEventPath)
        .onMessage(EventPathUp.class, up -> {
          StartedPath path = eventPaths.get(up.owner());
          if (path != null) {
            path.up(up.started());
          }
          return this;
        })
        .onMessage(StartCaller.class, this::onStartCaller)
        .onMessage(StartTier.class, start -> {
          // Beside a relay of its own: the tier's counts and its edges' outcomes ship to the run's recorder.
          startWithRelay(
              "tier-",
              start.owner(),
              start.request().metrics(),
              start.request().runStartNanos(),
              (context, relay) -> context.spawn(TierLauncher.create(start.request(), relay, node, start.replyTo()), "tier-" + start.request().plan().name()));
          return this;
        })
        .onMessage(GetTraffic.class, get -> {
          get.replyTo().tell(new NodeTraffic(node, CrossNodeTraffic.of(getContext().getSystem()).totals(), ProcessHandle.current().pid()));
          return this;
        })
        .onMessage(OwnerGone.class, gone -> {
          eventPaths.remove(gone.owner());
          List<ActorRef<?>> started = startedFor.remove(gone.owner());
          if (started != null) {
            started.forEach(getContext()::stop);
          }
          return this;
        })
        .build();
  }

  private Behavior<Command> onStartEventPath(StartEventPath start) {
    EventPathHost.StartEventPath request = start.request();
    StartedPath known = eventPaths.get(start.owner());
    if (known != null) {
      // Asked again (an answer lost on the way): one event path per run on a node, or two buses
      // would write to one journal. It answers once the path is up, if it is not yet.
      known.answer(start.replyTo());
      return this;
    }
    StartedPath path = new StartedPath();
    path.answer(start.replyTo());
    eventPaths.put(start.owner(), path);
    ActorRef<Command> agent = getContext().getSelf();
    startWithRelay(
        "event-path-",
        start.owner(),
        request.metrics(),
        request.runStartNanos(),
        (context, relay) ->
            agent.tell(new EventPathUp(start.owner(), new EventPathHost.EventPathStarted(EventPath.spawnInto(context, request.reportingTo(relay)), node))));
    return this;
  }

  /** An event path this agent started is up (told by the part's own parent, so on the agent's turn). */
  private record EventPathUp(ActorRef<?> owner, EventPathHost.EventPathStarted started) implements Command {}

  /** An event path started here for one experiment: who waits to hear of it, then where it is. */
  private static final class StartedPath {
    private final List<ActorRef<EventPathHost.EventPathStarted>> waiting = new ArrayList<>();
    private EventPathHost.EventPathStarted started;

    void answer(ActorRef<EventPathHost.EventPathStarted> replyTo) {
      if (started != null) {
        replyTo.tell(started);
      } else {
        waiting.add(replyTo);
      }
    }

    void up(EventPathHost.EventPathStarted path) {
      started = path;
      waiting.forEach(replyTo -> replyTo.tell(path));
      waiting.clear();
    }
  }

  private Behavior<Command> onStartCaller(StartCaller start) {
    CallerHost.StartCaller request = start.request();
    startWithRelay(
        "callers-",
        start.owner(),
        request.metrics(),
        request.runStartNanos(),
        (context, relay) -> start.replyTo().tell(new CallerHost.CallerStarted(request.reportingTo(relay).spawnInto(context), node)));
    return this;
  }

  /**
   * Spawns a part of a run under one parent, so that one stop ends it all, beside a metrics relay
   * that it reports to: the relay ships counts to the experiment's recorder rather than one
   * message per attempt.
   */
  private void startWithRelay(
      String prefix,
      ActorRef<?> owner,
      ActorRef<MetricsRecorder.Command> recorder,
      long runStartNanos,
      BiConsumer<ActorContext<Void>, ActorRef<MetricsRecorder.Command>> start) {
    ActorRef<Void> parent =
        getContext()
            .spawn(
                Behaviors.<Void>setup(
                    context -> {
                      start.accept(context, context.spawn(MetricsRelay.create(recorder, runStartNanos, MetricsRelay.SHIP_EVERY), "metrics-relay"));
                      return Behaviors.empty();
                    }),
                prefix + spawned++);
    stopWithOwner(owner, parent);
  }

  private void stopWithOwner(ActorRef<?> owner, ActorRef<?> started) {
    if (!startedFor.containsKey(owner)) {
      getContext().watchWith(owner, new OwnerGone(owner));
    }
    startedFor.computeIfAbsent(owner, o -> new ArrayList<>()).add(started);
  }

  private Behavior<Command> onStartService(StartService start) {
    ServiceHost.StartService request = start.request();
    // The run's t=0 comes from the owner's JVM; the lab's clock is the same on every process of
    // the machine, so faults fall at the same moments as they would locally.
    ActorRef<DownstreamService.Command> service =
        ServiceLauncher.spawn(
            getContext(), "service-" + spawned++, request.plan(), new RandomStreams(request.seed()), request.runStartNanos(), request.events());
    stopWithOwner(start.owner(), service);
    if (!start.serviceKey().isEmpty()) {
      getContext()
          .getSystem()
          .receptionist()
          .tell(Receptionist.register(ServiceKey.create(DownstreamService.Command.class, start.serviceKey()), service));
    }
    start.replyTo().tell(new ServiceHost.ServiceStarted(service, node));
    return this;
  }
}
