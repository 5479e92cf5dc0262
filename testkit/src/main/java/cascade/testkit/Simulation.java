package cascade.testkit;

import cascade.extension.Extension;
import cascade.extension.Extensions;
import cascade.callpath.PolicyExtension;
import cascade.service.ServiceExtension;
import cascade.persistence.Journal;
import cascade.run.Journals;
import cascade.run.RunReport;
import cascade.run.ScenarioRun;
import cascade.run.SweepRun;
import cascade.scenario.Scenario;
import cascade.scenario.ScenarioException;
import cascade.scenario.ScenarioLoader;
import cascade.scenario.Sweep;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a scenario from a test, the way {@code cascade run} does, and returns its results.
 *
 * <pre>{@code
 * SimulationResult result =
 *     Simulation.fromResource("scenarios/capacity-drop.conf")
 *         .set("traffic.total", 500)
 *         .seed(7)
 *         .run();
 * assertThat(result).architecture("RPC").lostNothing().recoveredWithin(Duration.ofSeconds(2));
 * }</pre>
 *
 * <p>The scenario comes from a file, a class-path resource, a HOCON string, or {@link
 * #scenario(String)} and keys set one by one. It is loaded and checked as the command does
 * (defaults from the lab's reference scenario; a bad one throws {@link ScenarioException} with
 * file, line and key) and run by the command's code. In one actor system (the default) it runs in
 * virtual time: exact, the same to the byte for the same seed, and quicker than the time it
 * models. A scenario with a durable event path keeps its journal in a temporary folder.
 *
 * <p>Your own {@link PolicyExtension} or {@link ServiceExtension} can take part without being
 * listed in {@code META-INF/services}: {@link #policy} and {@link #service} lend it for the run.
 */
public final class Simulation {

  /** Where the scenario's text comes from. */
  private sealed interface Source {
    Scenario load(List<String> overrides);

    /** One point of the scenario's sweep, loaded from the same source. */
    Scenario loadPoint(List<String> overrides, Sweep.Point point);
  }

  private record FileSource(Path file) implements Source {
    @Override
    public Scenario load(List<String> overrides) {
      return ScenarioLoader.load(file, overrides);
    }

    @Override
    public Scenario loadPoint(List<String> overrides, Sweep.Point point) {
      return ScenarioLoader.loadPoint(file, overrides, point);
    }
  }

  private record TextSource(String label, String text) implements Source {
    @Override
    public Scenario load(List<String> overrides) {
      return ScenarioLoader.load(label, text, overrides);
    }

    @Override
    public Scenario loadPoint(List<String> overrides, Sweep.Point point) {
      return ScenarioLoader.loadPoint(label, text, overrides, point);
    }
  }

  private final Source source;
  private final List<String> overrides = new ArrayList<>();
  private final List<Extension> lent = new ArrayList<>();
  private Consumer<String> progress = name -> {};

  private Simulation(Source source) {
    this.source = source;
  }

  /** A scenario file, as {@code cascade run FILE} takes it (its includes beside it). */
  public static Simulation fromFile(Path file) {
    return new Simulation(new FileSource(file));
  }

  /**
   * A scenario on the class path, like {@code scenarios/checkout.conf} from {@code
   * src/test/resources}. Problems name its file there; inside a jar, {@code classpath:NAME}.
   */
  public static Simulation fromResource(String name) {
    String resource = name.startsWith("/") ? name.substring(1) : name;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    URL url = (loader != null ? loader : Simulation.class.getClassLoader()).getResource(resource);
    if (url == null) {
      throw new ScenarioException("classpath:" + resource + ": no such resource on the class path");
    }
    if (url.getProtocol().equals("file")) {
      try {
        return fromFile(Path.of(url.toURI()));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(url + ": not a file name", e);
      }
    }
    try (InputStream in = url.openStream()) {
      return new Simulation(new TextSource("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("classpath:" + resource + ": cannot be read", e);
    }
  }

  /** A scenario written in the test; problems read {@code hocon:LINE: KEY: problem}. */
  public static Simulation fromHocon(String hocon) {
    return fromHocon("hocon", hocon);
  }

  /** As {@link #fromHocon(String)}, with {@code label} naming it in problems (and the scenario, unless it names itself). */
  public static Simulation fromHocon(String label, String hocon) {
    return new Simulation(new TextSource(label, hocon));
  }

  /**
   * A scenario built key by key: the reference scenario's defaults, then what {@link #set} and the
   * other methods say. A problem names the key as an override does ({@code --set KEY=VALUE}).
   */
  public static Simulation scenario(String name) {
    return fromHocon(name, "scenario.name = " + quoted(name));
  }

  /**
   * One key, as {@code --set key=value} sets it; later settings win. The value is written as
   * HOCON: a {@link Duration} in milliseconds ({@code 150ms}), a list as {@code [a, b]}, a map as
   * an object, anything else as its text (so a string may be HOCON itself, like {@code "[rpc]"}).
   */
  public Simulation set(String key, Object value) {
    overrides.add(key + "=" + hocon(value));
    return this;
  }

  /** {@code key=value} exactly as the command line takes it. */
  public Simulation set(String keyEqualsValue) {
    overrides.add(keyEqualsValue);
    return this;
  }

  /** The seed of every random draw (as {@code --seed}). */
  public Simulation seed(long seed) {
    return set("seed", seed);
  }

  /** {@code virtual} or {@code real} (as {@code --clock}); virtual is the default in one actor system. */
  public Simulation clock(String clock) {
    return set("clock", clock);
  }

  /** Which architectures run: {@code rpc}, {@code event-driven} (the scenario's {@code scenario.architectures}). */
  public Simulation architectures(String... keys) {
    return set("scenario.architectures", List.of(keys));
  }

  /** How many requests the load sends ({@code traffic.total}). */
  public Simulation requests(int total) {
    return set("traffic.total", total);
  }

  /**
   * Your policy on the RPC call path, asked before every attempt (it becomes {@code rpc.policies},
   * with its keys in {@code policy.<name>}), lent for the run so it needs no service file.
   */
  public Simulation policy(PolicyExtension policy, Map<String, ?> settings) {
    lent.add(policy);
    set("rpc.policies", List.of(policy.name()));
    if (!settings.isEmpty()) {
      set("policy." + policy.name(), settings);
    }
    return this;
  }

  /** Your service as the downstream service ({@code service.model}, with {@code service.model-settings}), lent for the run. */
  public Simulation service(ServiceExtension service, Map<String, ?> settings) {
    lent.add(service);
    set("service.model", service.name());
    if (!settings.isEmpty()) {
      set("service.model-settings", settings);
    }
    return this;
  }

  /** Any extension, findable by its name for the run (a router, a traffic shape); name it with {@link #set}. */
  public Simulation lend(Extension extension) {
    lent.add(extension);
    return this;
  }

  /** Told the name of each architecture as it starts (from an actor thread); by default nothing is said. */
  public Simulation onProgress(Consumer<String> progress) {
    this.progress = progress;
    return this;
  }

  /** Loads and checks the scenario, and every point of its sweep, without running it (as {@code cascade validate}). */
  public Scenario load() {
    try (Loans loans = new Loans(lent)) {
      List<String> settings = List.copyOf(overrides);
      Scenario scenario = source.load(settings);
      sweep(scenario, settings);
      return scenario;
    }
  }

  /**
   * Runs it. A scenario with {@code scenario.sweep} runs every architecture at every point, as
   * {@code cascade run} does: results named {@code <architecture> @ <key>=<value>}, points in the
   * sweep's order, and {@link SimulationResult#sweep()} gives them point by point.
   *
   * @throws ScenarioException when the scenario is invalid (the message names file, line and key)
   * @throws cascade.run.RunFailedException when the run itself fails (it stalled, an actor system failed)
   */
  public SimulationResult run() {
    try (Loans loans = new Loans(lent)) {
      List<String> settings = List.copyOf(overrides);
      Scenario scenario = source.load(settings);
      SweepRun sweep = sweep(scenario, settings);
      Path folder = scenario.persistence().on() ? Files.createTempDirectory("cascade-simulation-") : null;
      String run = folder == null ? scenario.name() : folder.getFileName().toString();
      Journal journal = folder == null ? null : Journals.of(scenario.persistence(), folder);
      if (journal != null) {
        journal.prepare();
      }
      RunReport report = ScenarioRun.run(sweep.plans(run), scenario.cluster(), scenario.clock(), journal, progress, line -> {});
      return new SimulationResult(scenario, report, sweep.results(report.results()));
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary folder for the journal", e);
    }
  }

  /** What runs: the scenario, or every point of its sweep, each loaded (and checked) before anything runs, as the command does. */
  private SweepRun sweep(Scenario scenario, List<String> settings) {
    return SweepRun.of(scenario, point -> source.loadPoint(settings, point));
  }

  /** The extensions lent for one load or run, returned however it ends. */
  private static final class Loans implements AutoCloseable {
    private final List<Extensions.Loan> loans;

    Loans(List<Extension> extensions) {
      loans = extensions.stream().map(Extensions::lend).toList();
    }

    @Override
    public void close() {
      loans.forEach(Extensions.Loan::close);
    }
  }

  static String hocon(Object value) {
    if (value instanceof Duration duration) {
      return duration.toNanos() % 1_000_000 == 0 ? duration.toMillis() + "ms" : duration.toNanos() + "ns";
    }
    if (value instanceof Iterable<?> items) {
      List<String> parts = new ArrayList<>();
      items.forEach(item -> parts.add(hocon(item)));
      return "[" + String.join(", ", parts) + "]";
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> quoted(String.valueOf(e.getKey())) + " = " + hocon(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return String.valueOf(value);
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
