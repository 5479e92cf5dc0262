package cascade.scenario;

import cascade.experiment.ExperimentPlan;
import cascade.experiment.TopologyPlan;
import cascade.rpc.CallerSettings;
import cascade.scenario.Scenario.Architecture;
import cascade.service.ServicePlan;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
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

  /**
   * The largest scenario file, and the largest file it may include, in (decimal) megabytes. The
   * project's scenarios are a few kilobytes; the limit is there so that a wrong path (a log, a
   * trace) is refused at once instead of being parsed into a tree many times its size.
   */
  public static final int FILE_LIMIT_MB = 10;

  private static final Config DEFAULTS = ConfigFactory.parseResourcesAnySyntax(DEFAULTS_RESOURCE).resolve();
  private static final KeyChecker KEYS = new KeyChecker(DEFAULTS);

  private ScenarioLoader() {}

  public static Scenario load(Path file, List<String> overrides) {
    return load(file, UserInput.read(file, overrides), true);
  }

  /**
   * A scenario written as text rather than in a file (a test's HOCON string, a resource inside a
   * jar). Its problems name {@code label} where a file's name its path, with the line; it cannot
   * include files, and a relative file it names (a replay) is looked for from the working folder.
   *
   * @param label how messages name it, like {@code classpath:scenarios/checkout.conf}; also gives
   *     the scenario its name when {@code scenario.name} is not set
   */
  public static Scenario load(String label, String text, List<String> overrides) {
    return load(textPath(label), UserInput.read(label, text, overrides), true);
  }

  /**
   * One point of the file's sweep: the scenario with the point's values set after the file and
   * {@code overrides}, checked like any override. A problem names where the sweep is written and
   * the point, then the key.
   */
  public static Scenario loadPoint(Path file, List<String> overrides, Sweep.Point point) {
    // A point is a scenario of its own, without the sweep it came from.
    return load(file, UserInput.read(file, overrides).with(pointLayer(point)), false);
  }

  /** One point of the sweep of a scenario written as text (see {@link #load(String, String, List)}). */
  public static Scenario loadPoint(String label, String text, List<String> overrides, Sweep.Point point) {
    return load(textPath(label), UserInput.read(label, text, overrides).with(pointLayer(point)), false);
  }

  /** Where a text scenario is taken to be: its label without a scheme ({@code classpath:}). */
  private static Path textPath(String label) {
    return Path.of(label.replaceFirst("^[a-z]+:", ""));
  }

  /** The point's values, as one more override after the user's. */
  private static UserInput.Layer pointLayer(Sweep.Point point) {
    Config values = ConfigFactory.empty();
    for (java.util.Map.Entry<String, Object> value : point.values().entrySet()) {
      values = values.withValue(value.getKey(), com.typesafe.config.ConfigValueFactory.fromAnyRef(value.getValue()));
    }
    return new UserInput.Layer(point.where() + " (" + SweepReader.PATH + " point " + point.label() + ")", values, false);
  }

  private static Scenario load(Path file, UserInput input, boolean withSweep) {
    KEYS.check(input);
    Config merged = Substitutions.resolve(input, DEFAULTS, KEYS);
    return build(file, merged, input, withSweep);
  }

  private static Scenario build(Path file, Config merged, UserInput input, boolean withSweep) {
    Values v = new Values(merged, input);
    String name = v.string("scenario.name");
    if (name.isBlank()) {
      String fileName = file.getFileName().toString();
      name = fileName.endsWith(".conf") ? fileName.substring(0, fileName.length() - ".conf".length()) : fileName;
    }
    long seed = v.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE);
    List<Architecture> architectures = v.choices("scenario.architectures", Architecture.values(), a -> a.key);
    ServicePlan service = ServiceReader.read(v);
    CallerSettings rpc = CallPathReader.rpc(v);
    ExperimentPlan.EventDriven eventDriven = EventPathReader.read(v);
    String fileLabel = input.file().label();
    List<Scenario.Variant> variants =
        Variants.read(merged, input, KEYS, (label, architecture, values) ->
            new Scenario.Variant(
                label, architecture, ServiceReader.read(values), CallPathReader.rpc(values), EventPathReader.read(values), topology(architecture, values, fileLabel)));
    if (variants.isEmpty()) {
      TopologyPlan topology = topology(architectures.contains(Architecture.TOPOLOGY) ? Architecture.TOPOLOGY : null, v, fileLabel);
      variants = architectures.stream().map(a -> new Scenario.Variant(tutorialName(a), a, service, rpc, eventDriven, topology)).toList();
    }
    FaultScheduleReader.Read faults = FaultScheduleReader.read(merged, input, v, service.replicas());
    boolean onlyTopologies = variants.stream().allMatch(variant -> variant.architecture() == Architecture.TOPOLOGY);
    Scenario.Cluster cluster = ClusterReader.read(v, merged, faults.nodeKills(), onlyTopologies);
    TierPlacements.check(v, variants, cluster);
    return new Scenario(
        name,
        v.string("scenario.description"),
        file,
        seed,
        architectures,
        TrafficSection.read(v, file, seed),
        service,
        rpc,
        eventDriven,
        variants,
        cluster,
        faults.schedule(),
        PersistenceReader.read(v),
        ClusterReader.clock(v),
        ClusterReader.warnings(v),
        withSweep ? SweepReader.read(merged, input, KEYS, DEFAULTS) : Sweep.NONE);
  }

  /** The tutorial's names for its two architectures, kept in results so they compare with the tutorial's. */
  private static String tutorialName(Architecture architecture) {
    return switch (architecture) {
      case RPC -> "RPC";
      case EVENT_DRIVEN -> "EventDriven";
      case TOPOLOGY -> "Topology";
    };
  }

  /** The graph of tiers, read only for the topology architecture (null otherwise). */
  private static TopologyPlan topology(Architecture architecture, Values v, String fileLabel) {
    if (architecture != Architecture.TOPOLOGY) {
      return null;
    }
    return TopologyReader.read(v, fileLabel, KEYS, new TopologyReader.Sections() {
      @Override
      public ServicePlan service(Values values) {
        return ServiceReader.read(values);
      }

      @Override
      public CallerSettings rpc(Values values) {
        return CallPathReader.rpc(values);
      }

      @Override
      public ExperimentPlan.EventDriven eventDriven(Values values) {
        return EventPathReader.read(values);
      }
    });
  }

}
