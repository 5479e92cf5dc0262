package cascade.extension;

import cascade.runtime.InvalidSetting;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keys a scenario gives an extension (its own HOCON section, e.g. {@code policy.aimd-limit}),
 * as plain strings so that they travel between nodes with the rest of a run's settings. The
 * getters parse and check; a bad value throws {@link Problem} naming the key, which the scenario
 * loader turns into one line with the file, the line and the key.
 */
public record ExtensionSettings(Map<String, String> values) {

  public static final ExtensionSettings NONE = new ExtensionSettings(Map.of());

  public ExtensionSettings {
    values = Map.copyOf(new TreeMap<>(values));
  }

  /** A value that is missing or does not parse, for the key {@code key}. */
  public static final class Problem extends IllegalArgumentException {
    private final String key;

    public Problem(String key, String message) {
      super(message);
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  public String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  public double number(String key, double fallback, double min, double max) {
    String raw = values.get(key);
    if (raw == null) {
      return fallback;
    }
    double value;
    try {
      value = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new Problem(key, "must be a number, but was " + raw);
    }
    if (value < min || value > max) {
      throw new Problem(key, "must be between " + InvalidSetting.written(min) + " and " + InvalidSetting.written(max) + ", but was " + raw);
    }
    return value;
  }

  public int integer(String key, int fallback, int min, int max) {
    double value = number(key, fallback, min, max);
    if (value != Math.rint(value)) {
      throw new Problem(key, "must be a whole number, but was " + values.get(key));
    }
    return (int) value;
  }

  /** A duration with a unit, as in scenario files: 80ms, 2s; at most a day, like theirs. */
  public Duration duration(String key, Duration fallback) {
    String raw = values.get(key);
    if (raw == null) {
      return fallback;
    }
    try {
      Duration value = com.typesafe.config.ConfigFactory.parseString("d = " + raw).getDuration("d");
      if (value.isNegative()) {
        throw new Problem(key, "must not be negative, but was " + raw);
      }
      if (cascade.runtime.DurationCeiling.exceededBy(value)) {
        throw new Problem(key, "must be at most " + cascade.runtime.DurationCeiling.WRITTEN + ", but was " + raw);
      }
      return value;
    } catch (com.typesafe.config.ConfigException e) {
      throw new Problem(key, "must be a duration like 80ms or 2s, but was " + raw);
    }
  }
}
