package cascade.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks where a topology's tiers run against the cluster section: on a cluster every tier names
 * the role of the nodes that run it, and some node has that role. In one actor system placements
 * are read but place nothing, so the same file runs with {@code --set cluster.mode=off} to compare.
 */
final class TierPlacements {

  private TierPlacements() {}

  static void check(Values v, List<Scenario.Variant> variants, Scenario.Cluster cluster) {
    if (cluster.mode() == Scenario.ClusterMode.OFF) {
      return;
    }
    Set<String> roles = new TreeSet<>();
    cluster.nodes().forEach(node -> roles.addAll(node.roles()));
    for (Scenario.Variant variant : variants) {
      if (variant.topology() == null) {
        continue;
      }
      for (cascade.experiment.TopologyPlan.TierPlan tier : variant.topology().tiers()) {
        String key = TopologyReader.TIERS + "." + tier.name();
        if (tier.placement().isEmpty()) {
          throw v.problem(
              key,
              "cluster.mode is " + cluster.mode().key + ", so every tier needs placement = ROLE, a role of the nodes that run it ("
                  + String.join(", ", roles) + "); this one has none");
        }
        if (!roles.contains(tier.placement())) {
          throw v.problem(
              key + "." + TopologyReader.PLACEMENT,
              "no node of cluster.nodes has the role " + tier.placement() + " (roles: " + String.join(", ", roles) + ")"
                  + Suggestions.didYouMean(tier.placement(), new ArrayList<>(roles)));
        }
      }
    }
  }
}
