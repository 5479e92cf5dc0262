package cascade.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks {@code scenario.sweep}. Everything about the sweep itself is checked here (an
 * unknown key, a value of the wrong kind, an empty list, a step that never arrives); each point's
 * values are then checked like any override when the point's scenario is loaded.
 */
final class SweepReader {

  static final String PATH = "scenario.sweep";

  /** At most this many keys: a table of points against one or two values is what a reader can read. */
  static final int MAX_KEYS = 2;

  /** At most this many points in all: a slip like step = 0.0001 is refused rather than run for an hour. */
  static final int MAX_POINTS = 1000;

  /** What a point may change: the system and its load, not the run's own machinery. */
  private static final List<String> SWEEPABLE = List.of("seed", "traffic", "service", "rpc", "event-driven", "policy");

  private static final Set<String> ENTRY_KEYS = Set.of("key", "values", "from", "to", "step");

  private SweepReader() {}

  static Sweep read(Config merged, UserInput input, KeyChecker keys, Config defaults) {
    ConfigValue listed = merged.getValue(PATH);
    Values top = new Values(merged, input);
    if (listed.valueType() != ConfigValueType.LIST) {
      throw top.problem(PATH, "must be a list like [ { key = service.failure-probability, from = 0, to = 1, step = 0.1 } ], but was " + Values.render(listed));
    }
    List<? extends ConfigValue> entries = merged.getList(PATH);
    if (entries.isEmpty()) {
      return Sweep.NONE;
    }
    if (entries.size() > MAX_KEYS) {
      throw top.problem(PATH, "may vary at most " + MAX_KEYS + " keys, but names " + entries.size());
    }
    if (!"off".equals(merged.getString("cluster.mode"))) {
      throw top.problem(PATH, "a sweep runs its points side by side in one actor system: set cluster.mode = off");
    }
    List<Sweep.Axis> axes = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Sweep.Axis axis = axis(entries.get(i), i, merged, input, keys, defaults, top);
      if (!named.add(axis.key())) {
        throw new ScenarioException(axis.where() + ": " + PATH + "[" + i + "].key: names " + axis.key() + " twice");
      }
      axes.add(axis);
    }
    Sweep sweep = new Sweep(axes);
    long points = axes.stream().mapToLong(a -> a.values().size()).reduce(1, (a, b) -> a * b);
    if (points > MAX_POINTS) {
      throw top.problem(PATH, "would run " + points + " points, more than " + MAX_POINTS + ": use a larger step or fewer values");
    }
    return sweep;
  }

  private static Sweep.Axis axis(
      ConfigValue value, int index, Config merged, UserInput input, KeyChecker keys, Config defaults, Values top) {
    String entry = PATH + "[" + index + "]";
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw top.problem(PATH, "each entry must be a section like { key = service.failure-probability, values = [0, 0.5, 1] }, but " + entry + " was " + Values.render(value));
    }
    String where = input.locate(value, PATH);
    ConfigObject object = (ConfigObject) value;
    for (String name : object.keySet()) {
      if (!ENTRY_KEYS.contains(name)) {
        throw new ScenarioException(where + ": " + entry + "." + name + ": unknown key; an entry has key, and values or from, to, step" + Suggestions.didYouMean(name, ENTRY_KEYS));
      }
    }
    Config own = object.toConfig();
    Values v = new Values(own, path -> where, path -> entry + "." + path);
    if (!own.hasPath("key")) {
      throw v.problem("key", "every entry names the key it varies, like key = service.failure-probability");
    }
    String key = v.string("key");
    checkKey(key, v, keys, defaults, merged, input);
    boolean numeric = defaults.getValue(key).valueType() == ConfigValueType.NUMBER;
    boolean listed = own.hasPath("values");
    boolean ranged = own.hasPath("from") || own.hasPath("to") || own.hasPath("step");
    if (listed && ranged) {
      throw v.problem("values", "give either values or from, to and step, not both");
    }
    if (!listed && !ranged) {
      throw v.problem("key", "needs the values " + key + " takes: values = [...], or from, to and step");
    }
    List<Object> values = listed ? listedValues(v, key, numeric) : range(v, key, numeric);
    return new Sweep.Axis(key, values, where);
  }

  /** A key the reference has, of a section a point may change, holding a single value. */
  private static void checkKey(String key, Values v, KeyChecker keys, Config defaults, Config merged, UserInput input) {
    if (!keys.isKnown(key)) {
      throw v.problem("key", "unknown key " + key + keys.didYouMean(key, null));
    }
    String root = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
    if (!SWEEPABLE.contains(root)) {
      throw v.problem("key", "a sweep may vary only " + String.join(", ", SWEEPABLE) + " keys, but names " + key);
    }
    ConfigValueType type = defaults.getValue(key).valueType();
    if (type == ConfigValueType.LIST || type == ConfigValueType.OBJECT) {
      throw v.problem("key", key + " holds a list or a section; a sweep varies single values");
    }
    for (UserInput.Layer override : input.overrides()) {
      if (override.config().hasPathOrNull(key)) {
        throw new ScenarioException(override.label() + ": " + key + ": the sweep (" + v.where("key") + ") sets this key at each point; drop the --set, or the sweep with --set 'scenario.sweep=[]'");
      }
    }
    List<? extends ConfigValue> variants = merged.getList("scenario.variants");
    for (ConfigValue variant : variants) {
      if (variant instanceof ConfigObject object && object.toConfig().hasPathOrNull("set." + key)) {
        throw v.problem("key", "variant " + Values.render(object.get("name")) + " sets " + key + " itself, so the sweep could not vary it there");
      }
    }
  }

  private static List<Object> listedValues(Values v, String key, boolean numeric) {
    ConfigValue listed = v.value("values");
    if (listed.valueType() != ConfigValueType.LIST) {
      throw v.problem("values", "must be a list like [0, 0.5, 1], but was " + Values.render(listed));
    }
    List<Object> values = new ArrayList<>();
    for (Object item : (List<?>) listed.unwrapped()) {
      if (item instanceof List || item instanceof java.util.Map || item == null) {
        throw v.problem("values", "must hold single values, but has " + Values.render(listed));
      }
      if (numeric && !(item instanceof Number)) {
        throw v.problem("values", key + " is a number, but the list holds " + com.typesafe.config.ConfigValueFactory.fromAnyRef(item).render());
      }
      values.add(item instanceof Number n ? number(new BigDecimal(n.toString())) : item);
    }
    if (values.isEmpty()) {
      throw v.problem("values", "is empty: a sweep needs at least one value");
    }
    if (new HashSet<>(values).size() < values.size()) {
      throw v.problem("values", "names a value twice: " + Values.render(listed));
    }
    return values;
  }

  /** from, from + step, ... up to and including to, in exact decimals (0.1 + 0.2 is 0.3 here). */
  private static List<Object> range(Values v, String key, boolean numeric) {
    for (String part : List.of("from", "to", "step")) {
      if (!v.config().hasPath(part)) {
        throw v.problem(part, "missing: a range needs from, to and step");
      }
    }
    if (!numeric) {
      throw v.problem("key", key + " is not a number: list its values instead, like values = [...]");
    }
    BigDecimal from = decimal(v, "from");
    BigDecimal to = decimal(v, "to");
    BigDecimal step = decimal(v, "step");
    if (step.signum() <= 0) {
      throw v.problem("step", "must be above 0, but was " + step.toPlainString());
    }
    if (from.compareTo(to) > 0) {
      throw v.problem("from", "must be at most to (" + to.toPlainString() + "), but was " + from.toPlainString());
    }
    BigDecimal count = to.subtract(from).divide(step, java.math.RoundingMode.FLOOR).add(BigDecimal.ONE);
    if (count.compareTo(BigDecimal.valueOf(MAX_POINTS)) > 0) {
      throw v.problem("step", "makes " + count.toPlainString() + " points from " + from.toPlainString() + " to " + to.toPlainString() + ", more than " + MAX_POINTS);
    }
    List<Object> values = new ArrayList<>();
    for (BigDecimal x = from; x.compareTo(to) <= 0; x = x.add(step)) {
      values.add(number(x));
    }
    return values;
  }

  private static BigDecimal decimal(Values v, String path) {
    ConfigValue value = v.value(path);
    if (value.valueType() != ConfigValueType.NUMBER) {
      throw v.problem(path, "must be a number, but was " + Values.render(value));
    }
    return new BigDecimal(value.unwrapped().toString());
  }

  /** A whole number as a Long (so whole-number keys accept it), any other as a Double. */
  private static Object number(BigDecimal x) {
    BigDecimal plain = x.stripTrailingZeros();
    return plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0 ? (Object) plain.longValueExact() : (Object) x.doubleValue();
  }
}
