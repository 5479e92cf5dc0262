package cascade.run;

import akka.actor.typed.ActorSystem;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import cascade.cluster.NodeAgent;
import cascade.experiment.ExperimentPlan;
import cascade.scenario.Scenario;
import cascade.experiment.TopologyPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Which tiers of a topology ran on which node, as the experiments report their placement, for the report. */
final class TierNodes {

  /** Tier names by node name; written on the experiments' threads, read once the run is over. */
  private final Map<String, Set<String>> tiersByNode = new ConcurrentHashMap<>();

  /** @param nodes the names of the nodes that run {@code tier}, joined with + */
  void placed(String tier, String nodes) {
    for (String node : nodes.split("\\+")) {
      tiersByNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(tier);
    }
  }

  /** The nodes, each with the tiers it ran. */
  List<NodeInfo> named(List<NodeInfo> nodes) {
    List<NodeInfo> named = new ArrayList<>();
    for (NodeInfo node : nodes) {
      named.add(node.withTiers(List.copyOf(new TreeSet<>(tiersByNode.getOrDefault(node.name(), Set.of())))));
    }
    return named;
  }

  /** Every role a tier of the plans is placed on. */
  static Set<String> roles(List<ExperimentPlan> plans) {
    Set<String> roles = new TreeSet<>();
    for (ExperimentPlan plan : plans) {
      if (plan.architecture() instanceof ExperimentPlan.Topology topology) {
        topology.topology().tiers().forEach(tier -> roles.add(tier.placement()));
      }
    }
    return roles;
  }

  /**
   * The nodes that are not Up when the cluster did not form, each with the tiers placed on its
   * roles: the one line says what the run was waiting for.
   */
  static String notJoined(ActorSystem<?> coordinator, Scenario.Cluster cluster, List<ExperimentPlan> plans) {
    Set<String> up = new TreeSet<>();
    for (Member member : Cluster.get(coordinator).state().getMembers()) {
      if (member.status() == MemberStatus.up()) {
        member.getRoles().forEach(up::add);
      }
    }
    List<String> missing = new ArrayList<>();
    for (Scenario.Node node : cluster.nodes()) {
      if (up.contains(NodeAgent.nameRole(node.name()))) {
        continue;
      }
      Set<String> tiers = new TreeSet<>();
      for (ExperimentPlan plan : plans) {
        if (plan.architecture() instanceof ExperimentPlan.Topology topology) {
          for (TopologyPlan.TierPlan tier : topology.topology().tiers()) {
            if (node.roles().contains(tier.placement())) {
              tiers.add(tier.name());
            }
          }
        }
      }
      missing.add(
          "node " + node.name() + (node.external() ? " (external)" : "") + " did not join"
              + (tiers.isEmpty() ? "" : "; it runs tier" + (tiers.size() == 1 ? " " : "s ") + String.join(", ", tiers)));
    }
    return missing.isEmpty() ? "" : ": " + String.join("; ", missing);
  }
}
