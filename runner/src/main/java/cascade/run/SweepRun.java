package cascade.run;

import cascade.experiment.ExperimentPlan;
import cascade.metrics.ArchitectureResult;
import cascade.scenario.Scenario;
import cascade.scenario.ScenarioLoader;
import cascade.scenario.Sweep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a run of a scenario runs: its architectures or variants, or, with {@code scenario.sweep},
 * each of them at every point of the sweep. Every point is loaded (and so checked) when this is
 * made, before anything runs: a value that does not fit any point stops the command at once.
 */
public final class SweepRun {

  /** A point of the sweep with its scenario (the file with the point's values set). */
  private record LoadedPoint(Sweep.Point point, Scenario scenario) {}

  private final Scenario scenario;
  private final List<LoadedPoint> points;

  private SweepRun(Scenario scenario, List<LoadedPoint> points) {
    this.scenario = scenario;
    this.points = List.copyOf(points);
  }

  /**
   * @param file      the scenario file
   * @param overrides the command's {@code --set} values (and seed, clock), as the scenario was loaded with
   * @throws cascade.scenario.ScenarioException for the first point whose values do not fit
   */
  public static SweepRun of(Scenario scenario, Path file, List<String> overrides) {
    return of(scenario, point -> ScenarioLoader.loadPoint(file, overrides, point));
  }

  /**
   * As {@link #of(Scenario, Path, List)} for a scenario that is not a file (a test's text):
   * {@code loadPoint} loads a point as {@link ScenarioLoader#loadPoint} does for the scenario's source.
   */
  public static SweepRun of(Scenario scenario, Function<Sweep.Point, Scenario> loadPoint) {
    List<LoadedPoint> points = new ArrayList<>();
    for (Sweep.Point point : scenario.sweep().points()) {
      points.add(new LoadedPoint(point, loadPoint.apply(point)));
    }
    return new SweepRun(scenario, points);
  }

  public boolean on() {
    return !points.isEmpty();
  }

  /** The points, in the order they run (the first key outermost); empty without a sweep. */
  public List<Sweep.Point> points() {
    return points.stream().map(LoadedPoint::point).toList();
  }

  /**
   * The plans to run: the scenario's own, or, for a sweep, every variant at every point, named
   * {@code <variant> @ <key>=<value>}, points outermost.
   *
   * @param run names the run in the journal (see {@link Plans#of(Scenario, String)})
   */
  public List<ExperimentPlan> plans(String run) {
    if (!on()) {
      return Plans.of(scenario, run);
    }
    List<ExperimentPlan> plans = new ArrayList<>();
    for (LoadedPoint loaded : points) {
      String label = loaded.point().label();
      // Each point's durable event paths keep their own journal names.
      for (ExperimentPlan plan : Plans.of(loaded.scenario(), run + " @ " + label)) {
        plans.add(
            new ExperimentPlan(
                resultName(plan.name(), loaded.point()), plan.architecture(), plan.arrivals(), plan.service(), plan.seed(), plan.classes()));
      }
    }
    return plans;
  }

  /** How a result of {@code architecture} at {@code point} is named: {@code plain retries @ failure-probability=0.5}. */
  public static String resultName(String architecture, Sweep.Point point) {
    return architecture + " @ " + point.label();
  }

  /**
   * The results of {@link #plans}, in the same order, grouped by point; null without a sweep.
   */
  public SweepResults results(List<ArchitectureResult> results) {
    if (!on()) {
      return null;
    }
    List<String> architectures = scenario.variants().stream().map(Scenario.Variant::name).toList();
    if (results.size() != points.size() * architectures.size()) {
      throw new IllegalStateException(results.size() + " results for " + points.size() + " points of " + architectures.size() + " architectures");
    }
    List<SweepResults.PointResults> grouped = new ArrayList<>();
    for (int p = 0; p < points.size(); p++) {
      List<SweepResults.Entry> entries = new ArrayList<>();
      for (int a = 0; a < architectures.size(); a++) {
        entries.add(new SweepResults.Entry(architectures.get(a), results.get(p * architectures.size() + a)));
      }
      grouped.add(new SweepResults.PointResults(points.get(p).point(), entries));
    }
    return new SweepResults(scenario.sweep(), grouped);
  }
}
