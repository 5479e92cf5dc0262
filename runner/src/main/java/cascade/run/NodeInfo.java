package cascade.run;

import java.util.List;

/**
 * A node that took part in a run, for the report.
 *
 * @param name    its name in the scenario ({@code local} without a cluster)
 * @param roles   its roles
 * @param address its Akka address ({@code local} without a cluster)
 * @param pid     the operating-system process it ran in
 */
public record NodeInfo(String name, List<String> roles, String address, long pid) {

  public NodeInfo {
    roles = List.copyOf(roles);
  }
}
