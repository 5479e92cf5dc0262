package cascade.testkit;

import cascade.metrics.ArchitectureResult;
import cascade.report.SummaryTable;
import cascade.run.RunReport;
import cascade.scenario.Scenario;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@link Simulation} produced: the scenario as loaded and one {@link ArchitectureResult}
 * per architecture (or variant), in the scenario's order — the model {@code cascade run} reports
 * as its table and JSON.
 */
public final class SimulationResult {

  private final Scenario scenario;
  private final RunReport report;

  SimulationResult(Scenario scenario, RunReport report) {
    this.scenario = scenario;
    this.report = report;
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

  /** The result named {@code name} ({@code RPC}, a variant's name) or of that kind ({@code rpc}, {@code event-driven}). */
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

  /** The summary table {@code cascade run} prints for this run. */
  public String summary() {
    return SummaryTable.render(report.results());
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
