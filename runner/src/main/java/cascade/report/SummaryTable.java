package cascade.report;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.metrics.Recovery;
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
    if (results.stream().anyMatch(r -> r.classes().size() > 1)) {
      out.append(System.lineSeparator()).append("per request class:").append(System.lineSeparator()).append(classGrid(results));
    }
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
    if (results.stream().anyMatch(r -> r.recovery() != null)) {
      out.append(System.lineSeparator()).append(recoveryLines(results));
    }
    return out.toString();
  }

  private static final String[] CLASS_HEADERS = {
    "architecture", "class", "requests", "succeeded", "failed", "rejected", "dropped", "dead-lettered", "e2e p50", "e2e p99"
  };

  private static String classGrid(List<ArchitectureResult> results) {
    List<String[]> rows = new java.util.ArrayList<>();
    rows.add(CLASS_HEADERS);
    for (ArchitectureResult r : results) {
      for (ArchitectureResult.ClassResult c : r.classes()) {
        rows.add(
            new String[] {
              r.name(), c.name(), Long.toString(c.requests()),
              Long.toString(c.outcomes().getOrDefault(Outcome.SUCCEEDED, 0L)),
              Long.toString(c.outcomes().getOrDefault(Outcome.FAILED, 0L)),
              Long.toString(c.outcomes().getOrDefault(Outcome.REJECTED, 0L)),
              Long.toString(c.outcomes().getOrDefault(Outcome.DROPPED, 0L)),
              Long.toString(c.outcomes().getOrDefault(Outcome.DEAD_LETTERED, 0L)),
              millis(c.e2eP50Ms()),
              millis(c.e2eP99Ms())
            });
      }
    }
    return grid(rows.toArray(new String[0][]));
  }

  /** One line per architecture: did goodput come back after the faults, and when. */
  static String recoveryLines(List<ArchitectureResult> results) {
    StringBuilder out = new StringBuilder("recovery (goodput = successful requests per second; back = within 10% of before the faults,")
        .append(System.lineSeparator())
        .append("averaged over 500 ms, with no shortfall of 500 ms or more after it; \"at the end\" = the last second):")
        .append(System.lineSeparator());
    int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(0);
    for (ArchitectureResult r : results) {
      Recovery recovery = r.recovery();
      out.append("  ").append(pad(r.name(), width)).append("  ").append(describe(recovery)).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String describe(Recovery r) {
    if (r == null) {
      return "no faults with an end, or no load before them";
    }
    String before = String.format(Locale.ROOT, "%.0f/s before", r.goodputBeforePerSecond());
    if (r.recovered() == null) {
      return "cannot tell: the load ends less than 500 ms after the faults (" + before + ")";
    }
    String end = String.format(Locale.ROOT, "%.0f/s at the end", r.goodputEndPerSecond());
    if (!r.recovered()) {
      return "did not recover: " + end + ", " + before;
    }
    return String.format(Locale.ROOT, "recovered %.0f ms after the faults ended: %s, %s", r.recoveredAfterMs(), before, end);
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
