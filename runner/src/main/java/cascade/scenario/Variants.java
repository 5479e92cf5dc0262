package cascade.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code scenario.variants}: runs of one scenario side by side, each an architecture with
 * some keys changed ({@code set}), to compare a path with and without a remedy.
 */
final class Variants {

  /** What a variant may change: the system under test, not the load or the scenario itself. */
  private static final List<String> CHANGEABLE = List.of("service", "rpc", "event-driven", "policy", "topology");

  private static final Set<String> VARIANT_KEYS = Set.of("name", "architecture", "set");

  /** Reads a variant's service and paths from its config, with its own way to name problems. */
  interface Reader {
    Scenario.Variant read(String name, Scenario.Architecture architecture, Values values);
  }

  private Variants() {}

  static List<Scenario.Variant> read(Config merged, UserInput input, KeyChecker keys, Reader reader) {
    List<? extends ConfigValue> list = merged.getList("scenario.variants");
    List<Scenario.Variant> variants = new ArrayList<>();
    Values top = new Values(merged, input);
    for (int i = 0; i < list.size(); i++) {
      variants.add(variant(list.get(i), i, merged, input, keys, reader, top));
    }
    return variants;
  }

  private static Scenario.Variant variant(
      ConfigValue value, int index, Config merged, UserInput input, KeyChecker keys, Reader reader, Values top) {
    String where = "scenario.variants[" + index + "]";
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw top.problem("scenario.variants", "each variant must be a section like { name = \"RPC\", architecture = rpc }, but " + where + " was " + Values.render(value));
    }
    ConfigObject object = (ConfigObject) value;
    String label = input.locate(value, "scenario.variants");
    for (String key : object.keySet()) {
      if (!VARIANT_KEYS.contains(key)) {
        throw new ScenarioException(label + ": " + where + "." + key + ": unknown key" + Suggestions.didYouMean(key, VARIANT_KEYS));
      }
    }
    Config own = object.toConfig();
    Values identity = new Values(own, path -> label, path -> where + "." + path);
    if (!own.hasPath("name")) {
      throw new ScenarioException(label + ": " + where + ".name: every variant needs a name");
    }
    String name = identity.string("name");
    Scenario.Architecture architecture =
        identity.choice("architecture", Scenario.Architecture.values(), a -> a.key);
    Config set = own.hasPath("set") ? own.getConfig("set") : com.typesafe.config.ConfigFactory.empty();
    checkSet(set, where, label, keys, input);
    Function<String, String> locate =
        path -> set.hasPathOrNull(path) ? input.locate(set.getValue(path), "scenario.variants") : input.locate(path);
    Values values = new Values(set.withFallback(merged).resolve(), locate, path -> path + " (variant \"" + name + "\")");
    return reader.read(name, architecture, values);
  }

  private static void checkSet(Config set, String where, String label, KeyChecker keys, UserInput input) {
    for (String root : set.root().keySet()) {
      if (!CHANGEABLE.contains(root)) {
        throw new ScenarioException(
            label + ": " + where + ".set." + root + ": a variant may change only " + String.join(", ", CHANGEABLE) + " keys");
      }
    }
    keys.checkLayer(new UserInput.Layer(input.file().label(), set, true));
  }
}
