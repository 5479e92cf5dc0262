package cascade.scenario;

import cascade.experiment.ExperimentPlan;
import cascade.rpc.CallerSettings;
import java.util.List;

/**
 * The {@code topology} section, validated: tiers (each a service of its own) and the edges
 * between them. The graph has no cycle, and the entry reaches every tier.
 *
 * @param entry the tier the load calls
 * @param tiers the entry first, then every tier in the order the entry reaches them
 */
public record Topology(String entry, List<Tier> tiers) {

  public Topology {
    tiers = List.copyOf(tiers);
  }

  /**
   * @param edges     what it calls once its own work has succeeded, in the file's order
   * @param placement the role of the cluster nodes that run it; empty if not given (one actor system)
   */
  public record Tier(String name, cascade.service.ServicePlan service, List<Edge> edges, String placement) {
    public Tier {
      edges = List.copyOf(edges);
    }
  }

  /**
   * @param quorum      with {@code wait-for = quorum}: how many targets must succeed; 0 otherwise
   * @param rpc         the RPC settings of each call (the scenario's, with the edge's own keys)
   * @param eventDriven the bus and consumers of each target of an event edge, in memory
   * @param busSide     for an event edge: which tier's node runs its bus, when they are apart
   */
  public record Edge(List<String> to, Call call, WaitFor waitFor, int quorum, CallerSettings rpc, ExperimentPlan.EventDriven eventDriven, BusSide busSide) {
    public Edge {
      to = List.copyOf(to);
    }
  }

  public enum Call {
    RPC("rpc"),
    EVENT("event");

    public final String key;

    Call(String key) {
      this.key = key;
    }
  }

  public enum BusSide {
    FROM("from"),
    TO("to");

    public final String key;

    BusSide(String key) {
      this.key = key;
    }
  }

  public enum WaitFor {
    ALL("all"),
    ANY("any"),
    QUORUM("quorum");

    public final String key;

    WaitFor(String key) {
      this.key = key;
    }
  }
}
