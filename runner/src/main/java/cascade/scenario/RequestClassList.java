package cascade.scenario;

import cascade.load.RequestClasses.RequestClass;
import cascade.runtime.InvalidSetting;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code traffic.classes}: a list of sections {@code { name = checkout, weight = 1,
 * priority = 1 }}, weight 1 and priority 0 unless given. An empty list means one class,
 * {@code default}. A problem names the line of the class it is about.
 */
final class RequestClassList {

  private static final Set<String> KEYS = Set.of("name", "weight", "priority");

  private RequestClassList() {}

  static List<RequestClass> read(Values v, String path) {
    ConfigValue list = v.value(path);
    if (list.valueType() != ConfigValueType.LIST) {
      throw v.problem(path, "must be a list like [ { name = checkout, weight = 1, priority = 1 } ], but was " + Values.render(list));
    }
    List<RequestClass> classes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (ConfigValue item : ((com.typesafe.config.ConfigList) list)) {
      index++;
      String where = lineOf(v.where(path), item);
      if (item.valueType() != ConfigValueType.OBJECT) {
        throw problem(where, path, "class " + index + " must be a section like { name = checkout, weight = 1, priority = 1 }, but was " + Values.render(item));
      }
      Config c = ((ConfigObject) item).toConfig();
      for (String key : ((ConfigObject) item).keySet()) {
        if (!KEYS.contains(key)) {
          throw problem(where, path, "class " + index + " has an unknown key " + key + Suggestions.didYouMean(key, KEYS) + " (it takes name, weight, priority)");
        }
      }
      if (!c.hasPath("name") || c.getValue("name").valueType() != ConfigValueType.STRING || c.getString("name").isBlank()) {
        throw problem(where, path, "class " + index + " needs a name, like name = checkout");
      }
      String name = c.getString("name");
      if (!names.add(name)) {
        throw problem(where, path, "names the class " + name + " twice");
      }
      double weight = 1;
      if (c.hasPath("weight")) {
        ConfigValue w = c.getValue("weight");
        if (w.valueType() != ConfigValueType.NUMBER) {
          throw problem(where, path, "class " + name + ": weight must be a number above 0, but was " + Values.render(w));
        }
        weight = ((Number) w.unwrapped()).doubleValue();
      }
      int priority = 0;
      if (c.hasPath("priority")) {
        ConfigValue p = c.getValue("priority");
        if (p.valueType() != ConfigValueType.NUMBER || !(p.unwrapped() instanceof Integer)) {
          throw problem(where, path, "class " + name + ": priority must be a whole number (higher is served first), but was " + Values.render(p));
        }
        priority = (Integer) p.unwrapped();
      }
      try {
        classes.add(new RequestClass(name, weight, priority));
      } catch (InvalidSetting invalid) {
        throw problem(where, path, "class " + name + ": " + invalid.getMessage());
      }
    }
    return classes.isEmpty() ? List.of(new RequestClass("default", 1, 0)) : classes;
  }

  /** The list's location, with the line of the class itself when the list was written in a file. */
  private static String lineOf(String listWhere, ConfigValue item) {
    int line = item.origin().lineNumber();
    return line > 0 && listWhere.matches(".*:\\d+$") ? listWhere.replaceFirst(":\\d+$", ":" + line) : listWhere;
  }

  private static ScenarioException problem(String where, String path, String message) {
    return new ScenarioException(where + ": " + path + ": " + message);
  }
}
