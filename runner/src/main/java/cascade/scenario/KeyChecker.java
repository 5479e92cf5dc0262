package cascade.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rejects keys the reference scenario does not have, with a suggestion for a misspelt one, and
 * values whose shape is wrong (a section where a value belongs, or the other way round).
 */
final class KeyChecker {

  private final Config defaults;
  private final Set<String> knownLeaves = new TreeSet<>();
  /** Sections whose keys belong to an extension, which checks them itself. */
  private final Set<String> extensionSections = new TreeSet<>();

  KeyChecker(Config defaults) {
    this.defaults = defaults;
    for (Map.Entry<String, ConfigValue> entry : defaults.entrySet()) {
      knownLeaves.add(entry.getKey());
    }
    extensionSections.add("service.model-settings");
    extensionSections.add("service.routing-settings");
    extensionSections.add("traffic.shape-settings");
  }

  /**
   * Whether {@code path} is in a section an extension checks itself. Policies are asked for at
   * each check, not once: a test can lend one for a run (see Extensions.lend).
   */
  private boolean inExtensionSection(String path) {
    return extensionSections.stream().anyMatch(section -> path.startsWith(section + "."))
        || cascade.extension.Extensions.names(cascade.callpath.PolicyExtension.class).stream()
            .anyMatch(policy -> path.startsWith("policy." + policy + "."));
  }

  /** Throws for the first problem of the file (by line), then of each override in order. */
  void check(UserInput input) {
    checkLayer(input.file());
    input.overrides().forEach(this::checkLayer);
  }

  void checkLayer(UserInput.Layer layer) {
    List<Map.Entry<String, ConfigValue>> leaves =
        layer.config().entrySet().stream()
            .sorted(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
                .thenComparing(Map.Entry::getKey))
            .toList();
    for (Map.Entry<String, ConfigValue> leaf : leaves) {
      String problem = problemWith(leaf.getKey(), leaf.getValue());
      if (problem != null) {
        throw new ScenarioException(UserInput.locate(layer, leaf.getValue()) + ": " + problem);
      }
    }
  }

  /** Whether the reference scenario has this key, holding a value (not a section). */
  boolean isKnown(String path) {
    return knownLeaves.contains(path);
  }

  /**
   * "; did you mean X?" for a key path the reference scenario does not have, or nothing; never
   * {@code except} (the key a substitution is the value of: it does not mean itself).
   */
  String didYouMean(String path, String except) {
    if (knownLeaves.contains(path)) {
      return "";
    }
    return Suggestions.didYouMean(path, knownLeaves.stream().filter(k -> !k.equals(except)).toList());
  }

  /** Null when the key is known and its value is not a section where a plain value belongs. */
  private String problemWith(String path, ConfigValue value) {
    if (knownLeaves.contains(path) || inExtensionSection(path)) {
      return null;
    }
    if (path.startsWith(TopologyReader.TIERS + ".")) {
      return TopologyReader.problemWithTierKey(path, knownLeaves);
    }
    // Walk down the path: a known value part-way means the user gave it sub-keys.
    List<String> segments = ConfigUtil.splitPath(path);
    for (int i = 1; i < segments.size(); i++) {
      String prefix = ConfigUtil.joinPath(segments.subList(0, i));
      if (knownLeaves.contains(prefix)) {
        return prefix + ": must be a single value, not a section with keys (" + path + ")";
      }
    }
    if (defaults.hasPath(path) && defaults.getValue(path).valueType() == ConfigValueType.OBJECT) {
      return path + ": must be a section with keys like " + firstKeyUnder(path) + ", but was " + Values.render(value);
    }
    String near = Suggestions.didYouMean(path, knownLeaves);
    return path + ": unknown key" + (near.isEmpty() ? misplaced(segments) : near);
  }

  /**
   * "; did you mean X?" when the key's name is known one level deeper or shallower in the same
   * section ({@code rpc.max-retries} for {@code rpc.retry.max-retries}): a key in the wrong place
   * is as common a slip as a misspelt one. Nothing when it is not exactly one such key.
   */
  private String misplaced(List<String> segments) {
    if (segments.size() < 2) {
      return "";
    }
    String section = segments.get(0);
    String name = segments.get(segments.size() - 1);
    List<String> matches =
        knownLeaves.stream()
            .filter(k -> k.startsWith(section + "."))
            .filter(k -> {
              List<String> known = ConfigUtil.splitPath(k);
              return known.get(known.size() - 1).equals(name) && Math.abs(known.size() - segments.size()) <= 1;
            })
            .toList();
    return matches.size() == 1 ? "; did you mean " + matches.get(0) + "?" : "";
  }

  private String firstKeyUnder(String path) {
    return knownLeaves.stream().filter(k -> k.startsWith(path + ".")).findFirst().orElse(path);
  }
}
