package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.experiment.ServiceHost;

/** Starts an experiment's service on another node, through that node's {@link NodeAgent}. */
public record RemoteServiceHost(ActorRef<NodeAgent.Command> agent) implements ServiceHost {

  @Override
  public void start(ActorContext<?> experiment, StartService request, ActorRef<ServiceStarted> replyTo) {
    agent.tell(new NodeAgent.StartService(request, experiment.getSelf(), replyTo));
  }
}
