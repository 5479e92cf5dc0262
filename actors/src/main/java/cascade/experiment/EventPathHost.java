package cascade.experiment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.bus.BusProtocol;
import cascade.metrics.MetricsRecorder;
import cascade.runtime.CrossesNodes;
import cascade.service.DownstreamService;

/**
 * Where an event-driven run's bus, consumers and dead-letter queue run: in the experiment's own
 * actor system, or on another cluster node. Either way the experiment is told the bus's address.
 */
public interface EventPathHost {

  /**
   * What a host needs to start the event path of a run; {@code runStartNanos} is the run's t=0,
   * on the {@link cascade.runtime.Clock} scale, for the intervals of the metrics.
   */
  record StartEventPath(
      ExperimentPlan.EventDriven settings,
      ActorRef<DownstreamService.Command> service,
      ActorRef<MetricsRecorder.Command> metrics,
      long seed,
      long runStartNanos)
      implements CrossesNodes {

    /** The same request, reporting to {@code relay} (on the node that runs it) instead. */
    public StartEventPath reportingTo(ActorRef<MetricsRecorder.Command> relay) {
      return new StartEventPath(settings, service, relay, seed, runStartNanos);
    }
  }

  /** The event path is running; publish to {@code bus}. */
  record EventPathStarted(ActorRef<BusProtocol.Command> bus, String node) implements CrossesNodes {}

  /** Starts the event path for the experiment whose context this is; it must stop when the experiment does. */
  void start(ActorContext<?> experiment, StartEventPath request, ActorRef<EventPathStarted> replyTo);

  /**
   * Keeps a durable event path going when the node running it dies, telling {@code movedTo} where
   * its bus is each time it starts again. In the experiment's own actor system there is nothing to
   * do: the event path dies only with the whole run.
   */
  default void keep(ActorContext<?> experiment, StartEventPath request, ActorRef<BusProtocol.Command> bus, ActorRef<EventPathStarted> movedTo) {}

  /** The event path as children of the experiment, in its own actor system. */
  EventPathHost LOCAL =
      (experiment, request, replyTo) ->
          replyTo.tell(new EventPathStarted(EventPath.spawnInto(experiment, request), "local"));
}
