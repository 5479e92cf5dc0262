package cascade.experiment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.metrics.MetricsRecorder;
import cascade.model.RandomStreams;
import cascade.rpc.Caller;
import cascade.rpc.CallerSettings;
import cascade.runtime.Clock;
import cascade.runtime.CrossesNodes;
import cascade.service.DownstreamService;

/**
 * Where an RPC run's caller runs: in the experiment's own actor system, or on another cluster
 * node (the load generator stays with the experiment and sends its requests across). Either way
 * the experiment is told the caller's address.
 */
public interface CallerHost {

  /**
   * What a host needs to start a run's caller; {@code runStartNanos} is the run's t=0 on the
   * {@link cascade.runtime.Clock} scale, for the intervals of the metrics.
   */
  record StartCaller(
      CallerSettings settings,
      ActorRef<DownstreamService.Command> service,
      ActorRef<MetricsRecorder.Command> metrics,
      long seed,
      long runStartNanos)
      implements CrossesNodes {

    /** The same request, reporting to {@code relay} (on the node that runs it) instead. */
    public StartCaller reportingTo(ActorRef<MetricsRecorder.Command> relay) {
      return new StartCaller(settings, service, relay, seed, runStartNanos);
    }

    /**
     * The caller, as a child of {@code parent}. Its random stream is split from the seed the same
     * way on every node, so where it runs does not change its draws.
     */
    public ActorRef<Caller.Command> spawnInto(ActorContext<?> parent) {
      return parent.spawn(Caller.create(settings, service, metrics, new RandomStreams(seed).forComponent("rpc-caller"), Clock::nanos), "caller");
    }
  }

  /** The caller is running; send requests to {@code caller}. */
  record CallerStarted(ActorRef<Caller.Command> caller, String node) implements CrossesNodes {}

  /** Starts the caller for the experiment whose context this is; it must stop when the experiment does. */
  void start(ActorContext<?> experiment, StartCaller request, ActorRef<CallerStarted> replyTo);

  /** The caller as a child of the experiment, in its own actor system. */
  CallerHost LOCAL = (experiment, request, replyTo) -> replyTo.tell(new CallerStarted(request.spawnInto(experiment), "local"));
}
