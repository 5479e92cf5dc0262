package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.Routers;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import cascade.experiment.ServiceHost;
import cascade.service.DownstreamService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service on the nodes with its role: each node runs a share of the replicas and registers them
 * with the Receptionist under the run's own key; callers reach them through a group router that
 * follows the Receptionist. The experiment is told the router's address once every node's share
 * is registered, so no attempt goes out to an empty router.
 *
 * <p>The router hashes each attempt's id: an attempt's {@code Cancel} reaches the node that has
 * its {@code Handle}. A node that dies leaves the Receptionist's listing and the router; its
 * attempts in flight end as timeouts at their callers. Its share is not lost for good: when a node
 * with the role joins later (the killed node restarted, say), it is asked to run that share, and
 * the router picks it up as soon as it is registered.
 */
public final class ServiceDirectory extends AbstractBehavior<ServiceDirectory.Command> {

  public sealed interface Command {}

  /** A listing of the service's key or of the node agents' (one adapter serves both subscriptions). */
  private record Listed(Receptionist.Listing listing) implements Command {}

  private record NodeStarted(ServiceHost.ServiceStarted started) implements Command {}

  /** Virtual nodes per routee on the hash ring: enough to spread attempts evenly over a few nodes. */
  private static final int VIRTUAL_NODES = 16;

  private final ShareStarter starter;
  private final ServiceKey<DownstreamService.Command> key;
  private final String role;
  private final ActorRef<ServiceHost.ServiceStarted> replyTo;
  private final ActorRef<DownstreamService.Command> router;
  private final ActorRef<ServiceHost.ServiceStarted> started;
  /** The share of the replicas each agent was asked to run, in the order they were asked. */
  private final Map<ActorRef<NodeAgent.Command>, Integer> shareOf = new LinkedHashMap<>();
  /** Shares whose node left the cluster, waiting for a node with the role to take them. */
  private final Deque<Integer> orphaned = new ArrayDeque<>();
  private final int expected;
  private final TreeSet<String> nodes = new TreeSet<>();
  private int listed;
  private boolean told;

  private ServiceDirectory(
      ActorContext<Command> context,
      List<ActorRef<NodeAgent.Command>> agents,
      int replicas,
      ShareStarter starter,
      ServiceKey<DownstreamService.Command> key,
      String role,
      ActorRef<ServiceHost.ServiceStarted> replyTo) {
    super(context);
    this.starter = starter;
    this.key = key;
    this.role = role;
    this.replyTo = replyTo;
    this.router = context.spawn(Routers.group(key).withConsistentHashingRouting(VIRTUAL_NODES, ServiceDirectory::routingKey), "router");
    this.started = context.messageAdapter(ServiceHost.ServiceStarted.class, NodeStarted::new);
    // A second adapter for the same message class would replace the first: one serves both.
    ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, Listed::new);
    context.getSystem().receptionist().tell(Receptionist.subscribe(key, listings));
    context.getSystem().receptionist().tell(Receptionist.subscribe(NodeAgent.KEY, listings));
    List<Integer> shares = shares(replicas, agents.size());
    this.expected = shares.size();
    for (int i = 0; i < shares.size(); i++) {
      ask(agents.get(i), shares.get(i));
    }
  }

  /**
   * Asks a node to run a share of what the directory spreads: a service's replicas, a topology
   * tier's. What is started registers under the directory's key and answers {@code started}.
   */
  public interface ShareStarter {
    NodeAgent.Command start(int share, ActorRef<ServiceHost.ServiceStarted> started);
  }

  /**
   * @param agents the agents of the nodes with the service's role, each to run a share
   * @param replicas how many replicas there are to spread over the agents
   * @param starter what each agent is asked to run, for its share
   * @param key the run's own key, so a later run's replicas never mix with this one's
   * @param role the service's role, which a node that joins later must have to take a share
   */
  public static Behavior<Command> create(
      List<ActorRef<NodeAgent.Command>> agents,
      int replicas,
      ShareStarter starter,
      ServiceKey<DownstreamService.Command> key,
      String role,
      ActorRef<ServiceHost.ServiceStarted> replyTo) {
    return Behaviors.setup(context -> new ServiceDirectory(context, agents, replicas, starter, key, role, replyTo));
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

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(NodeStarted.class, s -> {
          nodes.add(s.started().node());
          return announceIfReady();
        })
        .onMessage(Listed.class, l -> {
          if (l.listing().isForKey(NodeAgent.KEY)) {
            return onAgents(l.listing().getServiceInstances(NodeAgent.KEY));
          }
          listed = l.listing().getServiceInstances(key).size();
          return announceIfReady();
        })
        .build();
  }

  /**
   * Tells the experiment once every node has said it started its share and the Receptionist lists
   * them all, in whichever order the two arrive.
   */
  private Behavior<Command> announceIfReady() {
    if (!told && listed >= expected && nodes.size() >= expected) {
      told = true;
      replyTo.tell(new ServiceHost.ServiceStarted(router, String.join("+", nodes)));
    }
    return this;
  }

  /**
   * A node that ran a share has left (it is no longer listed): its share waits for a node with the
   * role that runs none, which may be listed already or join later.
   */
  private Behavior<Command> onAgents(Set<ActorRef<NodeAgent.Command>> agents) {
    for (ActorRef<NodeAgent.Command> asked : List.copyOf(shareOf.keySet())) {
      if (!agents.contains(asked)) {
        orphaned.add(shareOf.remove(asked));
        getContext().getLog().info("the service's node at {} is gone; its share waits for a node with role {}", asked.path().address(), role);
      }
    }
    for (ActorRef<NodeAgent.Command> agent : agents) {
      if (orphaned.isEmpty()) {
        break;
      }
      if (!shareOf.containsKey(agent) && hasRole(agent)) {
        getContext().getLog().info("starting the service's share again on {}", agent.path().address());
        ask(agent, orphaned.poll());
      }
    }
    return this;
  }

  private void ask(ActorRef<NodeAgent.Command> agent, int share) {
    shareOf.put(agent, share);
    agent.tell(starter.start(share, started));
  }

  private boolean hasRole(ActorRef<NodeAgent.Command> agent) {
    Cluster cluster = Cluster.get(getContext().getSystem());
    // An agent on this node (the first node's, for a topology) has a local address, without host and port.
    akka.actor.Address address = agent.path().address().hasLocalScope() ? cluster.selfMember().address() : agent.path().address();
    for (Member member : cluster.state().getMembers()) {
      if (member.address().equals(address) && member.getRoles().contains(role)) {
        return true;
      }
    }
    return false;
  }
}
