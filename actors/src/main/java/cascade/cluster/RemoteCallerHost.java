package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.experiment.CallerHost;

/** Starts an experiment's RPC caller on another node, through that node's {@link NodeAgent}. */
public record RemoteCallerHost(ActorRef<NodeAgent.Command> agent) implements CallerHost {

  @Override
  public void start(ActorContext<?> experiment, StartCaller request, ActorRef<CallerStarted> replyTo) {
    agent.tell(new NodeAgent.StartCaller(request, experiment.getSelf(), replyTo));
  }
}
