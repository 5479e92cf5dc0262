package cascade.topology;

import cascade.experiment.ExperimentPlan;
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

  /** One tier: its own service, and the edges it calls downstream through. */
  public record TierPlan(String name, ServicePlan service, List<EdgePlan> edges) {
    public TierPlan {
      edges = List.copyOf(edges);
    }
  }

  /** How a tier calls downstream: waiting for each call (with a caller's retries and policies), or through a bus. */
  public enum Call {
    RPC,
    EVENT
  }

  /** How many of an RPC edge's targets must succeed for the edge to succeed. */
  public enum WaitFor {
    ALL,
    ANY,
    QUORUM
  }

  /**
   * One edge: a tier calls every tier of {@code to} for each request it serves.
   *
   * @param caller   for RPC edges: the timeout, retries and policies of each call
   * @param events   for event edges: the bus, its consumers and their retries (one bus per target)
   * @param quorum   with {@link WaitFor#QUORUM}, how many targets must succeed
   */
  public record EdgePlan(
      List<String> to, Call call, WaitFor waitFor, int quorum, CallerSettings caller, ExperimentPlan.EventDriven events) {

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
