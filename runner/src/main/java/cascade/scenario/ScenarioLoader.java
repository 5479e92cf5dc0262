package cascade.scenario;

import cascade.scenario.Scenario.Architecture;
import cascade.scenario.Scenario.Arrivals;
import cascade.scenario.Scenario.BreakerConsulted;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads a scenario file and its {@code --set} overrides into a validated {@link Scenario}.
 *
 * <p>The defaults are {@code scenarios/reference.conf}, packaged into the runner, so the commented
 * reference and the running code cannot disagree. Nothing else leaks in: no system properties, no
 * {@code application.conf}. The first problem found stops the load with a one-line {@link
 * ScenarioException}.
 */
public final class ScenarioLoader {

  static final String DEFAULTS_RESOURCE = "cascade/scenario/reference.conf";

  private static final Config DEFAULTS = ConfigFactory.parseResourcesAnySyntax(DEFAULTS_RESOURCE).resolve();
  private static final KeyChecker KEYS = new KeyChecker(DEFAULTS);

  private ScenarioLoader() {}

  public static Scenario load(Path file, List<String> overrides) {
    UserInput input = UserInput.read(file, overrides);
    KEYS.check(input);
    Config merged;
    try {
      merged = input.merged().withFallback(DEFAULTS).resolve();
    } catch (ConfigException e) {
      throw new ScenarioException(file + ": " + UserInput.withoutOrigin(e));
    }
    return build(file, new Values(merged, input));
  }

  /** The defaults alone, as an empty scenario file would get them. */
  static Config defaults() {
    return DEFAULTS;
  }

  private static Scenario build(Path file, Values v) {
    String name = v.string("scenario.name");
    if (name.isBlank()) {
      String fileName = file.getFileName().toString();
      name = fileName.endsWith(".conf") ? fileName.substring(0, fileName.length() - ".conf".length()) : fileName;
    }
    return new Scenario(
        name,
        v.string("scenario.description"),
        file,
        v.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE),
        v.choices("scenario.architectures", Architecture.values(), a -> a.key),
        traffic(v),
        service(v),
        backoff(v),
        rpc(v),
        eventDriven(v));
  }

  private static Scenario.Traffic traffic(Values v) {
    return new Scenario.Traffic(
        v.integer("traffic.total", 1),
        v.choice("traffic.arrivals", Arrivals.values(), a -> a.key),
        v.integer("traffic.burst", 1),
        v.duration("traffic.gap", false));
  }

  private static Scenario.Service service(Values v) {
    return new Scenario.Service(
        v.number("service.capacity", 0, true, Double.MAX_VALUE),
        v.duration("service.base-latency", true),
        v.duration("service.jitter", true),
        v.probability("service.failure-probability"),
        v.duration("service.overload-latency", true),
        v.probability("service.overload-failure-probability"),
        v.probability("service.max-failure-probability"));
  }

  private static Scenario.Backoff backoff(Values v) {
    Duration base = v.duration("backoff.base", true);
    Duration cap = v.duration("backoff.cap", true);
    if (cap.compareTo(base) < 0) {
      throw v.problem("backoff.cap", "must be at least backoff.base (" + base.toMillis() + "ms), but was " + cap.toMillis() + "ms");
    }
    return new Scenario.Backoff(base, cap);
  }

  private static Scenario.Rpc rpc(Values v) {
    int window = v.integer("rpc.breaker.window", 1);
    Scenario.Breaker breaker =
        new Scenario.Breaker(
            v.bool("rpc.breaker.enabled"),
            window,
            v.integer("rpc.breaker.failure-threshold", 1, window),
            v.duration("rpc.breaker.open-for", false),
            v.choice("rpc.breaker.consulted", BreakerConsulted.values(), c -> c.key));
    Scenario.Bulkhead bulkhead =
        new Scenario.Bulkhead(v.integer("rpc.bulkhead.max-concurrent", 1), v.integer("rpc.bulkhead.max-waiting", 0));
    return new Scenario.Rpc(
        v.duration("rpc.timeout", false), v.integer("rpc.max-retries", 0), v.bool("rpc.cancel-on-timeout"), breaker, bulkhead);
  }

  private static Scenario.EventDriven eventDriven(Values v) {
    return new Scenario.EventDriven(
        v.integer("event-driven.bus-capacity", 1),
        v.integer("event-driven.consumers", 1),
        v.duration("event-driven.timeout", false),
        v.integer("event-driven.max-retries", 0),
        v.bool("event-driven.cancel-on-timeout"),
        v.integer("event-driven.dead-letters-kept", 0));
  }
}
