package cascade.report;

import cascade.metrics.ArchitectureResult;
import java.util.List;

/** The per-tier block printed under the summary for topology results: one row per tier. */
final class TierTable {

  private TierTable() {}

  static String render(List<ArchitectureResult> results) {
    String[][] rows = SummaryTable.perPart(results, ArchitectureResult::tiers, ResultFigures.TIER);
    // The grid right-aligns every column but the first; the calls read better left-aligned.
    int width = java.util.Arrays.stream(rows).mapToInt(row -> row[row.length - 1].length()).max().orElse(0);
    for (String[] row : rows) {
      row[row.length - 1] = row[row.length - 1] + " ".repeat(width - row[row.length - 1].length());
    }
    String nl = System.lineSeparator();
    return nl + "tiers:" + nl + SummaryTable.grid(rows).replaceAll("(?m) +$", "")
        + "received = attempts that reached the tier; ampl = received / requests of the load; svc = the tier's own" + nl
        + "service time in ms, without its downstream calls; calls: attempts and retries toward each tier it calls." + nl;
  }
}
