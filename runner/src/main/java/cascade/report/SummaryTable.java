package cascade.report;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import java.util.List;
import java.util.Locale;

/**
 * The table a person reads after a run: one row per architecture, counts first, then the seed's
 * latency and the end-to-end latency.
 */
public final class SummaryTable {

  private static final String[] HEADERS = {
    "architecture", "requests", "succeeded", "failed", "rejected", "dropped", "dead-lettered", "lost",
    "attempts", "ampl", "retries", "timeouts", "cb_open",
    "lat p50", "lat p99", "e2e p50", "e2e p99", "e2e max", "wall"
  };

  private SummaryTable() {}

  public static String render(List<ArchitectureResult> results) {
    String[][] rows = new String[results.size() + 1][];
    rows[0] = HEADERS;
    for (int i = 0; i < results.size(); i++) {
      rows[i + 1] = row(results.get(i));
    }
    int[] widths = new int[HEADERS.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        String cell = c == 0 ? pad(row[c], widths[c]) : padLeft(row[c], widths[c]);
        out.append(c == 0 ? "" : "  ").append(cell);
      }
      out.append(System.lineSeparator());
    }
    out.append("latencies in ms; lat = the seed's definition (RPC from request start, events from dequeue,")
        .append(System.lineSeparator())
        .append("successful attempts only); e2e = from the intended send time to the request's outcome, every request.")
        .append(System.lineSeparator());
    return out.toString();
  }

  private static String[] row(ArchitectureResult r) {
    return new String[] {
      r.name(),
      Long.toString(r.requests()),
      count(r, Outcome.SUCCEEDED),
      count(r, Outcome.FAILED),
      count(r, Outcome.REJECTED),
      count(r, Outcome.DROPPED),
      count(r, Outcome.DEAD_LETTERED),
      Long.toString(r.lost()),
      Long.toString(r.attempts()),
      String.format(Locale.ROOT, "%.2f", r.amplification()),
      Long.toString(r.retries()),
      Long.toString(r.timeouts()),
      Long.toString(r.cbOpen()),
      millis(r.latP50Ms()),
      millis(r.latP99Ms()),
      millis(r.e2eP50Ms()),
      millis(r.e2eP99Ms()),
      millis(r.e2eMaxMs()),
      String.format(Locale.ROOT, "%.0f", r.wallMs())
    };
  }

  private static String count(ArchitectureResult r, Outcome outcome) {
    return Long.toString(r.outcomes().getOrDefault(outcome, 0L));
  }

  private static String millis(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(width - s.length()) + s;
  }
}
