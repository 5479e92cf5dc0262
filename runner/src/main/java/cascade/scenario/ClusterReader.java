package cascade.scenario;

import cascade.scenario.Scenario.Architecture;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code cluster} section (its nodes, where the parts run, the node kills, the address
 * to listen on) and what depends on it: the clock a run keeps, and the warning a cluster open to
 * other machines deserves. Problems a running cluster would find late (a host that does not
 * resolve, a kill of the coordinator) are found here, before anything starts.
 */
final class ClusterReader {

  private ClusterReader() {}

  /**
   * Virtual unless asked otherwise, where it can be: virtual time runs every actor of an
   * architecture on one thread of one actor system, so runs over cluster nodes keep real time.
   */
  static Scenario.Clock clock(Values v) {
    String clock = v.string("clock");
    boolean cluster = !"off".equals(v.string("cluster.mode"));
    switch (clock) {
      case "auto":
        return cluster ? Scenario.Clock.REAL : Scenario.Clock.VIRTUAL;
      case "real":
        return Scenario.Clock.REAL;
      case "virtual":
        if (cluster) {
          throw v.problem(
              "clock",
              "virtual time runs in one actor system, but cluster.mode is " + v.string("cluster.mode")
                  + ": set clock = real (or auto), or cluster.mode = off");
        }
        return Scenario.Clock.VIRTUAL;
      default:
        throw v.problem("clock", "must be auto, virtual or real, but was " + clock);
    }
  }

  /** What may run but deserves a line on standard error first; read once cluster(...) has checked the section. */
  static List<String> warnings(Values v) {
    String host = v.string("cluster.host");
    // Without a cluster nothing listens, whatever the host says.
    if (!"off".equals(v.string("cluster.mode")) && !OpenTransport.isLoopback(host)) {
      return List.of(OpenTransport.warning(v.where("cluster.host"), "cluster.host = " + host));
    }
    return List.of();
  }

  /** @param onlyTopologies every variant places its tiers itself: the service's and event path's roles place nothing */
  static Scenario.Cluster read(Values v, Config merged, List<Scenario.NodeKill> scheduledKills, boolean onlyTopologies) {
    Scenario.ClusterMode mode = v.choice("cluster.mode", Scenario.ClusterMode.values(), m -> m.key);
    List<Scenario.Node> nodes = nodes(v, merged, mode);
    Set<String> roles = new TreeSet<>();
    nodes.forEach(node -> roles.addAll(node.roles()));
    String serviceRole = onlyTopologies ? v.string("cluster.placement.service") : role(v, "cluster.placement.service", roles);
    String eventPathRole = onlyTopologies ? v.string("cluster.placement.event-path") : role(v, "cluster.placement.event-path", roles);
    String callersRole = v.string("cluster.placement.callers");
    if (!callersRole.isEmpty() && !roles.contains(callersRole)) {
      throw v.problem(
          "cluster.placement.callers", "must be empty or a role of one of the nodes (" + String.join(", ", roles) + "), but was " + callersRole);
    }
    String host = host(v, mode);
    int port = v.integer("cluster.port", 0, 65_535);
    Duration joinTimeout = v.duration("cluster.join-timeout", false);
    List<Scenario.NodeKill> kills = new ArrayList<>(kills(v, merged, mode, nodes));
    kills.addAll(scheduledKills(v, merged, mode, nodes, scheduledKills));
    return new Scenario.Cluster(mode, nodes, serviceRole, eventPathRole, kills, callersRole, host, port, joinTimeout);
  }

  /** {@code cluster.nodes}: at least one, each named once, the first started by the run itself. */
  private static List<Scenario.Node> nodes(Values v, Config merged, Scenario.ClusterMode mode) {
    List<Scenario.Node> nodes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<? extends ConfigValue> listed = merged.getList("cluster.nodes");
    for (int i = 0; i < listed.size(); i++) {
      if (listed.get(i).valueType() != ConfigValueType.OBJECT) {
        throw v.problem("cluster.nodes", "each node must be a section like { name = back, roles = [back] }");
      }
      Config node = ((ConfigObject) listed.get(i)).toConfig();
      if (!node.hasPath("name") || !node.hasPath("roles")) {
        throw v.problem("cluster.nodes", "node " + (i + 1) + " needs a name and roles");
      }
      String name = node.getString("name");
      if (!names.add(name)) {
        throw v.problem("cluster.nodes", "names the node " + name + " twice");
      }
      boolean external = node.hasPath("external") && node.getBoolean("external");
      if (external && i == 0) {
        throw v.problem("cluster.nodes", "the first node coordinates the run and is started by it; it cannot be external");
      }
      nodes.add(new Scenario.Node(name, node.getStringList("roles"), external));
    }
    if (nodes.isEmpty()) {
      throw v.problem("cluster.nodes", "must list at least one node");
    }
    for (Scenario.Node node : nodes) {
      if (node.external() && mode == Scenario.ClusterMode.OFF) {
        throw v.problem("cluster.nodes", "node " + node.name() + " is external, which needs cluster.mode = in-jvm or processes");
      }
    }
    return nodes;
  }

  /** The role at {@code path}, which some node must have. */
  private static String role(Values v, String path, Set<String> roles) {
    String role = v.string(path);
    if (!roles.contains(role)) {
      throw v.problem(path, "must be a role of one of the nodes (" + String.join(", ", roles) + "), but was " + role);
    }
    return role;
  }

  /** {@code cluster.host}: an address, which must resolve when a cluster will listen on it. */
  private static String host(Values v, Scenario.ClusterMode mode) {
    String host = v.string("cluster.host");
    if (host.isBlank()) {
      throw v.problem("cluster.host", "must be an address to listen on, like 127.0.0.1");
    }
    if (mode != Scenario.ClusterMode.OFF) {
      // Found now, not by Akka's remoting after nodes have started: one line instead of its stack traces.
      try {
        java.net.InetAddress.getByName(host);
      } catch (java.net.UnknownHostException e) {
        throw v.problem("cluster.host", "does not resolve to an address: " + host);
      }
    }
    return host;
  }

  /** Kills need a process to kill, a node that is not the coordinator, and one run to kill it in. */
  private static List<Scenario.NodeKill> kills(Values v, Config merged, Scenario.ClusterMode mode, List<Scenario.Node> nodes) {
    List<Scenario.NodeKill> kills = new ArrayList<>();
    for (ConfigValue listed : merged.getList("cluster.kill")) {
      if (listed.valueType() != ConfigValueType.OBJECT) {
        throw v.problem("cluster.kill", "each kill must be a section like { node = back, at = 1s }");
      }
      Config kill = ((ConfigObject) listed).toConfig();
      if (!kill.hasPath("node") || !kill.hasPath("at")) {
        throw v.problem("cluster.kill", "each kill needs a node and an at, like { node = back, at = 1s }");
      }
      String node = kill.getString("node");
      if (nodes.stream().skip(1).noneMatch(n -> n.name().equals(node))) {
        throw v.problem("cluster.kill", "can kill only a node other than the first (the coordinator), but names " + node);
      }
      if (nodes.stream().anyMatch(n -> n.name().equals(node) && n.external())) {
        throw v.problem("cluster.kill", "node " + node + " is external: the run did not start it and cannot kill it");
      }
      // Read like every other duration: a unit, at least 0, at most the ceiling.
      Values times = new Values(kill, path -> v.where("cluster.kill"), path -> "cluster.kill." + path + " (node " + node + ")");
      Duration at = times.duration("at", true);
      Duration restartAfter = kill.hasPath("restart-after") ? times.duration("restart-after", true) : null;
      Set<String> known = Set.of("node", "at", "restart-after");
      for (String key : kill.root().keySet()) {
        if (!known.contains(key)) {
          throw v.problem("cluster.kill", "a kill has node, at and restart-after, but this one has " + key + Suggestions.didYouMean(key, known));
        }
      }
      kills.add(new Scenario.NodeKill(node, at, restartAfter));
    }
    if (!kills.isEmpty() && mode != Scenario.ClusterMode.PROCESSES) {
      throw v.problem("cluster.kill", "killing a node needs cluster.mode = processes (a process to kill)");
    }
    int variants = merged.getList("scenario.variants").size();
    int runs = variants > 0 ? variants : v.choices("scenario.architectures", Architecture.values(), a -> a.key).size();
    if (!kills.isEmpty() && runs > 1) {
      throw v.problem("cluster.kill", "a node can be killed in a run of one architecture only: set scenario.architectures to one");
    }
    return kills;
  }

  /** A node-kill in faults.schedule is a cluster.kill written with the other faults: the same checks. */
  private static List<Scenario.NodeKill> scheduledKills(
      Values v, Config merged, Scenario.ClusterMode mode, List<Scenario.Node> nodes, List<Scenario.NodeKill> kills) {
    for (Scenario.NodeKill kill : kills) {
      if (mode != Scenario.ClusterMode.PROCESSES) {
        throw v.problem(FaultScheduleReader.PATH, "node-kill needs a cluster of node processes (cluster.mode = processes), but cluster.mode is " + mode.key);
      }
      if (nodes.stream().skip(1).noneMatch(n -> n.name().equals(kill.node()))) {
        throw v.problem(FaultScheduleReader.PATH, "node-kill can kill only a node other than the first (the coordinator), but names " + kill.node());
      }
    }
    int variants = merged.getList("scenario.variants").size();
    int runs = variants > 0 ? variants : v.choices("scenario.architectures", Architecture.values(), a -> a.key).size();
    if (!kills.isEmpty() && runs > 1) {
      throw v.problem(FaultScheduleReader.PATH, "a node can be killed in a run of one architecture only: set scenario.architectures to one");
    }
    return kills;
  }
}
