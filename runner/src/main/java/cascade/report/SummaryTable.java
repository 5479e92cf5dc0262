package cascade.report;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.Recovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The table a person reads after a run: one row per architecture, counts first, then the tutorial's
 * latency and the end-to-end latency.
 */
public final class SummaryTable {

  private SummaryTable() {}

  public static String render(List<ArchitectureResult> results) {
    StringBuilder out = new StringBuilder(grid(table(ResultFigures.SUMMARY, results)));
    out.append("latencies in ms; lat = the tutorial's definition (RPC from request start, events from dequeue,")
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
      out.append(System.lineSeparator()).append("service health:").append(System.lineSeparator())
          .append(grid(table(ResultFigures.HEALTH, results)));
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

  private static String classGrid(List<ArchitectureResult> results) {
    return grid(perPart(results, ArchitectureResult::classes, ResultFigures.CLASS));
  }

  /** A row per part of each result (its request classes, its tiers): the result's name, then the part's figures. */
  static <T> String[][] perPart(List<ArchitectureResult> results, Function<ArchitectureResult, List<T>> parts, List<Figure<T>> figures) {
    List<String[]> rows = new ArrayList<>();
    rows.add(Stream.concat(Stream.of("architecture"), figures.stream().map(Figure::label)).toArray(String[]::new));
    for (ArchitectureResult r : results) {
      for (T part : parts.apply(r)) {
        rows.add(Stream.concat(Stream.of(r.name()), figures.stream().map(f -> f.text().apply(part))).toArray(String[]::new));
      }
    }
    return rows.toArray(new String[0][]);
  }

  /** A header of the figures' labels, then a row of their cells per result. */
  static <T> String[][] table(List<Figure<T>> columns, List<T> values) {
    String[][] rows = new String[values.size() + 1][];
    rows[0] = columns.stream().map(Figure::label).toArray(String[]::new);
    for (int i = 0; i < values.size(); i++) {
      T value = values.get(i);
      rows[i + 1] = columns.stream().map(f -> f.text().apply(value)).toArray(String[]::new);
    }
    return rows;
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
    return r.health().crashes() > 0 || !r.health().akkaDeadLetters().isEmpty() || r.health().recoveryMs() != null;
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

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(width - s.length()) + s;
  }
}
