package cascade.testkit;

import cascade.metrics.ArchitectureResult;
import cascade.report.SummaryTable;
import cascade.report.SweepTable;
import cascade.run.RunReport;
import cascade.run.SweepResults;
import cascade.scenario.Scenario;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@link Simulation} produced: the scenario as loaded and one {@link ArchitectureResult}
 * per architecture (or variant), in the scenario's order — the model {@code cascade run} reports
 * as its table and JSON. For a sweep, one per architecture at every point, points outermost, and
 * {@link #sweep()} groups them by point.
 */
public final class SimulationResult {

  private final Scenario scenario;
  private final RunReport report;
  /** Null without {@code scenario.sweep}. */
  private final SweepResults sweep;

  SimulationResult(Scenario scenario, RunReport report, SweepResults sweep) {
    this.scenario = scenario;
    this.report = report;
    this.sweep = sweep;
  }

  public Scenario scenario() {
    return scenario;
  }

  public long seed() {
    return scenario.seed();
  }

  public List<ArchitectureResult> results() {
    return report.results();
  }

  /**
   * The results of a sweep point by point: each point's values ({@code
   * points().get(i).point().values()}) and every architecture's result there, as the command's
   * sweep tables and the JSON's {@code sweep} show them.
   *
   * @throws IllegalStateException when the scenario has no {@code scenario.sweep}
   */
  public SweepResults sweep() {
    if (sweep == null) {
      throw new IllegalStateException("scenario " + scenario.name() + " has no scenario.sweep; its results are results()");
    }
    return sweep;
  }

  /**
   * The result named {@code name} ({@code RPC}, a variant's name; in a sweep with its point, {@code
   * plain retries @ failure-probability=0.5}) or of that kind ({@code rpc}, {@code event-driven}). */
  public ArchitectureResult architecture(String name) {
    List<ArchitectureResult> results = report.results();
    return results.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .or(() -> results.stream().filter(r -> r.kind().equals(name)).findFirst())
        .orElseThrow(() -> new IllegalArgumentException(
            "no architecture " + name + " in " + scenario.name() + "; it ran "
                + results.stream().map(ArchitectureResult::name).collect(Collectors.joining(", "))));
  }

  /** The summary table {@code cascade run} prints for this run (and, for a sweep, its sweep tables). */
  public String summary() {
    return SummaryTable.render(report.results()) + (sweep == null ? "" : SweepTable.render(sweep));
  }

  /** The scenario's name and seed, then its summary table: what an assertion shows when it fails. */
  public String describe() {
    return "scenario " + scenario.name() + " (seed " + scenario.seed() + "):" + System.lineSeparator() + summary();
  }

  @Override
  public String toString() {
    return describe();
  }
}
