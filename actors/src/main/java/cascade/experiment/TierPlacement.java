package cascade.experiment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.metrics.MetricsRecorder;
import cascade.runtime.CrossesNodes;
import cascade.service.DownstreamService;
import java.util.List;
import java.util.Map;

/**
 * Where a topology's tiers run when they are placed on cluster nodes: each tier on the nodes with
 * its {@link TopologyPlan.TierPlan#placement() role}, each of them running a share of its replicas.
 * There a tier finds the tiers it calls, and the buses of its event edges that run beside their
 * target, through the Receptionist under keys of the run's own: nothing it calls goes through the
 * node that runs the experiment.
 */
public interface TierPlacement {

  /**
   * What a node needs to start its share of a tier.
   *
   * @param downstream    the key of every tier it calls, by name
   * @param expected      how many instances each key of {@code downstream} and {@code buses}
   *     has (one per node with a share): a tier starts once it can reach them all
   * @param buses         the key of the bus of each of its event edges that runs beside the
   *     target, by target
   * @param incoming      the event edges into this tier whose bus runs beside it: each share runs
   *     one such bus and registers it under its key
   * @param key           the key its own instances register under
   * @param seed          its random streams' seed: where it runs does not change its draws
   * @param metrics       the run's recorder: the node's relay ships the tier's counts to it
   */
  record StartTier(
      TopologyPlan.TierPlan plan,
      Map<String, String> downstream,
      Map<String, Integer> expected,
      Map<String, String> buses,
      List<IncomingBus> incoming,
      String key,
      long seed,
      long runStartNanos,
      ActorRef<MetricsRecorder.Command> metrics,
      ActorRef<DownstreamService.InstanceEvent> events)
      implements CrossesNodes {

    public StartTier {
      downstream = Map.copyOf(downstream);
      expected = Map.copyOf(expected);
      buses = Map.copyOf(buses);
      incoming = List.copyOf(incoming);
    }

    /** The same request for a share of {@code replicas} instances. */
    public StartTier withReplicas(int replicas) {
      return new StartTier(plan.withReplicas(replicas), downstream, expected, buses, incoming, key, seed, runStartNanos, metrics, events);
    }
  }

  /**
   * An event edge from tier {@code from} whose bus runs beside its target.
   *
   * @param fromSeed the publishing tier's seed: the consumers draw as they would beside it
   * @param key      the key the bus registers under
   */
  record IncomingBus(String from, TopologyPlan.EdgePlan edge, long fromSeed, String key) implements CrossesNodes {}

  /**
   * Starts the tier on its nodes for the experiment whose context this is; {@code replyTo} is told
   * an address that reaches every instance, once every node's share is registered, and the names
   * of the nodes. What is started stops when the experiment does.
   */
  void start(ActorContext<?> experiment, StartTier request, ActorRef<ServiceHost.ServiceStarted> replyTo);

  /** How many nodes run a share of a tier of {@code replicas} instances placed on {@code role}. */
  int shares(String role, int replicas);

  /** Told, on the experiment's thread, the nodes that run each tier (names joined with +), for the report. */
  default void placed(String tier, String nodes) {}
}
