package cascade.run;

import cascade.scenario.Scenario;
import cascade.scenario.ScenarioException;
import cascade.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario a replay runs: the run's own (its file and overrides, from the run folder), with
 * one request per dead letter at the replay's rate into the event-driven path only, in memory, and
 * the replay's {@code --set} overrides on top.
 */
public final class ReplayScenario {

  private ReplayScenario() {}

  /**
   * Loads the replay's scenario, which validates {@code overrides} (and the run's scenario file as
   * it is now).
   *
   * @param letters how many dead letters it sends, at least 1
   * @param rate    letters per second
   * @throws ScenarioException naming the {@code --set} that is invalid, or that changes what the
   *     replay decides itself
   */
  public static Scenario load(RunFolder run, long letters, double rate, List<String> overrides) {
    Map<String, String> decided = decided(letters, rate);
    for (String override : overrides) {
      refuseIfDecided(override, decided);
    }
    List<String> settings = new ArrayList<>(run.overrides());
    decided.forEach((key, value) -> settings.add(key + "=" + value));
    settings.addAll(overrides);
    return ScenarioLoader.load(run.scenarioFile(), settings);
  }

  /** The keys the replay sets, over whatever the run had. */
  private static Map<String, String> decided(long letters, double rate) {
    Map<String, String> decided = new LinkedHashMap<>();
    decided.put("scenario.architectures", "[event-driven]");
    decided.put("scenario.variants", "[]");
    decided.put("traffic.total", Long.toString(letters));
    decided.put("traffic.arrivals", "constant");
    decided.put("traffic.rate", Double.toString(rate));
    decided.put("persistence.journal", "off");
    // A PostgreSQL run's URL would be refused with the journal off.
    decided.put("persistence.url", "\"\"");
    decided.put("cluster.mode", "off");
    decided.put("cluster.kill", "[]");
    return decided;
  }

  /**
   * A {@code --set} of a decided key, or of a section holding one ({@code traffic = {...}}), would
   * make the replay send something other than its dead letters, and mark them replayed all the same.
   */
  private static void refuseIfDecided(String override, Map<String, String> decided) {
    int equals = override.indexOf('=');
    String key = (equals < 0 ? override : override.substring(0, equals)).strip();
    if (key.isEmpty()) {
      return; // not a key=value at all: ScenarioLoader says so
    }
    for (String fixed : decided.keySet()) {
      if (fixed.equals(key) || fixed.startsWith(key + ".")) {
        throw new ScenarioException(
            "--set " + override + ": a replay sets " + fixed + " itself (one request per dead letter, at --rate, into the event-driven path, in memory)");
      }
    }
  }
}
