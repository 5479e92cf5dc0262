package cascade.report;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.TierResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-tier block printed under the summary for topology results: one row per tier. */
final class TierTable {

  private static final String[] HEADERS = {"architecture", "tier", "received", "ampl", "succeeded", "failed", "svc p50", "svc p99", "calls (attempts, retries)"};

  private TierTable() {}

  static String render(List<ArchitectureResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (ArchitectureResult r : results) {
      for (TierResult t : r.tiers()) {
        rows.add(
            new String[] {
              r.name(),
              t.name(),
              Long.toString(t.received()),
              String.format(Locale.ROOT, "%.2f", t.amplification()),
              Long.toString(t.succeeded()),
              Long.toString(t.failed()),
              SummaryTable.millis(t.serviceP50Ms()),
              SummaryTable.millis(t.serviceP99Ms()),
              calls(t)
            });
      }
    }
    // The grid right-aligns every column but the first; the calls read better left-aligned.
    int width = rows.stream().mapToInt(row -> row[row.length - 1].length()).max().orElse(0);
    for (String[] row : rows) {
      row[row.length - 1] = row[row.length - 1] + " ".repeat(width - row[row.length - 1].length());
    }
    String nl = System.lineSeparator();
    return nl + "tiers:" + nl + SummaryTable.grid(rows.toArray(new String[0][])).replaceAll("(?m) +$", "")
        + "received = attempts that reached the tier; ampl = received / requests of the load; svc = the tier's own" + nl
        + "service time in ms, without its downstream calls; calls: attempts and retries toward each tier it calls." + nl;
  }

  private static String calls(TierResult t) {
    if (t.calls().isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (TierResult.Calls c : t.calls()) {
      parts.add((c.call().equals("event") ? "~> " : "-> ") + c.to() + " " + c.attempts() + " (" + c.retries() + ")");
    }
    return String.join(", ", parts);
  }
}
