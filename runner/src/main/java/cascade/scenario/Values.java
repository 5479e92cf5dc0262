package cascade.scenario;

import cascade.runtime.DurationCeiling;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads typed values from the merged scenario and checks their range. Every problem becomes a
 * {@link ScenarioException} naming where the value was written, the key, what was expected, and
 * what was given.
 */
final class Values {

  private final Config config;
  /** Where the value at a key path was written ("file:line" or "--set ..."). */
  private final Function<String, String> locate;
  /** How a key path is named in messages (a variant adds which variant it belongs to). */
  private final Function<String, String> name;

  Values(Config config, UserInput input) {
    this(config, input::locate, Function.identity());
  }

  Values(Config config, Function<String, String> locate, Function<String, String> name) {
    this.config = config;
    this.locate = locate;
    this.name = name;
  }

  /** The merged configuration these values are read from. */
  Config config() {
    return config;
  }

  /** Where the value at {@code path} was written ("file:line" or "--set ..."). */
  String where(String path) {
    return locate.apply(path);
  }

  /** The raw value at {@code path}, for readers of structured values (lists of sections). */
  ConfigValue value(String path) {
    return config.getValue(path);
  }

  ScenarioException problem(String path, String message) {
    return new ScenarioException(locate.apply(path) + ": " + name.apply(path) + ": " + message);
  }

  /** The same problem, at a place the caller found (the line of one element of a list, say). */
  ScenarioException problemAt(String where, String path, String message) {
    return new ScenarioException(where + ": " + name.apply(path) + ": " + message);
  }

  /**
   * The settings a section's values make, built by {@code settings}: a value their own
   * constructor refuses ({@link cascade.runtime.InvalidSetting}) is reported at its key under
   * {@code section}, with where it was written; a rule comparing it with another setting names
   * that one by its key under {@code section} too.
   */
  <T> T build(String section, java.util.function.Supplier<T> settings) {
    try {
      return settings.get();
    } catch (cascade.runtime.InvalidSetting invalid) {
      throw problem(section + "." + invalid.key(), invalid.reason(other -> section + "." + other));
    }
  }

  /** Where the value at {@code path} was written. */
  String locate(String path) {
    return locate.apply(path);
  }

  String string(String path) {
    ConfigValue value = config.getValue(path);
    if (value.valueType() != ConfigValueType.STRING) {
      throw problem(path, "must be text, but was " + render(value));
    }
    return (String) value.unwrapped();
  }

  boolean bool(String path) {
    try {
      return config.getBoolean(path);
    } catch (ConfigException.WrongType e) {
      throw problem(path, "must be true or false, but was " + render(config.getValue(path)));
    }
  }

  long wholeNumber(String path, long min, long max) {
    ConfigValue value = config.getValue(path);
    if (value.valueType() != ConfigValueType.NUMBER
        || !(value.unwrapped() instanceof Integer || value.unwrapped() instanceof Long)) {
      throw problem(path, "must be a whole number, but was " + render(value));
    }
    long number = ((Number) value.unwrapped()).longValue();
    if (number < min) {
      throw problem(path, (max < Integer.MAX_VALUE ? "must be between " + min + " and " + max : "must be at least " + min) + ", but was " + number);
    }
    if (number > max) {
      throw problem(path, (min > Integer.MIN_VALUE ? "must be between " + min + " and " + max : "must be at most " + max) + ", but was " + number);
    }
    return number;
  }

  /** A whole number of any size a long holds: the settings it goes into check its range. */
  long wholeNumber(String path) {
    return wholeNumber(path, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  int integer(String path, int min, int max) {
    return (int) wholeNumber(path, min, max);
  }

  /** A whole number that fits an int, of any sign: the settings it goes into check its range. */
  int integer(String path) {
    return integer(path, Integer.MIN_VALUE);
  }

  int integer(String path, int min) {
    return integer(path, min, Integer.MAX_VALUE);
  }

  /** A number (whole or not); {@code minExclusive} says whether {@code min} itself is allowed. */
  double number(String path, double min, boolean minExclusive, double max) {
    ConfigValue value = config.getValue(path);
    if (value.valueType() != ConfigValueType.NUMBER) {
      throw problem(path, "must be a number, but was " + render(value));
    }
    double number = ((Number) value.unwrapped()).doubleValue();
    boolean tooSmall = minExclusive ? number <= min : number < min;
    if (tooSmall || number > max || Double.isNaN(number)) {
      String bound = minExclusive ? "must be above " + plain(min) : "must be at least " + plain(min);
      if (max != Double.MAX_VALUE) {
        bound = minExclusive ? bound + " and at most " + plain(max) : "must be between " + plain(min) + " and " + plain(max);
      }
      throw problem(path, bound + ", but was " + render(value));
    }
    return number;
  }

  /** A number (whole or not) of any size: the settings it goes into check its range. */
  double number(String path) {
    return number(path, -Double.MAX_VALUE, false, Double.MAX_VALUE);
  }

  double probability(String path) {
    return number(path, 0, false, 1);
  }

  /**
   * A duration with a unit, at most {@link DurationCeiling#MAX}; a bare number is refused, because
   * "80" could mean ms or s.
   */
  Duration duration(String path, boolean mayBeZero) {
    ConfigValue value = config.getValue(path);
    if (value.valueType() == ConfigValueType.NUMBER) {
      throw problem(path, "must be a duration with a unit, like 80ms, but was " + render(value));
    }
    Duration duration;
    try {
      duration = config.getDuration(path);
    } catch (ConfigException e) {
      throw problem(path, "must be a duration with a unit, like 80ms or 2s, but was " + render(value));
    }
    if (duration.isNegative() || (!mayBeZero && duration.isZero())) {
      throw problem(path, (mayBeZero ? "must be at least 0" : "must be above 0") + ", but was " + render(value));
    }
    if (DurationCeiling.exceededBy(duration)) {
      throw problem(path, "must be at most " + DurationCeiling.WRITTEN + ", but was " + render(value));
    }
    return duration;
  }

  <E extends Enum<E>> E choice(String path, E[] choices, Function<E, String> key) {
    String given = string(path);
    for (E choice : choices) {
      if (key.apply(choice).equals(given)) {
        return choice;
      }
    }
    List<String> names = Arrays.stream(choices).map(key).toList();
    throw problem(path, "must be one of " + String.join(", ", names) + ", but was " + given + Suggestions.didYouMean(given, names));
  }

  /**
   * The keys of section {@code path} as strings, for an extension; empty when the section is
   * missing. A key that holds a section or a list is a problem: extensions take plain values.
   */
  cascade.extension.ExtensionSettings extensionSettings(String path) {
    if (!config.hasPath(path)) {
      return cascade.extension.ExtensionSettings.NONE;
    }
    if (config.getValue(path).valueType() != ConfigValueType.OBJECT) {
      throw problem(path, "must be a section of keys for the extension, like { limit = 20 }, but was " + render(config.getValue(path)));
    }
    java.util.Map<String, String> values = new java.util.TreeMap<>();
    for (java.util.Map.Entry<String, ConfigValue> entry : config.getConfig(path).entrySet()) {
      ConfigValue value = entry.getValue();
      if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.OBJECT) {
        throw problem(path + "." + entry.getKey(), "an extension takes plain values (numbers, durations, words), but this is " + render(value));
      }
      values.put(entry.getKey(), String.valueOf(value.unwrapped()));
    }
    return new cascade.extension.ExtensionSettings(values);
  }

  /** Asks {@code extension} to check its keys; its complaint names the key under {@code path}. */
  void checkExtension(cascade.extension.Extension extension, String path, cascade.extension.ExtensionSettings settings) {
    try {
      extension.check(settings);
    } catch (cascade.extension.ExtensionSettings.Problem problem) {
      throw problem(path + "." + problem.key(), problem.getMessage());
    }
  }

  /** A list of durations with units, each at least 0 and at most the ceiling, e.g. {@code [300ms, 1s]}. */
  List<Duration> durations(String path) {
    ConfigValue value = config.getValue(path);
    if (value.valueType() != ConfigValueType.LIST) {
      throw problem(path, "must be a list of durations like [300ms, 1s], but was " + render(value));
    }
    List<Duration> durations = new ArrayList<>();
    for (ConfigValue item : config.getList(path)) {
      if (item.valueType() != ConfigValueType.STRING) {
        throw problem(path, "must be a list of durations with units like [300ms, 1s], but has " + render(item));
      }
      try {
        Duration duration = config.getDurationList(path).get(durations.size());
        if (duration.isNegative()) {
          throw problem(path, "must hold durations of at least 0, but has " + render(item));
        }
        if (DurationCeiling.exceededBy(duration)) {
          throw problem(path, "must hold durations of at most " + DurationCeiling.WRITTEN + ", but has " + render(item));
        }
        durations.add(duration);
      } catch (ConfigException e) {
        throw problem(path, "must be a list of durations with units like [300ms, 1s], but has " + render(item));
      }
    }
    return durations;
  }

  /** A duration, or {@code off} for none (returned as null). */
  Duration durationOrOff(String path) {
    ConfigValue value = config.getValue(path);
    if (value.valueType() == ConfigValueType.STRING && "off".equals(value.unwrapped())) {
      return null;
    }
    if (value.valueType() == ConfigValueType.BOOLEAN && !((Boolean) value.unwrapped())) {
      return null; // HOCON reads a bare `off` as false
    }
    return duration(path, false);
  }

  /** A list of names from {@code choices}, without duplicates, at least one. */
  <E extends Enum<E>> List<E> choices(String path, E[] choices, Function<E, String> key) {
    List<E> chosen = choiceList(path, choices, key);
    if (chosen.isEmpty()) {
      List<String> names = Arrays.stream(choices).map(key).toList();
      throw problem(path, "must name at least one of " + String.join(", ", names));
    }
    return chosen;
  }

  /** A list of names from {@code choices}, without duplicates; may be empty. */
  <E extends Enum<E>> List<E> choiceList(String path, E[] choices, Function<E, String> key) {
    ConfigValue value = config.getValue(path);
    if (value.valueType() != ConfigValueType.LIST) {
      throw problem(path, "must be a list like [" + key.apply(choices[0]) + "], but was " + render(value));
    }
    List<String> names = Arrays.stream(choices).map(key).toList();
    List<E> chosen = new ArrayList<>();
    for (Object item : (List<?>) value.unwrapped()) {
      String given = String.valueOf(item);
      E match = Arrays.stream(choices).filter(c -> key.apply(c).equals(given)).findFirst().orElse(null);
      if (match == null) {
        throw problem(path, "must name only " + String.join(", ", names) + ", but has " + given + Suggestions.didYouMean(given, names));
      }
      if (chosen.contains(match)) {
        throw problem(path, "names " + given + " twice");
      }
      chosen.add(match);
    }
    return chosen;
  }

  static String render(ConfigValue value) {
    if (value.valueType() == ConfigValueType.OBJECT) {
      return "a section";
    }
    return value.render(ConfigRenderOptions.concise());
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
