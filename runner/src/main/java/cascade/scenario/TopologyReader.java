package cascade.scenario;

import cascade.experiment.TopologyPlan;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import cascade.service.ServicePlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and checks the {@code topology} section: each tier's service (its own keys over the
 * scenario's {@code service}), each edge's call style and settings (its own {@code rpc},
 * {@code event-driven} and {@code policy} keys over the scenario's), and the graph itself: every
 * edge names known tiers, no cycle, one entry that reaches every tier. Each problem is one line
 * naming where it was written.
 */
final class TopologyReader {

  static final String TIERS = "topology.tiers";
  private static final String EDGES = "topology.edges";
  private static final Set<String> EDGE_KEYS = Set.of("from", "to", "call", "wait-for", "quorum", "bus-side", "rpc", "event-driven", "policy");
  /** A tier's one key beside its service's: the role of the cluster nodes that run it. */
  static final String PLACEMENT = "placement";
  /** The sections an edge may set keys of, for its calls only. */
  private static final List<String> EDGE_SECTIONS = List.of("rpc", "event-driven", "policy");
  /** Tier names become actor names. */
  private static final Pattern TIER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  /** The sections of a scenario a tier or an edge reads with its own values. */
  interface Sections {
    ServicePlan service(Values values);

    cascade.rpc.CallerSettings rpc(Values values);

    cascade.experiment.ExperimentPlan.EventDriven eventDriven(Values values);
  }

  private final Values v;
  private final Config config;
  private final String file;
  private final KeyChecker keys;
  private final Sections sections;

  private TopologyReader(Values v, String file, KeyChecker keys, Sections sections) {
    this.v = v;
    this.config = v.config();
    this.file = file;
    this.keys = keys;
    this.sections = sections;
  }

  /** @param file how messages name the scenario file */
  static TopologyPlan read(Values values, String file, KeyChecker keys, Sections sections) {
    return new TopologyReader(values, file, keys, sections).read();
  }

  /** A key under {@code topology.tiers.NAME}: only keys of the {@code service} section belong there. */
  static String problemWithTierKey(String path, Set<String> knownLeaves) {
    List<String> segments = ConfigUtil.splitPath(path);
    String tier = ConfigUtil.joinPath(segments.subList(0, 3));
    if (segments.size() == 3) {
      return tier + ": a tier must be a section like { service { capacity = 400 } }";
    }
    String rest = ConfigUtil.joinPath(segments.subList(3, segments.size()));
    if ((rest.startsWith("service.") && knownLeaves.contains(rest)) || rest.equals(PLACEMENT)) {
      return null;
    }
    Set<String> serviceKeys = new TreeSet<>();
    knownLeaves.stream().filter(k -> k.startsWith("service.")).forEach(serviceKeys::add);
    if (rest.startsWith("service") && knownLeaves.stream().anyMatch(k -> k.startsWith(rest + "."))) {
      return path + ": must be a section with keys, not a single value";
    }
    String guess = Suggestions.closest(rest, serviceKeys).or(() -> Suggestions.closest("service." + rest, serviceKeys)).orElse(null);
    if (guess == null && Suggestions.closest(rest, Set.of(PLACEMENT)).isPresent()) {
      guess = PLACEMENT;
    }
    return path + ": unknown key; a tier has service keys and placement" + (guess == null ? "" : "; did you mean " + tier + "." + guess + "?");
  }

  private TopologyPlan read() {
    Map<String, String> placements = new HashMap<>();
    Map<String, ServicePlan> services = tiers(placements);
    Map<String, List<EdgeAt>> edges = edges(services.keySet());
    checkNoCycle(services.keySet(), edges);
    String entry = entry(services.keySet(), edges);
    List<String> order = reachable(entry, edges);
    for (String tier : services.keySet()) {
      if (!order.contains(tier)) {
        throw v.problemAt(at(config.getObject(TIERS).get(tier), TIERS), TIERS + "." + tier,
            "the entry " + entry + " cannot reach this tier: no chain of edges leads to it");
      }
    }
    List<TopologyPlan.TierPlan> tiers = new ArrayList<>();
    for (String name : order) {
      tiers.add(
          new TopologyPlan.TierPlan(
              name, services.get(name), edges.getOrDefault(name, List.of()).stream().map(EdgeAt::edge).toList(), placements.get(name)));
    }
    return new TopologyPlan(entry, tiers);
  }

  /** An edge and where it was written, for messages about the graph. */
  private record EdgeAt(TopologyPlan.EdgePlan edge, String where, String path) {}

  /** @param placements filled with each tier's placement role, empty where it has none */
  private Map<String, ServicePlan> tiers(Map<String, String> placements) {
    ConfigObject tiers = config.getObject(TIERS);
    if (tiers.isEmpty()) {
      throw v.problem(TIERS, "the topology architecture needs at least one tier, like tiers { front { service { capacity = 400 } } }");
    }
    Map<String, ServicePlan> services = new LinkedHashMap<>();
    for (String name : new TreeSet<>(tiers.keySet())) {
      ConfigValue tier = tiers.get(name);
      String where = at(tier, TIERS);
      if (!TIER_NAME.matcher(name).matches()) {
        throw v.problemAt(where, TIERS + "." + name, "a tier's name may hold only letters, digits, - and _");
      }
      Config own = ((ConfigObject) tier).toConfig();
      placements.put(name, placement(own, name));
      Function<String, String> locate = path -> own.hasPath(path) ? at(own.getValue(path), TIERS) : v.locate(path);
      Values values = new Values(own.withFallback(config).resolve(), locate, path -> own.hasPath(path) ? TIERS + "." + name + "." + path : path);
      services.put(name, sections.service(values));
    }
    return services;
  }

  /** The tier's placement role, or empty; that a node has it is checked with the cluster section. */
  private String placement(Config own, String tier) {
    if (!own.hasPath(PLACEMENT)) {
      return "";
    }
    ConfigValue value = own.getValue(PLACEMENT);
    String role = value.valueType() == ConfigValueType.STRING ? (String) value.unwrapped() : "";
    if (role.isBlank()) {
      throw v.problemAt(at(value, TIERS), TIERS + "." + tier + "." + PLACEMENT, "must be the role of the cluster nodes that run the tier, like back, but was " + Values.render(value));
    }
    return role;
  }

  /** The edges of each calling tier, in the file's order. */
  private Map<String, List<EdgeAt>> edges(Set<String> tiers) {
    Map<String, List<EdgeAt>> byTier = new LinkedHashMap<>();
    Map<String, Set<String>> targets = new HashMap<>();
    List<? extends ConfigValue> list = config.getList(EDGES);
    for (int i = 0; i < list.size(); i++) {
      String path = EDGES + "[" + i + "]";
      ConfigValue value = list.get(i);
      String where = at(value, EDGES);
      if (value.valueType() != ConfigValueType.OBJECT) {
        throw v.problemAt(where, path, "each edge must be a section like { from = front, to = [back], call = rpc }, but was " + Values.render(value));
      }
      ConfigObject object = (ConfigObject) value;
      for (String key : object.keySet()) {
        if (!EDGE_KEYS.contains(key)) {
          throw v.problemAt(at(object.get(key), EDGES), path + "." + key, "unknown key" + Suggestions.didYouMean(key, EDGE_KEYS));
        }
      }
      Config own = object.toConfig();
      Values identity = new Values(own, p -> own.hasPath(p) ? at(own.getValue(p), EDGES) : where, p -> path + "." + p);
      if (!own.hasPath("from") || !own.hasPath("to")) {
        throw v.problemAt(where, path, "every edge needs a from and a to, like { from = front, to = [back] }");
      }
      String from = tier(identity.string("from"), tiers, identity, "from");
      List<String> to = targets(own, identity, tiers);
      Set<String> seen = targets.computeIfAbsent(from, f -> new HashSet<>());
      for (String target : to) {
        if (!seen.add(target)) {
          throw identity.problem("to", from + " already calls " + target + " (one edge per pair of tiers)");
        }
      }
      TopologyPlan.Call call = own.hasPath("call") ? identity.choice("call", TopologyPlan.Call.values(), TopologyPlan.Call::key) : TopologyPlan.Call.RPC;
      TopologyPlan.WaitFor waitFor = own.hasPath("wait-for") ? identity.choice("wait-for", TopologyPlan.WaitFor.values(), TopologyPlan.WaitFor::key) : TopologyPlan.WaitFor.ALL;
      if (call == TopologyPlan.Call.EVENT && own.hasPath("wait-for")) {
        throw identity.problem("wait-for", "an event edge does not wait: wait-for belongs to rpc edges");
      }
      int quorum = 0;
      if (waitFor == TopologyPlan.WaitFor.QUORUM) {
        if (!own.hasPath("quorum")) {
          throw identity.problem("wait-for", "quorum needs quorum = N, the number of the " + to.size() + " targets that must succeed");
        }
        quorum = identity.integer("quorum", 1, to.size());
      } else if (own.hasPath("quorum")) {
        throw identity.problem("quorum", "applies only with wait-for = quorum, but wait-for is " + waitFor.key());
      }
      TopologyPlan.BusSide busSide = own.hasPath("bus-side") ? identity.choice("bus-side", TopologyPlan.BusSide.values(), TopologyPlan.BusSide::key) : TopologyPlan.BusSide.FROM;
      if (call == TopologyPlan.Call.RPC && own.hasPath("bus-side")) {
        throw identity.problem("bus-side", "only an event edge has a bus: bus-side belongs to edges with call = event");
      }
      Values callValues = callValues(own, path);
      byTier.computeIfAbsent(from, f -> new ArrayList<>())
          .add(new EdgeAt(new TopologyPlan.EdgePlan(to, call, waitFor, quorum, sections.rpc(callValues), sections.eventDriven(callValues), busSide), where, path));
    }
    return byTier;
  }

  private List<String> targets(Config own, Values identity, Set<String> tiers) {
    ConfigValue value = own.getValue("to");
    List<String> to = new ArrayList<>();
    if (value.valueType() == ConfigValueType.STRING) {
      to.add(tier(identity.string("to"), tiers, identity, "to"));
      return to;
    }
    if (value.valueType() != ConfigValueType.LIST || ((List<?>) value.unwrapped()).isEmpty()) {
      throw identity.problem("to", "must name the tiers called, like [back] or [stock, pricing], but was " + Values.render(value));
    }
    for (Object item : (List<?>) value.unwrapped()) {
      String name = tier(String.valueOf(item), tiers, identity, "to");
      if (to.contains(name)) {
        throw identity.problem("to", "names " + name + " twice");
      }
      to.add(name);
    }
    return to;
  }

  private static String tier(String name, Set<String> tiers, Values identity, String key) {
    if (!tiers.contains(name)) {
      throw identity.problem(key, "unknown tier " + name + " (tiers: " + String.join(", ", new TreeSet<>(tiers)) + ")" + Suggestions.didYouMean(name, tiers));
    }
    return name;
  }

  /** The edge's own rpc, event-driven and policy keys, over the scenario's. */
  private Values callValues(Config own, String path) {
    Config set = ConfigFactory.empty();
    for (String section : EDGE_SECTIONS) {
      if (own.hasPath(section)) {
        set = set.withValue(section, own.getValue(section));
      }
    }
    keys.checkLayer(new UserInput.Layer(file, set, true));
    Config callSet = set;
    Function<String, String> locate = p -> callSet.hasPath(p) ? at(callSet.getValue(p), EDGES) : v.locate(p);
    return new Values(set.withFallback(config).resolve(), locate, p -> callSet.hasPath(p) ? path + "." + p : p);
  }

  /** Depth first from every tier; the first edge that closes a loop is named with the loop. */
  private void checkNoCycle(Set<String> tiers, Map<String, List<EdgeAt>> edges) {
    Set<String> done = new HashSet<>();
    for (String tier : tiers) {
      visit(tier, edges, done, new ArrayDeque<>());
    }
  }

  private void visit(String tier, Map<String, List<EdgeAt>> edges, Set<String> done, Deque<String> path) {
    if (done.contains(tier)) {
      return;
    }
    path.addLast(tier);
    for (EdgeAt edge : edges.getOrDefault(tier, List.of())) {
      for (String to : edge.edge().to()) {
        if (path.contains(to)) {
          List<String> loop = new ArrayList<>(path);
          loop = new ArrayList<>(loop.subList(loop.indexOf(to), loop.size()));
          loop.add(to);
          throw v.problemAt(edge.where(), edge.path(), "a cycle: " + String.join(" → ", loop) + " (a topology must not call back up)");
        }
        visit(to, edges, done, path);
      }
    }
    path.removeLast();
    done.add(tier);
  }

  /** The entry named, or the one tier nothing calls. */
  private String entry(Set<String> tiers, Map<String, List<EdgeAt>> edges) {
    String named = v.string("topology.entry");
    if (!named.isEmpty()) {
      if (!tiers.contains(named)) {
        throw v.problem("topology.entry", "unknown tier " + named + " (tiers: " + String.join(", ", tiers) + ")" + Suggestions.didYouMean(named, tiers));
      }
      return named;
    }
    Set<String> uncalled = new TreeSet<>(tiers);
    edges.values().forEach(list -> list.forEach(e -> e.edge().to().forEach(uncalled::remove)));
    if (uncalled.size() != 1) {
      throw v.problem("topology.entry", "must name the tier the load calls: " + String.join(", ", uncalled) + " have no callers");
    }
    return uncalled.iterator().next();
  }

  /** Tiers the entry reaches, breadth first, the entry first. */
  private static List<String> reachable(String entry, Map<String, List<EdgeAt>> edges) {
    List<String> order = new ArrayList<>(List.of(entry));
    for (int i = 0; i < order.size(); i++) {
      for (EdgeAt edge : edges.getOrDefault(order.get(i), List.of())) {
        for (String to : edge.edge().to()) {
          if (!order.contains(to)) {
            order.add(to);
          }
        }
      }
    }
    return order;
  }

  /** "file:line" for a value of a file; otherwise where the section at {@code fallbackPath} came from. */
  private String at(ConfigValue value, String fallbackPath) {
    String where = UserInput.fileAndLine(value.origin());
    return where != null ? where : v.locate(fallbackPath);
  }
}
