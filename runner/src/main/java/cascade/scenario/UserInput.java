package cascade.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user wrote: the scenario file and the {@code --set} overrides, each parsed on its own,
 * so that every problem can be traced back to where it was written ({@code file:line} or
 * {@code --set key=value}).
 */
final class UserInput {

  /** One source of keys; {@code label} is how messages name it. */
  record Layer(String label, Config config, boolean isFile) {}

  private final Layer file;
  /** In the order given; a later override wins over an earlier one. */
  private final List<Layer> overrides;

  private UserInput(Layer file, List<Layer> overrides) {
    this.file = file;
    this.overrides = overrides;
  }

  static UserInput read(Path path, List<String> overrides) {
    return read(new Layer(path.toString(), ScenarioFile.parse(path), true), overrides);
  }

  /** A scenario given as text: {@code label} names it in messages, as a file's name would. */
  static UserInput read(String label, String text, List<String> overrides) {
    return read(new Layer(label, ScenarioText.parse(label, text), true), overrides);
  }

  private static UserInput read(Layer file, List<String> overrides) {
    List<Layer> layers = new ArrayList<>();
    for (String override : overrides) {
      layers.add(new Layer("--set " + override, parseOverride(override), false));
    }
    return new UserInput(file, List.copyOf(layers));
  }

  /** The same input with {@code layer} applied after every override. */
  UserInput with(Layer layer) {
    List<Layer> layers = new ArrayList<>(overrides);
    layers.add(layer);
    return new UserInput(file, List.copyOf(layers));
  }

  Layer file() {
    return file;
  }

  List<Layer> overrides() {
    return overrides;
  }

  /** Everything the user wrote, later overrides first, the file last. */
  Config merged() {
    Config merged = file.config();
    for (Layer override : overrides) {
      merged = override.config().withFallback(merged);
    }
    return merged;
  }

  /** Where the value at {@code path} was written: "file:line", "--set ...", or the file alone. */
  String locate(String path) {
    for (int i = overrides.size() - 1; i >= 0; i--) {
      if (overrides.get(i).config().hasPathOrNull(path)) {
        return overrides.get(i).label();
      }
    }
    if (file.config().hasPathOrNull(path)) {
      return locate(file, file.config().getValue(path));
    }
    return file.label();
  }

  /**
   * "file:line" for a value of the file (or of a file it includes), the override's label for an
   * override.
   */
  static String locate(Layer layer, ConfigValue value) {
    String where = layer.isFile() ? fileAndLine(value.origin()) : null;
    return where == null ? layer.label() : where;
  }

  /** "file:line" for a value of a file; otherwise where the value at {@code fallbackPath} came from. */
  String locate(ConfigValue value, String fallbackPath) {
    String where = fileAndLine(value.origin());
    return where == null ? locate(fallbackPath) : where;
  }

  /**
   * "file:line" when {@code origin} is a line of a file, naming the file the parser read it from:
   * the scenario file as given, or a file it includes. Null for an override or a default.
   */
  static String fileAndLine(ConfigOrigin origin) {
    return origin != null && origin.filename() != null && origin.lineNumber() > 0 ? origin.filename() + ":" + origin.lineNumber() : null;
  }

  private static Config parseOverride(String override) {
    int equals = override.indexOf('=');
    if (equals <= 0 || override.substring(0, equals).isBlank()) {
      throw new ScenarioException("--set " + override + ": expected key.path=value, like --set traffic.total=500");
    }
    String key = override.substring(0, equals).strip();
    String value = override.substring(equals + 1).strip();
    ConfigParseOptions options = ConfigParseOptions.defaults().setOriginDescription("--set " + override);
    try {
      return ConfigFactory.parseString(key + " = " + value, options);
    } catch (ConfigException e) {
      throw new ScenarioException("--set " + override + ": syntax error: " + withoutOrigin(e));
    }
  }

  /** Typesafe Config starts its messages with its own rendering of the origin; ours replaces it. */
  static String withoutOrigin(ConfigException e) {
    String message = e.getMessage();
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (message.startsWith(prefix)) {
        return message.substring(prefix.length());
      }
    }
    return message;
  }
}
