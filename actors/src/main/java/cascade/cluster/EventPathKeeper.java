package cascade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import cascade.bus.BusProtocol;
import cascade.experiment.EventPathHost;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps a durable event path running on the node with its role: when the node that runs it is
 * gone (killed, then removed from the cluster), it waits for a node with that role to register its
 * agent again (a restarted process), asks that agent to start the event path anew (the bus recovers
 * from the journal), and says where the bus is now.
 */
public final class EventPathKeeper {

  /** Its protocol is its own: only the cluster, its watch and the agent it asked speak to it. */
  public sealed interface Command {}

  private record BusGone(ActorRef<BusProtocol.Command> bus) implements Command {}

  private record Agents(Receptionist.Listing listing) implements Command {}

  private record Restarted(EventPathHost.EventPathStarted started) implements Command {}

  /** The agent asked has not answered: ask it again (it starts the path once however often it is asked). */
  private record AskAgain(ActorRef<NodeAgent.Command> agent) implements Command {}

  /** How long an agent asked to start the event path has to answer before it is asked again. */
  static final java.time.Duration ASK_AGAIN_AFTER = java.time.Duration.ofSeconds(5);

  private EventPathKeeper() {}

  /**
   * @param owner   the experiment: what is started stops when it does
   * @param movedTo told the new bus each time the event path starts again
   */
  public static Behavior<Command> create(
      String role,
      EventPathHost.StartEventPath request,
      ActorRef<?> owner,
      ActorRef<BusProtocol.Command> bus,
      ActorRef<EventPathHost.EventPathStarted> movedTo) {
    return Behaviors.<Command>setup(
            context -> {
              context.watchWith(bus, new BusGone(bus));
              ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, Agents::new);
              context.getSystem().receptionist().tell(Receptionist.subscribe(NodeAgent.KEY, listings));
              return keeping(context, role, request, owner, movedTo, bus, Set.of(), null);
            });
  }

  /**
   * @param bus    the bus now, or null while there is none
   * @param asked  agents already asked to start it (each is asked until it answers)
   * @param agents the latest listing of agents
   */
  private static Behavior<Command> keeping(
      ActorContext<Command> context,
      String role,
      EventPathHost.StartEventPath request,
      ActorRef<?> owner,
      ActorRef<EventPathHost.EventPathStarted> movedTo,
      ActorRef<BusProtocol.Command> bus,
      Set<ActorRef<NodeAgent.Command>> asked,
      Set<ActorRef<NodeAgent.Command>> agents) {
    return Behaviors.receive(Command.class)
        .onMessage(BusGone.class, gone -> {
          context.getLog().info("the event path's bus is gone; waiting for a node with role {} to start it again", role);
          return restartIfPossible(context, role, request, owner, movedTo, null, asked, agents);
        })
        .onMessage(Agents.class, listed -> restartIfPossible(context, role, request, owner, movedTo, bus, asked, listed.listing().getServiceInstances(NodeAgent.KEY)))
        .onMessage(AskAgain.class, again -> {
          if (bus == null && agents != null && agents.contains(again.agent())) {
            ask(context, again.agent(), request, owner);
          }
          return Behaviors.same();
        })
        .onMessage(Restarted.class, restarted -> {
          ActorRef<BusProtocol.Command> newBus = restarted.started().bus();
          if (newBus.equals(bus)) {
            return Behaviors.same(); // the answer to asking again
          }
          context.watchWith(newBus, new BusGone(newBus));
          movedTo.tell(restarted.started());
          return keeping(context, role, request, owner, movedTo, newBus, asked, agents);
        })
        .build();
  }

  private static Behavior<Command> restartIfPossible(
      ActorContext<Command> context,
      String role,
      EventPathHost.StartEventPath request,
      ActorRef<?> owner,
      ActorRef<EventPathHost.EventPathStarted> movedTo,
      ActorRef<BusProtocol.Command> bus,
      Set<ActorRef<NodeAgent.Command>> asked,
      Set<ActorRef<NodeAgent.Command>> agents) {
    if (bus == null && agents != null) {
      for (ActorRef<NodeAgent.Command> agent : agents) {
        if (!asked.contains(agent) && hasRole(context, agent, role)) {
          ask(context, agent, request, owner);
          Set<ActorRef<NodeAgent.Command>> nowAsked = new HashSet<>(asked);
          nowAsked.add(agent);
          return keeping(context, role, request, owner, movedTo, null, Set.copyOf(nowAsked), agents);
        }
      }
    }
    return keeping(context, role, request, owner, movedTo, bus, asked, agents);
  }

  /** Asks the agent to start the event path, and to be asked again if it does not answer in time. */
  private static void ask(ActorContext<Command> context, ActorRef<NodeAgent.Command> agent, EventPathHost.StartEventPath request, ActorRef<?> owner) {
    ActorRef<EventPathHost.EventPathStarted> replies = context.messageAdapter(EventPathHost.EventPathStarted.class, Restarted::new);
    agent.tell(new NodeAgent.StartEventPath(request, owner, replies));
    context.scheduleOnce(ASK_AGAIN_AFTER, context.getSelf(), new AskAgain(agent));
  }

  private static boolean hasRole(ActorContext<Command> context, ActorRef<NodeAgent.Command> agent, String role) {
    for (Member member : Cluster.get(context.getSystem()).state().getMembers()) {
      if (member.address().equals(agent.path().address()) && member.getRoles().contains(role)) {
        return true;
      }
    }
    return false;
  }
}
