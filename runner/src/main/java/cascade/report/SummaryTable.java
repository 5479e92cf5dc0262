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

  private static final String[] HEALTH_HEADERS = {
    "architecture", "success", "e2e p99", "ampl", "crashes", "restarts", "lost with instance",
    "unavailable", "akka dead letters", "recovery"
  };

  public static String render(List<ArchitectureResult> results) {
    String[][] rows = new String[results.size() + 1][];
    rows[0] = HEADERS;
    for (int i = 0; i < results.size(); i++) {
      rows[i + 1] = row(results.get(i));
    }
    StringBuilder out = new StringBuilder(grid(rows));
    out.append("latencies in ms; lat = the seed's definition (RPC from request start, events from dequeue,")
        .append(System.lineSeparator())
        .append("successful attempts only); e2e = from the intended send time to the request's outcome, every request.")
        .append(System.lineSeparator());
    if (results.stream().anyMatch(r -> !r.tiers().isEmpty())) {
      out.append(TierTable.render(results));
    }
    if (results.stream().anyMatch(SummaryTable::hadTrouble)) {
      String[][] health = new String[results.size() + 1][];
      health[0] = HEALTH_HEADERS;
      for (int i = 0; i < results.size(); i++) {
        health[i + 1] = healthRow(results.get(i));
      }
      out.append(System.lineSeparator()).append("service health:").append(System.lineSeparator()).append(grid(health));
      out.append("success = succeeded / requests; unavailable and recovery in ms (recovery: from the end of the faults")
          .append(System.lineSeparator())
          .append("to the end of the last request that did not succeed); akka dead letters: messages Akka could not deliver.")
          .append(System.lineSeparator());
    }
    return out.toString();
  }

  private static boolean hadTrouble(ArchitectureResult r) {
    return r.crashes() > 0 || !r.akkaDeadLetters().isEmpty() || r.recoveryMs() != null;
  }

  private static String[] healthRow(ArchitectureResult r) {
    long deadLetters = r.akkaDeadLetters().values().stream().mapToLong(Long::longValue).sum();
    double success = r.requests() == 0 ? 0 : 100.0 * r.outcomes().getOrDefault(Outcome.SUCCEEDED, 0L) / r.requests();
    return new String[] {
      r.name(),
      String.format(Locale.ROOT, "%.1f%%", success),
      millis(r.e2eP99Ms()),
      String.format(Locale.ROOT, "%.2f", r.amplification()),
      Long.toString(r.crashes()),
      Long.toString(r.restarts()),
      Long.toString(r.lostWithInstances()),
      String.format(Locale.ROOT, "%.0f", r.unavailableMs()),
      Long.toString(deadLetters),
      millis(r.recoveryMs())
    };
  }

  static String grid(String[][] rows) {
    int[] widths = new int[rows[0].length];
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

  static String millis(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(width - s.length()) + s;
  }
}
