package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.experiment.ServiceHost;
import cascade.experiment.TierPlacement;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Places each tier of a topology on the nodes with its role, as {@link SpreadServiceHost} places a
 * service: one {@link ServiceDirectory} per tier asks each node's agent to run a share of the
 * tier's replicas, and gives a dead node's share to a node with the role that joins later.
 *
 * @param agents the agents of the nodes of each role a tier is placed on, sorted by address
 * @param placed told, on the experiment's thread, which nodes run each tier
 */
public record SpreadTierPlacement(Map<String, List<ActorRef<NodeAgent.Command>>> agents, BiConsumer<String, String> placed)
    implements TierPlacement {

  public SpreadTierPlacement {
    agents = Map.copyOf(agents);
  }

  @Override
  public void start(ActorContext<?> experiment, StartTier request, ActorRef<ServiceHost.ServiceStarted> replyTo) {
    String role = request.plan().placement();
    // Read here, on the experiment's turn: the directory calls the starter on its own, and an
    // actor's context belongs to the actor's turns alone.
    ActorRef<?> owner = experiment.getSelf();
    ServiceDirectory.ShareStarter tier = (share, started) -> new NodeAgent.StartTier(request.withReplicas(share), owner, started);
    experiment.spawn(
        ServiceDirectory.create(agents.get(role), request.plan().service().replicas(), tier, TierLauncher.tierKey(request.key()), role, replyTo),
        "tier-directory-" + request.plan().name());
  }

  @Override
  public int shares(String role, int replicas) {
    return ServiceDirectory.shares(replicas, agents.get(role).size()).size();
  }

  @Override
  public void placed(String tier, String nodes) {
    placed.accept(tier, nodes);
  }
}
