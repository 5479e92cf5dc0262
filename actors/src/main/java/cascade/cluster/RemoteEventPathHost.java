package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.experiment.EventPathHost;

/**
 * Starts an experiment's event path on another node, through that node's {@link NodeAgent}.
 *
 * @param role the role of the nodes that may run it: a durable event path is started again on a
 *     node with this role when its node dies
 */
public record RemoteEventPathHost(ActorRef<NodeAgent.Command> agent, String role) implements EventPathHost {

  public RemoteEventPathHost(ActorRef<NodeAgent.Command> agent) {
    this(agent, "");
  }

  @Override
  public void keep(ActorContext<?> experiment, StartEventPath request, ActorRef<cascade.bus.BusProtocol.Command> bus, ActorRef<EventPathStarted> movedTo) {
    if (!role.isEmpty()) {
      experiment.spawn(EventPathKeeper.create(role, request, experiment.getSelf(), bus, movedTo), "event-path-keeper");
    }
  }

  @Override
  public void start(ActorContext<?> experiment, StartEventPath request, ActorRef<EventPathStarted> replyTo) {
    agent.tell(new NodeAgent.StartEventPath(request, experiment.getSelf(), replyTo));
  }
}
