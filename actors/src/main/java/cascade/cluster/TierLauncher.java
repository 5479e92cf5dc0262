package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Routers;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import cascade.bus.BusProtocol;
import cascade.bus.EventBus;
import cascade.experiment.ServiceHost;
import cascade.metrics.MetricsRecorder;
import cascade.model.RandomStreams;
import cascade.service.DownstreamService;
import cascade.topology.Tier;
import cascade.experiment.TierPlacement;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts one node's share of a topology's tier: a group router on this node for every tier it
 * calls (and every bus beside a target it publishes to), found through the Receptionist, so its
 * calls go straight to the nodes that run them; the tier once the Receptionist lists all the
 * instances each router expects and each router has passed a probe to one of them (a call sent
 * sooner could find no routee and be lost); the buses of the event edges
 * into the tier that run beside it; then it registers the tier under its key and says where it
 * is. A node that joins later (a killed one, restarted) is asked to do the same for the share the
 * dead node ran.
 */
final class TierLauncher {

  sealed interface Command {}

  private record Listed(Receptionist.Listing listing) implements Command {}

  /** A router this share calls through answered a probe (or the probe timed out: {@code answered} false). */
  private record Probed(String target, boolean answered) implements Command {}

  /** How long a probe through a router waits for its answer before it is sent again. */
  private static final java.time.Duration PROBE_PATIENCE = java.time.Duration.ofMillis(200);

  /** Virtual nodes per routee on a router's hash ring, as for a spread service. */
  private static final int VIRTUAL_NODES = 16;

  private TierLauncher() {}

  /** @param relay the node's relay for this run: the tier and its edges report to it */
  static Behavior<Command> create(
      TierPlacement.StartTier request, ActorRef<MetricsRecorder.Command> relay, String node, ActorRef<ServiceHost.ServiceStarted> replyTo) {
    return Behaviors.setup(
        context -> {
          Map<String, ActorRef<DownstreamService.Command>> downstream = new HashMap<>();
          request.downstream().forEach((tier, key) -> downstream.put(tier, context.spawn(tierRouter(key), "router-" + tier)));
          Map<String, ActorRef<BusProtocol.Command>> buses = new HashMap<>();
          request.buses().forEach((tier, key) -> buses.put(tier, context.spawn(Routers.group(busKey(key)).withRoundRobinRouting(), "bus-router-" + tier)));
          Map<String, Integer> listed = new HashMap<>();
          ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, Listed::new);
          request.downstream().values().forEach(key -> context.getSystem().receptionist().tell(Receptionist.subscribe(tierKey(key), listings)));
          request.buses().values().forEach(key -> context.getSystem().receptionist().tell(Receptionist.subscribe(busKey(key), listings)));
          Launch launch = new Launch(request, relay, node, replyTo, downstream, buses);
          return waiting(context, launch, listed);
        });
  }

  /** What the tier is started with once it can reach everything it calls. */
  private record Launch(
      TierPlacement.StartTier request,
      ActorRef<MetricsRecorder.Command> relay,
      String node,
      ActorRef<ServiceHost.ServiceStarted> replyTo,
      Map<String, ActorRef<DownstreamService.Command>> downstream,
      Map<String, ActorRef<BusProtocol.Command>> buses) {}

  private static Behavior<Command> waiting(ActorContext<Command> context, Launch launch, Map<String, Integer> listed) {
    if (launch.request().expected().entrySet().stream().allMatch(e -> listed.getOrDefault(e.getKey(), 0) >= e.getValue())) {
      launch.downstream().keySet().forEach(target -> probe(context, launch, target));
      launch.buses().keySet().forEach(target -> probe(context, launch, BUS + target));
      return probing(context, launch, new java.util.HashSet<>());
    }
    return Behaviors.receive(Command.class)
        .onMessage(Listed.class, l -> {
          Map<String, Integer> now = new HashMap<>(listed);
          now.put(l.listing().getKey().id(), l.listing().getAllServiceInstances(l.listing().getKey()).size());
          return waiting(context, launch, now);
        })
        .build();
  }

  /**
   * Every instance is listed here, but a router may not have heard of them yet: a call it routed
   * now could find no routee and be lost. So each router is asked (through it, by the tier or bus
   * behind it) until it answers; the tier starts then.
   */
  private static Behavior<Command> probing(ActorContext<Command> context, Launch launch, java.util.Set<String> answered) {
    if (answered.size() == launch.downstream().size() + launch.buses().size()) {
      return launched(context, launch);
    }
    return Behaviors.receive(Command.class)
        .onMessage(Probed.class, probed -> {
          if (!probed.answered()) {
            probe(context, launch, probed.target());
            return Behaviors.same();
          }
          java.util.Set<String> now = new java.util.HashSet<>(answered);
          now.add(probed.target());
          return probing(context, launch, now);
        })
        .onMessage(Listed.class, l -> Behaviors.same())
        .build();
  }

  /** @param target a tier's name, or {@link #BUS} and a tier's name for the bus beside it */
  private static void probe(ActorContext<Command> context, Launch launch, String target) {
    if (target.startsWith(BUS)) {
      ActorRef<BusProtocol.Command> bus = launch.buses().get(target.substring(BUS.length()));
      context.ask(BusProtocol.Depth.class, bus, PROBE_PATIENCE, BusProtocol.GetDepth::new, (reply, failure) -> new Probed(target, reply != null));
    } else {
      ActorRef<DownstreamService.Command> tier = launch.downstream().get(target);
      context.ask(
          DownstreamService.InFlight.class, tier, PROBE_PATIENCE, DownstreamService.GetInFlight::new, (reply, failure) -> new Probed(target, reply != null));
    }
  }

  /** Marks a probe of a bus router (tier names hold no colon). */
  private static final String BUS = "bus:";

  private static Behavior<Command> launched(ActorContext<Command> context, Launch launch) {
    TierPlacement.StartTier request = launch.request();
    ActorRef<DownstreamService.Command> tier =
        context.spawn(
            Tier.create(
                request.plan(), launch.downstream(), launch.buses(), launch.relay(), new RandomStreams(request.seed()), request.runStartNanos(), request.events()),
            "tier");
    for (TierPlacement.IncomingBus incoming : request.incoming()) {
      context.spawn(
          Behaviors.<Void>setup(
              events -> {
                ActorRef<BusProtocol.Command> bus =
                    Tier.eventPath(events, incoming.from(), incoming.edge(), request.plan().name(), tier, launch.relay(), new RandomStreams(incoming.fromSeed()));
                events.getSystem().receptionist().tell(Receptionist.register(busKey(incoming.key()), bus));
                return Behaviors.empty();
              }),
          "events-from-" + incoming.from());
    }
    context.getSystem().receptionist().tell(Receptionist.register(tierKey(request.key()), tier));
    launch.replyTo().tell(new ServiceHost.ServiceStarted(tier, launch.node()));
    // Later listings (a node of a tier it calls gone, or back) are the routers' business.
    return Behaviors.ignore();
  }

  private static Behavior<DownstreamService.Command> tierRouter(String key) {
    // Hashing the attempt's id, as a spread service's router does: its Cancel follows its Handle.
    return Routers.group(tierKey(key)).withConsistentHashingRouting(VIRTUAL_NODES, ServiceDirectory::routingKey);
  }

  static ServiceKey<DownstreamService.Command> tierKey(String key) {
    return ServiceKey.create(DownstreamService.Command.class, key);
  }

  static ServiceKey<BusProtocol.Command> busKey(String key) {
    return ServiceKey.create(BusProtocol.Command.class, key);
  }
}
