package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.receptionist.ServiceKey;
import cascade.experiment.ServiceHost;
import cascade.service.DownstreamService;
import java.util.List;
import java.util.UUID;

/**
 * Starts an experiment's service on every node with the service's role ({@code role}), each with a
 * share of the replicas, and again on a node with the role that joins after one of them died; see
 * {@link ServiceDirectory}.
 */
public record SpreadServiceHost(List<ActorRef<NodeAgent.Command>> agents, String role) implements ServiceHost {

  public SpreadServiceHost {
    agents = List.copyOf(agents);
  }

  @Override
  public void start(ActorContext<?> experiment, StartService request, ActorRef<ServiceStarted> replyTo) {
    // A key of the run's own: the replicas of an earlier architecture may still be deregistering.
    ServiceKey<DownstreamService.Command> key = ServiceKey.create(DownstreamService.Command.class, "downstream-service-" + UUID.randomUUID());
    // Read here, not in the lambda: the directory calls it on its own thread.
    ActorRef<?> owner = experiment.getSelf();
    ServiceDirectory.ShareStarter service = (share, started) -> new NodeAgent.StartService(request.withReplicas(share), owner, started, key.id());
    experiment.spawn(ServiceDirectory.create(agents, request.plan().replicas(), service, key, role, replyTo), "service-directory");
  }
}
