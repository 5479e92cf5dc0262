package cascade.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a scenario given as text (a test's HOCON string, a resource inside a jar) so that its
 * problems read like a file's: {@code LABEL:LINE: KEY.PATH: problem}.
 *
 * <p>Typesafe Config names a file's values by their file and line, and a string's by a
 * description alone, which the rest of the loader cannot tell from an override. So every value
 * parsed here is given an origin that names {@code label} as its file, at its own line. A text has
 * no folder, so it includes nothing.
 */
final class ScenarioText {

  private ScenarioText() {}

  static Config parse(String label, String text) {
    ConfigParseOptions options =
        ConfigParseOptions.defaults()
            .setOriginDescription(label)
            .setAllowMissing(false)
            .setSyntax(ConfigSyntax.CONF)
            .setIncluder(new NoIncludes(label));
    ConfigObject root;
    try {
      root = ConfigFactory.parseString(text, options).root();
    } catch (ConfigException e) {
      ConfigOrigin origin = e.origin();
      String where = origin != null && origin.lineNumber() > 0 ? label + ":" + origin.lineNumber() : label;
      throw new ScenarioException(where + ": syntax error: " + UserInput.withoutOrigin(e));
    }
    return ((ConfigObject) named(root, label)).toConfig();
  }

  /** {@code value} and everything in it, with origins that name {@code label} as their file. */
  private static ConfigValue named(ConfigValue value, String label) {
    ConfigOrigin origin = ConfigOriginFactory.newFile(label);
    if (value.origin() != null && value.origin().lineNumber() > 0) {
      origin = origin.withLineNumber(value.origin().lineNumber());
    }
    try {
      if (value instanceof ConfigObject object) {
        Map<String, ConfigValue> children = new LinkedHashMap<>();
        object.forEach((key, child) -> children.put(key, named(child, label)));
        return ConfigValueFactory.fromMap(children).withOrigin(origin);
      }
      if (value instanceof ConfigList list) {
        List<ConfigValue> items = new ArrayList<>();
        list.forEach(item -> items.add(named(item, label)));
        return ConfigValueFactory.fromIterable(items).withOrigin(origin);
      }
    } catch (ConfigException.NotResolved merged) {
      // An object merged with a substitution (a = ${b} { c = 1 }) cannot be walked before it is
      // resolved: it keeps the label, its parts keep their lines without it.
    }
    return value.withOrigin(origin);
  }

  private record NoIncludes(String label) implements ConfigIncluder {

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      throw new ScenarioException(label + ": include \"" + what + "\": a scenario given as text has no folder to include from; write the keys in it");
    }
  }
}
