package cascade.scenario;

import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.scenario.Scenario.Architecture;
import cascade.scenario.Scenario.Arrivals;
import cascade.callpath.BreakerConsulted;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import cascade.extension.Extensions;
import cascade.callpath.PolicyExtension;
import cascade.service.ServicePlan;
import java.util.List;
import java.util.Set;

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
    long seed = v.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE);
    List<Architecture> architectures = v.choices("scenario.architectures", Architecture.values(), a -> a.key);
    ServicePlan service = ServiceReader.read(v);
    Scenario.Rpc rpc = rpc(v);
    Scenario.EventDriven eventDriven = eventDriven(v);
    String fileLabel = input.file().label();
    List<Scenario.Variant> variants =
        Variants.read(merged, input, KEYS, (label, architecture, values) ->
            new Scenario.Variant(label, architecture, ServiceReader.read(values), rpc(values), eventDriven(values), topology(architecture, values, fileLabel)));
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
        seed,
        architectures,
        TrafficSection.read(v, file, seed),
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
      public ServicePlan service(Values values) {
        return ServiceReader.read(values);
      }

      @Override
      public Scenario.Rpc rpc(Values values) {
        return ScenarioLoader.rpc(values);
      }

      @Override
      public Scenario.EventDriven eventDriven(Values values) {
        return ScenarioLoader.eventDriven(values);
      }
    });
  }

  /** The retry section under {@code prefix} (rpc.retry or event-driven.retry). */
  private static Scenario.Retry retry(Values v, String prefix) {
    Duration base = v.duration(prefix + ".base", true);
    Duration maxDelay = v.duration(prefix + ".max-delay", true);
    if (maxDelay.compareTo(base) < 0) {
      throw v.problem(prefix + ".max-delay", "must be at least " + prefix + ".base (" + base.toMillis() + "ms), but was " + maxDelay.toMillis() + "ms");
    }
    return new Scenario.Retry(
        v.integer(prefix + ".max-retries", 0),
        outcomes(v, prefix + ".retry-on"),
        v.choice(prefix + ".backoff", Backoff.Kind.values(), k -> k.key),
        base,
        v.number(prefix + ".multiplier", 1, false, Double.MAX_VALUE),
        maxDelay,
        v.choice(prefix + ".jitter", Backoff.Jitter.values(), j -> j.key));
  }

  private static Set<CallOutcome> outcomes(Values v, String path) {
    CallOutcome[] failures = {CallOutcome.ERROR, CallOutcome.TIMEOUT, CallOutcome.REJECTION};
    return Set.copyOf(v.choiceList(path, failures, o -> o.key));
  }

  private static Scenario.Rpc rpc(Values v) {
    Scenario.RetryBudget budget =
        new Scenario.RetryBudget(
            v.bool("rpc.retry-budget.enabled"),
            v.probability("rpc.retry-budget.ratio"),
            v.number("rpc.retry-budget.min-per-second", 0, false, Double.MAX_VALUE),
            v.duration("rpc.retry-budget.window", false));
    Scenario.RetryTokenBucket tokens =
        new Scenario.RetryTokenBucket(
            v.bool("rpc.retry-token-bucket.enabled"),
            v.number("rpc.retry-token-bucket.capacity", 1, false, 1e9),
            v.number("rpc.retry-token-bucket.deposit-per-success", 0, true, 1));
    Scenario.Hedge hedge =
        new Scenario.Hedge(
            v.bool("rpc.hedge.enabled"),
            v.duration("rpc.hedge.delay", true),
            v.number("rpc.hedge.percentile", 0, false, 99.999),
            v.integer("rpc.hedge.max-hedges", 1));
    return new Scenario.Rpc(
        v.duration("rpc.timeout", false),
        v.durationOrOff("rpc.deadline"),
        v.bool("rpc.cancel-on-timeout"),
        retry(v, "rpc.retry"),
        budget,
        tokens,
        policyList(v, "rpc.policies"),
        policies(v),
        hedge);
  }

  /**
   * A call path's policies, in order: built-in names, or names of policy extensions on the class
   * path (their keys come from {@code policy.<name>}).
   */
  private static List<Scenario.PolicyChoice> policyList(Values v, String path) {
    com.typesafe.config.ConfigValue value = v.config().getValue(path);
    if (value.valueType() != com.typesafe.config.ConfigValueType.LIST) {
      throw v.problem(path, "must be a list like [breaker], but was " + Values.render(value));
    }
    List<String> builtIn = java.util.Arrays.stream(Scenario.PolicyName.values()).map(p -> p.key).toList();
    List<Scenario.PolicyChoice> chosen = new java.util.ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Object item : (List<?>) value.unwrapped()) {
      String name = String.valueOf(item);
      if (!seen.add(name)) {
        throw v.problem(path, "names " + name + " twice");
      }
      java.util.Optional<Scenario.PolicyName> policy = java.util.Arrays.stream(Scenario.PolicyName.values()).filter(p -> p.key.equals(name)).findFirst();
      if (policy.isPresent()) {
        chosen.add(policy.get());
        continue;
      }
      cascade.extension.ExtensionRef extension = ExtensionResolver.resolve(v, path, name, true, PolicyExtension.class, builtIn, "policy." + name);
      chosen.add(new Scenario.PolicyExtensionChoice(name, extension.settings()));
    }
    return chosen;
  }

  private static Scenario.Policies policies(Values v) {
    Scenario.Bulkhead bulkhead =
        new Scenario.Bulkhead(
            v.integer("policy.bulkhead.max-concurrent", 1),
            v.integer("policy.bulkhead.max-waiting", 0),
            v.durationOrOff("policy.bulkhead.max-wait"));
    Scenario.AdaptiveThrottle throttle =
        new Scenario.AdaptiveThrottle(
            v.number("policy.adaptive-throttle.k", 0, true, Double.MAX_VALUE),
            v.duration("policy.adaptive-throttle.window", false));
    return new Scenario.Policies(breaker(v), bulkhead, rateLimiter(v), throttle);
  }

  private static Scenario.Breaker breaker(Values v) {
    String b = "policy.breaker.";
    int window = v.integer(b + "window", 1);
    int halfOpenCalls = v.integer(b + "half-open-calls", 1);
    Duration openFor = v.duration(b + "open-for", false);
    Duration maxOpenFor = v.duration(b + "max-open-for", false);
    if (maxOpenFor.compareTo(openFor) < 0) {
      throw v.problem(b + "max-open-for", "must be at least policy.breaker.open-for (" + openFor.toMillis() + "ms), but was " + maxOpenFor.toMillis() + "ms");
    }
    Duration windowDuration = v.duration(b + "window-duration", false);
    if (windowDuration.toMillis() % 1000 != 0) {
      throw v.problem(b + "window-duration", "must be whole seconds, like 10s, but was " + windowDuration.toMillis() + "ms");
    }
    return new Scenario.Breaker(
        v.choice(b + "kind", Scenario.BreakerKind.values(), k -> k.key),
        v.choice(b + "consulted", BreakerConsulted.values(), c -> c.key),
        window,
        v.integer(b + "failure-threshold", 1, window),
        openFor,
        windowDuration,
        v.integer(b + "minimum-calls", 1),
        v.number(b + "failure-rate-threshold", 0, true, 100),
        v.integer(b + "consecutive-failures", 0),
        v.number(b + "slow-call-rate-threshold", 0, true, 100),
        v.duration(b + "slow-call-duration", false),
        v.number(b + "open-growth", 1, false, Double.MAX_VALUE),
        maxOpenFor,
        halfOpenCalls,
        v.integer(b + "successes-to-close", 1, halfOpenCalls),
        outcomes(v, b + "record-as-failure"));
  }

  private static Scenario.RateLimiter rateLimiter(Values v) {
    String r = "policy.rate-limiter.";
    int rate = v.integer(r + "rate", 1);
    return new Scenario.RateLimiter(
        rate,
        v.duration(r + "period", false),
        v.integer(r + "burst", 1),
        v.choice(r + "mode", Scenario.LimiterMode.values(), m -> m.key),
        v.duration(r + "max-wait", true));
  }

  private static Scenario.EventDriven eventDriven(Values v) {
    return new Scenario.EventDriven(
        v.integer("event-driven.bus-capacity", 1),
        v.integer("event-driven.consumers", 1),
        v.duration("event-driven.timeout", false),
        retry(v, "event-driven.retry"),
        v.bool("event-driven.cancel-on-timeout"),
        consumerPolicies(v),
        policies(v),
        v.integer("event-driven.dead-letters-kept", 0));
  }

  private static List<Scenario.PolicyChoice> consumerPolicies(Values v) {
    List<Scenario.PolicyChoice> names = policyList(v, "event-driven.policies");
    if (names.contains(Scenario.PolicyName.BULKHEAD)) {
      throw v.problem("event-driven.policies", "cannot use bulkhead: a consumer makes one call at a time (use fewer consumers)");
    }
    return names;
  }
}
