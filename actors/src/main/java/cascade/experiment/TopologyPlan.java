package cascade.experiment;

import cascade.rpc.CallerSettings;
import cascade.service.ServicePlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph of tiers: each tier is a service of its own, and calls the tiers its edges lead to once
 * its own work has succeeded. The loader has checked the graph: every edge names known tiers,
 * there is no cycle, and the entry reaches every tier.
 *
 * @param entry the tier the load's caller calls
 * @param tiers every tier, the entry first, then in the order the entry reaches them
 */
public record TopologyPlan(String entry, List<TierPlan> tiers) {

  public TopologyPlan {
    tiers = List.copyOf(tiers);
    Set<String> names = new HashSet<>();
    for (TierPlan tier : tiers) {
      if (!names.add(tier.name())) {
        throw new IllegalArgumentException("tier " + tier.name() + " is defined twice");
      }
    }
    if (!names.contains(entry)) {
      throw new IllegalArgumentException("the entry " + entry + " is not a tier");
    }
    for (TierPlan tier : tiers) {
      for (EdgePlan edge : tier.edges()) {
        for (String to : edge.to()) {
          if (!names.contains(to)) {
            throw new IllegalArgumentException("tier " + tier.name() + " calls " + to + ", which is not a tier");
          }
        }
      }
    }
  }

  /**
   * One tier: its own service, and the edges it calls downstream through.
   *
   * @param placement the role of the cluster nodes that run it; empty in one actor system
   */
  public record TierPlan(String name, ServicePlan service, List<EdgePlan> edges, String placement) {
    public TierPlan {
      edges = List.copyOf(edges);
    }

    /** A tier that is not placed on cluster nodes. */
    public TierPlan(String name, ServicePlan service, List<EdgePlan> edges) {
      this(name, service, edges, "");
    }

    /** The same tier with another service (the run's request classes and faults attached, say). */
    public TierPlan withService(ServicePlan other) {
      return new TierPlan(name, other, edges, placement);
    }

    /** The same tier with {@code replicas} instances of its service: one node's share. */
    public TierPlan withReplicas(int replicas) {
      return new TierPlan(name, service.withReplicas(replicas), edges, placement);
    }
  }

  /** How a tier calls downstream: waiting for each call (with a caller's retries and policies), or through a bus. */
  public enum Call {
    RPC,
    EVENT;

    /** Its name in scenario files. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How many of an RPC edge's targets must succeed for the edge to succeed. */
  public enum WaitFor {
    ALL,
    ANY,
    QUORUM;

    /** Its name in scenario files. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Where an event edge's bus, consumers and dead-letter queue run when the two tiers are on
   * different nodes: beside the publishing tier (its events cross to the bus at once, the
   * consumers' calls cross to the target), or beside the target (each publish crosses, the
   * consumers call a target on their own node). In one actor system it makes no difference.
   */
  public enum BusSide {
    FROM,
    TO;

    /** Its name in scenario files. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One edge: a tier calls every tier of {@code to} for each request it serves.
   *
   * @param rpc         for RPC edges: the timeout, retries and policies of each call (the edge's
   *                    {@code rpc} keys over the scenario's)
   * @param eventDriven for event edges: the bus, its consumers and their retries (one bus per
   *                    target, in memory)
   * @param quorum   with {@link WaitFor#QUORUM}, how many targets must succeed
   * @param busSide  for event edges: which tier's node runs the bus
   */
  public record EdgePlan(
      List<String> to, Call call, WaitFor waitFor, int quorum, CallerSettings rpc, ExperimentPlan.EventDriven eventDriven, BusSide busSide) {

    /** An edge whose buses (if it has any) run beside the publishing tier. */
    public EdgePlan(List<String> to, Call call, WaitFor waitFor, int quorum, CallerSettings rpc, ExperimentPlan.EventDriven eventDriven) {
      this(to, call, waitFor, quorum, rpc, eventDriven, BusSide.FROM);
    }

    public EdgePlan {
      to = List.copyOf(to);
      if (to.isEmpty()) {
        throw new IllegalArgumentException("an edge must lead to at least one tier");
      }
      if (waitFor == WaitFor.QUORUM && (quorum < 1 || quorum > to.size())) {
        throw new IllegalArgumentException("quorum must be between 1 and " + to.size() + ", but was " + quorum);
      }
    }

    /** Successful calls the edge needs. */
    public int needed() {
      return switch (waitFor) {
        case ALL -> to.size();
        case ANY -> 1;
        case QUORUM -> quorum;
      };
    }
  }

  /** Every event edge leading to {@code target} whose bus runs beside it, with the tier that publishes. */
  public List<Incoming> busesBeside(String target) {
    List<Incoming> incoming = new ArrayList<>();
    for (TierPlan tier : tiers) {
      for (EdgePlan edge : tier.edges()) {
        if (edge.call() == Call.EVENT && edge.busSide() == BusSide.TO && edge.to().contains(target)) {
          incoming.add(new Incoming(tier.name(), edge));
        }
      }
    }
    return incoming;
  }

  /** An event edge from {@code from} into a tier, whose bus runs beside that tier. */
  public record Incoming(String from, EdgePlan edge) {}

  public TierPlan tier(String name) {
    return tiers.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  /** Tiers in an order where every tier comes after all the tiers it calls: the order to start them in. */
  public List<TierPlan> downstreamFirst() {
    Map<String, TierPlan> byName = new LinkedHashMap<>();
    tiers.forEach(t -> byName.put(t.name(), t));
    List<TierPlan> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    for (TierPlan tier : tiers) {
      place(tier, byName, placed, order);
    }
    return order;
  }

  private static void place(TierPlan tier, Map<String, TierPlan> byName, Set<String> placed, List<TierPlan> order) {
    if (!placed.add(tier.name())) {
      return;
    }
    for (EdgePlan edge : tier.edges()) {
      for (String to : edge.to()) {
        place(byName.get(to), byName, placed, order);
      }
    }
    order.add(tier);
  }
}
