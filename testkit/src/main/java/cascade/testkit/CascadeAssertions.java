package cascade.testkit;

import cascade.metrics.ArchitectureResult;
import cascade.report.SummaryTable;
import java.util.List;

/**
 * Entry point of the kit's AssertJ assertions: {@code import static
 * cascade.testkit.CascadeAssertions.assertThat;}. A failing assertion's message ends with the
 * run's summary table, so the reader sees the whole run, not one number.
 */
public final class CascadeAssertions {

  private CascadeAssertions() {}

  public static SimulationResultAssert assertThat(SimulationResult actual) {
    return new SimulationResultAssert(actual);
  }

  /** One architecture's result on its own (its failures show its row of the table). */
  public static ArchitectureAssert assertThat(ArchitectureResult actual) {
    String table = actual == null ? "" : SummaryTable.render(List.of(actual));
    return new ArchitectureAssert(actual, table);
  }
}
