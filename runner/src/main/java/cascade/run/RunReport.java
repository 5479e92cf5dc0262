package cascade.run;

import cascade.metrics.ArchitectureResult;
import java.util.List;

/**
 * What a scenario run produced.
 *
 * @param results   one per architecture (or variant), in order
 * @param nodes     the nodes it ran on
 * @param clusterUpMs how long the cluster took until every node was Up; null without a cluster
 * @param nodeEvents  nodes killed and removed during the run, in order
 */
public record RunReport(List<ArchitectureResult> results, List<NodeInfo> nodes, Double clusterUpMs, List<NodeEvent> nodeEvents) {

  public RunReport {
    results = List.copyOf(results);
    nodes = List.copyOf(nodes);
    nodeEvents = List.copyOf(nodeEvents);
  }
}
