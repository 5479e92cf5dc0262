package cascade.run;

import cascade.cluster.CrossNodeTraffic;
import java.util.List;

/**
 * A node that took part in a run, for the report.
 *
 * @param name    its name in the scenario ({@code local} without a cluster)
 * @param roles   its roles
 * @param address its Akka address ({@code local} without a cluster)
 * @param pid     the operating-system process it ran in; -1 if unknown (an external node that did not answer)
 * @param traffic the lab's messages it sent to and received from other nodes over the whole run,
 *     or null when it could not say (no cluster, or the node was killed)
 * @param tiers   the topology tiers it ran (a share of), by name; empty for other architectures
 */
public record NodeInfo(String name, List<String> roles, String address, long pid, CrossNodeTraffic.Totals traffic, List<String> tiers) {

  public NodeInfo {
    roles = List.copyOf(roles);
    tiers = List.copyOf(tiers);
  }

  public NodeInfo(String name, List<String> roles, String address, long pid) {
    this(name, roles, address, pid, null, List.of());
  }

  public NodeInfo withTiers(List<String> ran) {
    return new NodeInfo(name, roles, address, pid, traffic, ran);
  }

  /** With the process id the node reported, for a node the run did not start itself. */
  public NodeInfo withPidIfUnknown(long reported) {
    return pid >= 0 ? this : new NodeInfo(name, roles, address, reported, traffic, tiers);
  }

  public NodeInfo withTraffic(CrossNodeTraffic.Totals measured) {
    return new NodeInfo(name, roles, address, pid, measured, tiers);
  }
}
