package cascade.scenario;

import cascade.experiment.ExperimentPlan;
import cascade.rpc.CallerSettings;
import cascade.service.Faults;
import cascade.service.Routing;
import cascade.service.Supervision;
import cascade.scenario.Scenario.Architecture;
import cascade.scenario.Scenario.Arrivals;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import cascade.extension.Extensions;
import cascade.service.RouterExtension;
import cascade.service.ServiceExtension;
import java.util.List;

/**
 * Reads a scenario file and its {@code --set} overrides into a validated {@link Scenario}.
 *
 * <p>The defaults are {@code scenarios/reference.conf}, packaged into the runner, so the commented
 * reference and the running code cannot disagree. Nothing else leaks in: no system properties, no
 * {@code application.conf}. The first problem found stops the load with a one-line {@link
 * ScenarioException}.
 */
public final class ScenarioLoader {

  static final String DEFAULTS_RESOURCE = "cascade/scenario/reference.conf";

  /**
   * The largest scenario file, and the largest file it may include, in (decimal) megabytes. The
   * project's scenarios are a few kilobytes; the limit is there so that a wrong path (a log, a
   * trace) is refused at once instead of being parsed into a tree many times its size.
   */
  public static final int FILE_LIMIT_MB = 10;

  private static final Config DEFAULTS = ConfigFactory.parseResourcesAnySyntax(DEFAULTS_RESOURCE).resolve();
  private static final KeyChecker KEYS = new KeyChecker(DEFAULTS);

  private ScenarioLoader() {}

  public static Scenario load(Path file, List<String> overrides) {
    return load(file, UserInput.read(file, overrides), true);
  }

  /**
   * A scenario written as text rather than in a file (a test's HOCON string, a resource inside a
   * jar). Its problems name {@code label} where a file's name its path, with the line; it cannot
   * include files, and a relative file it names (a replay) is looked for from the working folder.
   *
   * @param label how messages name it, like {@code classpath:scenarios/checkout.conf}; also gives
   *     the scenario its name when {@code scenario.name} is not set
   */
  public static Scenario load(String label, String text, List<String> overrides) {
    return load(Path.of(label.replaceFirst("^[a-z]+:", "")), UserInput.read(label, text, overrides), true);
  }

  /**
   * One point of the file's sweep: the scenario with the point's values set after the file and
   * {@code overrides}, checked like any override. A problem names where the sweep is written and
   * the point, then the key.
   */
  public static Scenario loadPoint(Path file, List<String> overrides, Sweep.Point point) {
    Config values = ConfigFactory.empty();
    for (java.util.Map.Entry<String, Object> value : point.values().entrySet()) {
      values = values.withValue(value.getKey(), com.typesafe.config.ConfigValueFactory.fromAnyRef(value.getValue()));
    }
    UserInput.Layer layer = new UserInput.Layer(point.where() + " (" + SweepReader.PATH + " point " + point.label() + ")", values, false);
    // A point is a scenario of its own, without the sweep it came from.
    return load(file, UserInput.read(file, overrides).with(layer), false);
  }

  private static Scenario load(Path file, UserInput input, boolean withSweep) {
    KEYS.check(input);
    Config merged = Substitutions.resolve(input, DEFAULTS, KEYS);
    return build(file, merged, input, withSweep);
  }

  private static Scenario build(Path file, Config merged, UserInput input, boolean withSweep) {
    Values v = new Values(merged, input);
    String name = v.string("scenario.name");
    if (name.isBlank()) {
      String fileName = file.getFileName().toString();
      name = fileName.endsWith(".conf") ? fileName.substring(0, fileName.length() - ".conf".length()) : fileName;
    }
    List<Architecture> architectures = v.choices("scenario.architectures", Architecture.values(), a -> a.key);
    Scenario.Service service = service(v);
    CallerSettings rpc = CallPathReader.rpc(v);
    ExperimentPlan.EventDriven eventDriven = EventPathReader.read(v);
    String fileLabel = input.file().label();
    List<Scenario.Variant> variants =
        Variants.read(merged, input, KEYS, (label, architecture, values) ->
            new Scenario.Variant(
                label, architecture, service(values), CallPathReader.rpc(values), EventPathReader.read(values), topology(architecture, values, fileLabel)));
    if (variants.isEmpty()) {
      Topology topology = topology(architectures.contains(Architecture.TOPOLOGY) ? Architecture.TOPOLOGY : null, v, fileLabel);
      variants = architectures.stream().map(a -> new Scenario.Variant(seedName(a), a, service, rpc, eventDriven, topology)).toList();
    }
    FaultScheduleReader.Read faults = FaultScheduleReader.read(merged, input, v, service.replicas());
    boolean onlyTopologies = variants.stream().allMatch(variant -> variant.architecture() == Architecture.TOPOLOGY);
    Scenario.Cluster cluster = cluster(v, merged, faults.nodeKills(), onlyTopologies);
    TierPlacements.check(v, variants, cluster);
    return new Scenario(
        name,
        v.string("scenario.description"),
        file,
        v.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE),
        architectures,
        TrafficSection.read(v, file),
        service,
        rpc,
        eventDriven,
        variants,
        cluster,
        faults.schedule(),
        persistence(v),
        clock(v),
        warnings(v),
        withSweep ? SweepReader.read(merged, input, KEYS, DEFAULTS) : Sweep.NONE);
  }

  /**
   * Virtual unless asked otherwise, where it can be: virtual time runs every actor of an
   * architecture on one thread of one actor system, so runs over cluster nodes keep real time.
   */
  private static Scenario.Clock clock(Values v) {
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
  private static List<String> warnings(Values v) {
    String host = v.string("cluster.host");
    // Without a cluster nothing listens, whatever the host says.
    if (!"off".equals(v.string("cluster.mode")) && !OpenTransport.isLoopback(host)) {
      return List.of(OpenTransport.warning(v.where("cluster.host"), "cluster.host = " + host));
    }
    return List.of();
  }

  private static Scenario.Persistence persistence(Values v) {
    Scenario.JournalKind journal = v.choice("persistence.journal", Scenario.JournalKind.values(), j -> j.key);
    String url = v.string("persistence.url");
    String user = v.string("persistence.user");
    String passwordEnv = v.string("persistence.password-env");
    if (!passwordEnv.isEmpty() && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw v.problem("persistence.password-env", "must be the name of an environment variable (letters, digits, _), not a password");
    }
    if (journal == Scenario.JournalKind.POSTGRESQL) {
      if (!url.startsWith("jdbc:postgresql://")) {
        throw v.problem("persistence.url", "must be a PostgreSQL JDBC URL like jdbc:postgresql://127.0.0.1:5432/cascade, but was \"" + url + "\"");
      }
      if (url.contains("password=")) {
        throw v.problem("persistence.url", "must not carry the password: name its environment variable in persistence.password-env");
      }
      if (user.isBlank()) {
        throw v.problem("persistence.user", "must name the PostgreSQL user");
      }
    } else if (!url.isEmpty()) {
      throw v.problem("persistence.url", "is only used with persistence.journal = postgresql (an h2 journal is a file in the run folder)");
    }
    return new Scenario.Persistence(journal, url, user, passwordEnv, v.integer("persistence.snapshot-every", 0));
  }


  /** @param onlyTopologies every variant places its tiers itself: the service's and event path's roles place nothing */
  private static Scenario.Cluster cluster(Values v, Config merged, List<Scenario.NodeKill> scheduledKills, boolean onlyTopologies) {
    Scenario.ClusterMode mode = v.choice("cluster.mode", Scenario.ClusterMode.values(), m -> m.key);
    List<Scenario.Node> nodes = new java.util.ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    java.util.Set<String> roles = new java.util.TreeSet<>();
    List<? extends com.typesafe.config.ConfigValue> listed = merged.getList("cluster.nodes");
    for (int i = 0; i < listed.size(); i++) {
      if (listed.get(i).valueType() != com.typesafe.config.ConfigValueType.OBJECT) {
        throw v.problem("cluster.nodes", "each node must be a section like { name = back, roles = [back] }");
      }
      Config node = ((com.typesafe.config.ConfigObject) listed.get(i)).toConfig();
      if (!node.hasPath("name") || !node.hasPath("roles")) {
        throw v.problem("cluster.nodes", "node " + (i + 1) + " needs a name and roles");
      }
      String name = node.getString("name");
      if (!names.add(name)) {
        throw v.problem("cluster.nodes", "names the node " + name + " twice");
      }
      List<String> nodeRoles = node.getStringList("roles");
      roles.addAll(nodeRoles);
      boolean external = node.hasPath("external") && node.getBoolean("external");
      if (external && i == 0) {
        throw v.problem("cluster.nodes", "the first node coordinates the run and is started by it; it cannot be external");
      }
      nodes.add(new Scenario.Node(name, nodeRoles, external));
    }
    if (nodes.isEmpty()) {
      throw v.problem("cluster.nodes", "must list at least one node");
    }
    String serviceRole = v.string("cluster.placement.service");
    if (!roles.contains(serviceRole) && !onlyTopologies) {
      throw v.problem("cluster.placement.service", "must be a role of one of the nodes (" + String.join(", ", roles) + "), but was " + serviceRole);
    }
    String eventPathRole = v.string("cluster.placement.event-path");
    if (!roles.contains(eventPathRole) && !onlyTopologies) {
      throw v.problem("cluster.placement.event-path", "must be a role of one of the nodes (" + String.join(", ", roles) + "), but was " + eventPathRole);
    }
    String callersRole = v.string("cluster.placement.callers");
    if (!callersRole.isEmpty() && !roles.contains(callersRole)) {
      throw v.problem(
          "cluster.placement.callers", "must be empty or a role of one of the nodes (" + String.join(", ", roles) + "), but was " + callersRole);
    }
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
    int port = v.integer("cluster.port", 0, 65_535);
    for (Scenario.Node node : nodes) {
      if (node.external() && mode == Scenario.ClusterMode.OFF) {
        throw v.problem("cluster.nodes", "node " + node.name() + " is external, which needs cluster.mode = in-jvm or processes");
      }
    }
    Duration joinTimeout = v.duration("cluster.join-timeout", false);
    List<Scenario.NodeKill> kills = new java.util.ArrayList<>(kills(v, merged, mode, nodes));
    kills.addAll(scheduledKills(v, merged, mode, nodes, scheduledKills));
    return new Scenario.Cluster(mode, nodes, serviceRole, eventPathRole, kills, callersRole, host, port, joinTimeout);
  }

  /** Kills need a process to kill, a node that is not the coordinator, and one run to kill it in. */
  private static List<Scenario.NodeKill> kills(Values v, Config merged, Scenario.ClusterMode mode, List<Scenario.Node> nodes) {
    List<Scenario.NodeKill> kills = new java.util.ArrayList<>();
    for (com.typesafe.config.ConfigValue listed : merged.getList("cluster.kill")) {
      if (listed.valueType() != com.typesafe.config.ConfigValueType.OBJECT) {
        throw v.problem("cluster.kill", "each kill must be a section like { node = back, at = 1s }");
      }
      Config kill = ((com.typesafe.config.ConfigObject) listed).toConfig();
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
      java.util.Set<String> known = java.util.Set.of("node", "at", "restart-after");
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

  /** The seed's names for its two architectures, kept in results so they compare with the seed's. */
  private static String seedName(Architecture architecture) {
    return switch (architecture) {
      case RPC -> "RPC";
      case EVENT_DRIVEN -> "EventDriven";
      case TOPOLOGY -> "Topology";
    };
  }

  /** The graph of tiers, read only for the topology architecture (null otherwise). */
  private static Topology topology(Architecture architecture, Values v, String fileLabel) {
    if (architecture != Architecture.TOPOLOGY) {
      return null;
    }
    return TopologyReader.read(v, fileLabel, KEYS, new TopologyReader.Sections() {
      @Override
      public Scenario.Service service(Values values) {
        return ScenarioLoader.service(values);
      }

      @Override
      public CallerSettings rpc(Values values) {
        return CallPathReader.rpc(values);
      }

      @Override
      public ExperimentPlan.EventDriven eventDriven(Values values) {
        return EventPathReader.read(values);
      }
    });
  }

  private static Scenario.Service service(Values v) {
    return new Scenario.Service(
        v.number("service.capacity", 0, true, Double.MAX_VALUE),
        v.duration("service.base-latency", true),
        v.duration("service.jitter", true),
        v.probability("service.failure-probability"),
        v.duration("service.overload-latency", true),
        v.probability("service.overload-failure-probability"),
        v.probability("service.max-failure-probability"),
        new Scenario.LoadShedding(
            v.integer("service.load-shedding.max-concurrent", 0),
            v.integer("service.load-shedding.queue-capacity", 0),
            v.bool("service.load-shedding.shed-unmeetable-deadlines")),
        v.integer("service.replicas", 1),
        builtInRouting(v),
        v.integer("service.mailbox-capacity", 0),
        faults(v),
        supervision(v),
        customModel(v),
        customRouter(v));
  }

  /** {@code service.model}: the seed's, or a service extension's actor with its keys. */
  private static cascade.extension.ExtensionRef customModel(Values v) {
    String name = v.string("service.model");
    if (name.equals("seed")) {
      return null;
    }
    return ExtensionResolver.resolve(v, "service.model", name, false, ServiceExtension.class, List.of("seed"), "service.model-settings");
  }

  /** {@code service.routing} when it names a built-in rule; round-robin (unused) for an extension's. */
  private static Routing builtInRouting(Values v) {
    String name = v.string("service.routing");
    return java.util.Arrays.stream(Routing.values()).filter(r -> r.key.equals(name)).findFirst().orElse(Routing.ROUND_ROBIN);
  }

  /** {@code service.routing} when it names a router extension, with its keys; else null. */
  private static cascade.extension.ExtensionRef customRouter(Values v) {
    String name = v.string("service.routing");
    if (java.util.Arrays.stream(Routing.values()).anyMatch(r -> r.key.equals(name))) {
      return null;
    }
    List<String> builtIn = java.util.Arrays.stream(Routing.values()).map(r -> r.key).toList();
    return ExtensionResolver.resolve(v, "service.routing", name, false, RouterExtension.class, builtIn, "service.routing-settings");
  }

  private static Faults faults(Values v) {
    String f = "service.faults.";
    return new Faults(
        v.probability(f + "crash-probability"),
        v.integer(f + "crash-after", 0),
        v.durations(f + "crash-at"),
        v.durations(f + "hang-at"),
        v.duration(f + "hang-for", false),
        v.duration(f + "warm-up", true),
        v.number(f + "cold-latency-factor", 1, false, Double.MAX_VALUE),
        v.duration(f + "from", true),
        v.durationOrOff(f + "until"));
  }

  private static Supervision supervision(Values v) {
    String s = "service.supervision.";
    Duration minBackoff = v.duration(s + "min-backoff", false);
    Duration maxBackoff = v.duration(s + "max-backoff", false);
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw v.problem(s + "max-backoff", "must be at least service.supervision.min-backoff (" + minBackoff.toMillis() + "ms), but was " + maxBackoff.toMillis() + "ms");
    }
    return new Supervision(
        v.choice(s + "strategy", Supervision.Strategy.values(), st -> st.key),
        v.integer(s + "max-restarts", 1),
        v.duration(s + "within", false),
        minBackoff,
        maxBackoff,
        v.probability(s + "random-factor"));
  }
}
