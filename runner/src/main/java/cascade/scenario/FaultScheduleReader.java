package cascade.scenario;

import cascade.service.FaultSchedule;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code faults.schedule}: timed faults, each a section like {@code { at = 1s, for = 500ms,
 * kind = capacity-drop, factor = 0.3 }}. Every entry is checked on its own — its keys, the ones
 * its kind needs and the ones it cannot use — and a problem names the entry's line and key.
 * {@code node-kill} entries become kills of cluster nodes; the rest are the service's schedule.
 */
final class FaultScheduleReader {

  static final String PATH = "faults.schedule";

  /** The name of the one downstream service, the default target. */
  static final String SERVICE = FaultSchedule.DEFAULT_TARGET;

  private static final String NODE_KILL = "node-kill";

  private static final Set<String> KEYS = Set.of("at", "for", "kind", "factor", "probability", "instances", "target", "label", "node");

  /** The keys each kind needs beyond {@code at} and {@code kind}; a kind may use no others but label and target. */
  private static final Map<String, List<String>> NEEDS =
      Map.of(
          FaultSchedule.Kind.LATENCY.key, List.of("for", "factor"),
          FaultSchedule.Kind.ERROR_RATE.key, List.of("for", "probability"),
          FaultSchedule.Kind.CAPACITY_DROP.key, List.of("for", "factor"),
          FaultSchedule.Kind.CRASH.key, List.of(),
          FaultSchedule.Kind.HANG.key, List.of("for"),
          FaultSchedule.Kind.STALL.key, List.of("for"),
          NODE_KILL, List.of("node"));

  /** Keys a kind may have without needing them. */
  private static final Map<String, List<String>> MAY =
      Map.of(FaultSchedule.Kind.CRASH.key, List.of("instances"), FaultSchedule.Kind.HANG.key, List.of("instances"));

  /** What the schedule holds: the services' timed faults, and the cluster nodes to kill. */
  record Read(FaultSchedule schedule, List<Scenario.NodeKill> nodeKills) {}

  private FaultScheduleReader() {}

  /** What a fault can hit: the one downstream service, and each tier of a topology by its name. */
  private static List<String> targets(Config merged) {
    List<String> targets = new ArrayList<>(List.of(SERVICE));
    if (merged.hasPath("topology.tiers") && merged.getValue("topology.tiers").valueType() == ConfigValueType.OBJECT) {
      targets.addAll(new java.util.TreeSet<>(merged.getObject("topology.tiers").keySet()));
    }
    return targets;
  }

  /**
   * @param replicas the service's instances, the most a crash or hang can hit
   */
  static Read read(Config merged, UserInput input, Values top, int replicas) {
    List<? extends ConfigValue> listed = merged.getList(PATH);
    List<FaultSchedule.Entry> entries = new ArrayList<>();
    List<Scenario.NodeKill> kills = new ArrayList<>();
    for (int i = 0; i < listed.size(); i++) {
      ConfigValue value = listed.get(i);
      String where = PATH + "[" + i + "]";
      if (value.valueType() != ConfigValueType.OBJECT) {
        throw top.problem(PATH, "each entry must be a section like { at = 1s, for = 500ms, kind = capacity-drop, factor = 0.3 }, but " + where + " was " + Values.render(value));
      }
      // An entry written in a file is named by its own line; one given with --set by the option.
      String located = input.locate(value, PATH);
      Config entry = ((ConfigObject) value).toConfig();
      Values v = new Values(entry, path -> located, path -> where + "." + path);
      String kind = kind(entry, v, located, where);
      checkKeys(entry, kind, located, where);
      Duration at = v.duration("at", true);
      if (kind.equals(NODE_KILL)) {
        kills.add(new Scenario.NodeKill(v.string("node"), at));
        continue;
      }
      FaultSchedule.Kind k = Arrays.stream(FaultSchedule.Kind.values()).filter(c -> c.key.equals(kind)).findFirst().orElseThrow();
      String target = entry.hasPath("target") ? v.string("target") : SERVICE;
      List<String> targets = targets(merged);
      if (!targets.contains(target)) {
        throw v.problem("target", "must name a service of the scenario (" + String.join(", ", targets) + "), but was " + target + Suggestions.didYouMean(target, targets));
      }
      double factor =
          switch (k) {
            case LATENCY -> v.number("factor", 0, true, Double.MAX_VALUE);
            case CAPACITY_DROP -> v.number("factor", 0, true, 1);
            case ERROR_RATE -> v.probability("probability");
            default -> 0;
          };
      int instances = entry.hasPath("instances") ? v.integer("instances", 1) : 1;
      if (instances > replicas) {
        throw v.problem("instances", "can hit at most the service's " + replicas + " instance" + (replicas == 1 ? "" : "s") + " (service.replicas), but was " + instances);
      }
      Duration duration = k.lasts() ? v.duration("for", false) : Duration.ZERO;
      // Unlabelled, a fault is called by its kind: reports give its times beside it.
      String name = entry.hasPath("label") ? v.string("label") : k.key;
      entries.add(new FaultSchedule.Entry(name, target, k, at, duration, factor, instances));
    }
    return new Read(new FaultSchedule(entries), kills);
  }

  private static String kind(Config entry, Values v, String located, String where) {
    if (!entry.hasPath("kind")) {
      throw new ScenarioException(located + ": " + where + ".kind: every entry needs a kind (" + String.join(", ", kinds()) + ")");
    }
    String kind = v.string("kind");
    if (!NEEDS.containsKey(kind)) {
      throw v.problem("kind", "must be one of " + String.join(", ", kinds()) + ", but was " + kind + Suggestions.didYouMean(kind, kinds()));
    }
    return kind;
  }

  /** Unknown keys, missing keys, and keys the kind cannot use, in that order. */
  private static void checkKeys(Config entry, String kind, String located, String where) {
    for (String key : entry.root().keySet()) {
      if (!KEYS.contains(key)) {
        throw new ScenarioException(located + ": " + where + "." + key + ": unknown key" + Suggestions.didYouMean(key, KEYS));
      }
    }
    List<String> needs = new ArrayList<>(NEEDS.get(kind));
    needs.add(0, "at");
    for (String key : needs) {
      if (!entry.hasPath(key)) {
        throw new ScenarioException(located + ": " + where + "." + key + ": a " + kind + " entry needs " + key + example(kind));
      }
    }
    List<String> allowed = Stream.of(needs, MAY.getOrDefault(kind, List.of()), List.of("kind", "label"), kind.equals(NODE_KILL) ? List.<String>of() : List.of("target"))
        .flatMap(List::stream)
        .toList();
    for (String key : entry.root().keySet()) {
      if (!allowed.contains(key)) {
        throw new ScenarioException(located + ": " + where + "." + key + ": a " + kind + " entry has no " + key + example(kind));
      }
    }
  }

  private static String example(String kind) {
    return switch (kind) {
      case "latency" -> " (like { at = 1s, for = 500ms, kind = latency, factor = 3 })";
      case "error-rate" -> " (like { at = 1s, for = 500ms, kind = error-rate, probability = 0.3 })";
      case "capacity-drop" -> " (like { at = 1s, for = 500ms, kind = capacity-drop, factor = 0.3 })";
      case "crash" -> " (like { at = 1s, kind = crash, instances = 1 })";
      case "hang" -> " (like { at = 1s, for = 200ms, kind = hang, instances = 1 })";
      case "stall" -> " (like { at = 1s, for = 200ms, kind = stall })";
      default -> " (like { at = 1s, kind = node-kill, node = back })";
    };
  }

  private static List<String> kinds() {
    List<String> kinds = new ArrayList<>(Arrays.stream(FaultSchedule.Kind.values()).map(k -> k.key).toList());
    kinds.add(NODE_KILL);
    return kinds;
  }
}
