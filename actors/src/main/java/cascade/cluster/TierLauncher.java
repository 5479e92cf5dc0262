package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Routers;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import cascade.bus.EventBus;
import cascade.experiment.ServiceHost;
import cascade.metrics.MetricsRecorder;
import cascade.model.RandomStreams;
import cascade.service.DownstreamService;
import cascade.topology.Tier;
import cascade.topology.TierPlacement;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts one node's share of a topology's tier: a group router on this node for every tier it
 * calls (and every bus beside a target it publishes to), found through the Receptionist, so its
 * calls go straight to the nodes that run them; the tier once every router has all the instances
 * it expects (a call sent sooner would find no routee and be lost); the buses of the event edges
 * into the tier that run beside it; then it registers the tier under its key and says where it
 * is. A node that joins later (a killed one, restarted) is asked to do the same for the share the
 * dead node ran.
 */
final class TierLauncher {

  sealed interface Command {}

  private record Listed(Receptionist.Listing listing) implements Command {}

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
          Map<String, ActorRef<EventBus.Command>> buses = new HashMap<>();
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
      Map<String, ActorRef<EventBus.Command>> buses) {}

  private static Behavior<Command> waiting(ActorContext<Command> context, Launch launch, Map<String, Integer> listed) {
    if (launch.request().expected().entrySet().stream().allMatch(e -> listed.getOrDefault(e.getKey(), 0) >= e.getValue())) {
      return launched(context, launch);
    }
    return Behaviors.receive(Command.class)
        .onMessage(Listed.class, l -> {
          Map<String, Integer> now = new HashMap<>(listed);
          now.put(l.listing().getKey().id(), l.listing().getAllServiceInstances(l.listing().getKey()).size());
          return waiting(context, launch, now);
        })
        .build();
  }

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
                ActorRef<EventBus.Command> bus =
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

  static ServiceKey<EventBus.Command> busKey(String key) {
    return ServiceKey.create(EventBus.Command.class, key);
  }
}
