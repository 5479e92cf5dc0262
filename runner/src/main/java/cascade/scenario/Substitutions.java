package cascade.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Resolves the {@code ${...}} substitutions of what the user wrote, against itself and the
 * defaults. Typesafe Config reports a substitution it cannot resolve by the line it is written on,
 * not by the key it is the value of; the key is found here among the user's keys.
 */
final class Substitutions {

  private Substitutions() {}

  static Config resolve(UserInput input, Config defaults, KeyChecker keys) {
    try {
      return input.merged().withFallback(defaults).resolve();
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw unresolved(input, keys, e);
    } catch (ConfigException e) {
      // A cycle of substitutions, say: its origin is the best place there is.
      throw asItIs(input, e);
    }
  }

  /**
   * Names the key whose value holds the substitution: of the keys whose value shows it, the one
   * written on the reported line, else the first (the file's before the overrides', then by line).
   * The defaults are resolved already, so the substitution is always the user's.
   */
  private static ScenarioException unresolved(UserInput input, KeyChecker keys, ConfigException.UnresolvedSubstitution e) {
    String message = e.getMessage();
    int start = message.lastIndexOf("${");
    if (start < 0) {
      return asItIs(input, e);
    }
    String expression = message.substring(start);
    Comparator<Map.Entry<String, ConfigValue>> order =
        Comparator.comparing((Map.Entry<String, ConfigValue> leaf) -> leaf.getValue().origin().filename() == null)
            .thenComparingInt(leaf -> leaf.getValue().origin().lineNumber())
            .thenComparing(Map.Entry::getKey);
    List<Map.Entry<String, ConfigValue>> holding =
        input.merged().entrySet().stream()
            .filter(leaf -> leaf.getValue().render(ConfigRenderOptions.concise()).contains(expression))
            .sorted(order)
            .toList();
    if (holding.isEmpty()) {
      return asItIs(input, e);
    }
    String reported = e.origin() == null ? null : e.origin().description();
    String key =
        holding.stream()
            .filter(leaf -> leaf.getValue().origin().description().equals(reported))
            .findFirst()
            .orElse(holding.get(0))
            .getKey();
    // The line of the substitution itself when it is in a file; else the override that gave the key.
    String where = UserInput.fileAndLine(e.origin());
    String target = expression.replaceAll("^\\$\\{\\??|}$", "");
    return new ScenarioException(
        (where == null ? input.locate(key) : where) + ": " + key + ": unresolved substitution " + expression + keys.didYouMean(target, key));
  }

  private static ScenarioException asItIs(UserInput input, ConfigException e) {
    String where = UserInput.fileAndLine(e.origin());
    return new ScenarioException((where == null ? input.file().label() : where) + ": " + UserInput.withoutOrigin(e));
  }
}
