package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Routers;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import cascade.experiment.ServiceHost;
import cascade.service.DownstreamService;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A service spread over several nodes: each node runs a share of the replicas and registers them
 * with the Receptionist under the run's own key; callers reach them through a group router that
 * follows the Receptionist. The experiment is told the router's address once every node's share
 * is registered, so no attempt goes out to an empty router.
 *
 * <p>The router hashes each attempt's id: an attempt's {@code Cancel} reaches the node that has
 * its {@code Handle}. A node that dies leaves the Receptionist's listing and the router; its
 * attempts in flight end as timeouts at their callers.
 */
public final class ServiceDirectory {

  public sealed interface Command {}

  private record Listed(Receptionist.Listing listing) implements Command {}

  private record NodeStarted(ServiceHost.ServiceStarted started) implements Command {}

  /** Virtual nodes per routee on the hash ring: enough to spread attempts evenly over a few nodes. */
  private static final int VIRTUAL_NODES = 16;

  private ServiceDirectory() {}

  /**
   * @param agents the agents of the nodes with the service's role, each to run a share
   * @param key the run's own key, so a later run's replicas never mix with this one's
   */
  public static Behavior<Command> create(
      List<ActorRef<NodeAgent.Command>> agents,
      ServiceHost.StartService request,
      ActorRef<?> owner,
      ServiceKey<DownstreamService.Command> key,
      ActorRef<ServiceHost.ServiceStarted> replyTo) {
    return Behaviors.setup(
        context -> {
          ActorRef<DownstreamService.Command> router =
              context.spawn(Routers.group(key).withConsistentHashingRouting(VIRTUAL_NODES, ServiceDirectory::routingKey), "router");
          context.getSystem().receptionist().tell(Receptionist.subscribe(key, context.messageAdapter(Receptionist.Listing.class, Listed::new)));
          ActorRef<ServiceHost.ServiceStarted> started = context.messageAdapter(ServiceHost.ServiceStarted.class, NodeStarted::new);
          List<Integer> shares = shares(request.plan().replicas(), agents.size());
          for (int i = 0; i < shares.size(); i++) {
            agents.get(i).tell(new NodeAgent.StartService(request.withReplicas(shares.get(i)), owner, started, key.id()));
          }
          return waiting(router, key, shares.size(), replyTo);
        });
  }

  /**
   * Replicas per node, as even as they go: 5 over 2 nodes is 3 and 2. With fewer replicas than
   * nodes, the last nodes run none.
   */
  static List<Integer> shares(int replicas, int nodes) {
    List<Integer> shares = new ArrayList<>();
    for (int i = 0; i < Math.min(replicas, nodes); i++) {
      shares.add(replicas / nodes + (i < replicas % nodes ? 1 : 0));
    }
    return shares;
  }

  /** The router's hash key: the attempt's id, so Handle and Cancel of one attempt go the same way. */
  static String routingKey(DownstreamService.Command command) {
    if (command instanceof DownstreamService.Handle handle) {
      return handle.attemptId().toString();
    }
    if (command instanceof DownstreamService.Cancel cancel) {
      return cancel.attemptId().toString();
    }
    return "";
  }

  /**
   * Waits until every node has said it started its share and the Receptionist lists them all,
   * in whichever order the two arrive; then tells the experiment once, and keeps the router.
   */
  private static Behavior<Command> waiting(
      ActorRef<DownstreamService.Command> router,
      ServiceKey<DownstreamService.Command> key,
      int expected,
      ActorRef<ServiceHost.ServiceStarted> replyTo) {
    TreeSet<String> nodes = new TreeSet<>();
    int[] listed = {0};
    boolean[] told = {false};
    Runnable announceIfReady = () -> {
      if (!told[0] && listed[0] >= expected && nodes.size() >= expected) {
        told[0] = true;
        replyTo.tell(new ServiceHost.ServiceStarted(router, String.join("+", nodes)));
      }
    };
    return Behaviors.receive(Command.class)
        .onMessage(NodeStarted.class, s -> {
          nodes.add(s.started().node());
          announceIfReady.run();
          return Behaviors.same();
        })
        .onMessage(Listed.class, l -> {
          listed[0] = l.listing().getServiceInstances(key).size();
          announceIfReady.run();
          return Behaviors.same();
        })
        .build();
  }
}
