package cascade.experiment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.model.RandomStreams;
import cascade.runtime.CrossesNodes;
import cascade.service.DownstreamService;
import cascade.service.ServiceLauncher;
import cascade.service.ServicePlan;

/**
 * Where an experiment's downstream service runs: in the experiment's own actor system, or on
 * another cluster node. Either way the experiment asks, and is told the service's address.
 */
public interface ServiceHost {

  /** What a host needs to start a run's service. */
  record StartService(
      ServicePlan plan, long seed, long runStartNanos, ActorRef<DownstreamService.InstanceEvent> events)
      implements CrossesNodes {

    /** The same request for {@code replicas} instances. */
    public StartService withReplicas(int replicas) {
      return new StartService(plan.withReplicas(replicas), seed, runStartNanos, events);
    }
  }

  /** The service is running at {@code service}, on the node called {@code node}. */
  record ServiceStarted(ActorRef<DownstreamService.Command> service, String node) implements CrossesNodes {}

  /**
   * Starts the service for the experiment whose context this is; {@code replyTo} is told where it
   * runs. The service must stop when the experiment does.
   */
  void start(ActorContext<?> experiment, StartService request, ActorRef<ServiceStarted> replyTo);

  /** The service as a child of the experiment, in its own actor system. */
  ServiceHost LOCAL =
      (experiment, request, replyTo) ->
          replyTo.tell(
              new ServiceStarted(
                  ServiceLauncher.spawn(
                      experiment, "service", request.plan(), new RandomStreams(request.seed()), request.runStartNanos(), request.events()),
                  "local"));
}
