package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.experiment.EventPathHost;

/** Starts an experiment's event path on another node, through that node's {@link NodeAgent}. */
public record RemoteEventPathHost(ActorRef<NodeAgent.Command> agent) implements EventPathHost {

  @Override
  public void start(ActorContext<?> experiment, StartEventPath request, ActorRef<EventPathStarted> replyTo) {
    agent.tell(new NodeAgent.StartEventPath(request, experiment.getSelf(), replyTo));
  }
}
