package cascade.report;

import cascade.run.SweepResults;
import cascade.scenario.Sweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A sweep's results against the swept values, the shape of Brooker's plots: for each metric a
 * table with a row per point and a column per architecture; the same as {@code sweep.csv} (a row
 * per point and architecture) and as the JSON document's {@code sweep} object.
 */
public final class SweepTable {

  /** The metrics, as the JSON names them. */
  static final List<String> METRICS = List.of("amplification", "success_rate", "e2e_p99_ms", "recovered");

  private SweepTable() {}

  /** The text tables: amplification, success, e2e p99, and recovered when the run has faults that end. */
  public static String render(SweepResults sweep) {
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder(nl);
    List<String> keys = sweep.sweep().keys();
    out.append("sweep over ")
        .append(String.join(" and ", keys))
        .append(": ")
        .append(sweep.points().size())
        .append(" points x ")
        .append(sweep.architectures().size())
        .append(" architectures")
        .append(nl);
    out.append(nl).append("amplification (attempts per request):").append(nl)
        .append(table(sweep, e -> String.format(Locale.ROOT, "%.3f", e.amplification())));
    out.append(nl).append("success (succeeded / requests):").append(nl)
        .append(table(sweep, e -> String.format(Locale.ROOT, "%.2f%%", 100 * e.successRate())));
    out.append(nl).append("e2e p99 (ms):").append(nl)
        .append(table(sweep, e -> e.e2eP99Ms() == null ? "-" : String.format(Locale.ROOT, "%.1f", e.e2eP99Ms())));
    if (sweep.anyRecovery()) {
      out.append(nl).append("recovered (goodput back after the faults; - cannot tell):").append(nl)
          .append(table(sweep, e -> e.recovered() == null ? "-" : e.recovered() ? "yes" : "no"));
    }
    return out.toString();
  }

  private static String table(SweepResults sweep, Function<SweepResults.Entry, String> cell) {
    List<Sweep.Axis> axes = sweep.sweep().axes();
    List<String> architectures = sweep.architectures();
    String[][] rows = new String[sweep.points().size() + 1][];
    List<String> header = new ArrayList<>();
    axes.forEach(axis -> header.add(axis.shortKey()));
    header.addAll(architectures);
    rows[0] = header.toArray(String[]::new);
    for (int p = 0; p < sweep.points().size(); p++) {
      SweepResults.PointResults point = sweep.points().get(p);
      List<String> row = new ArrayList<>();
      point.point().values().values().forEach(value -> row.add(Sweep.show(value)));
      point.results().forEach(entry -> row.add(cell.apply(entry)));
      rows[p + 1] = row.toArray(String[]::new);
    }
    return SummaryTable.grid(rows);
  }

  /** {@code sweep.csv}: the swept keys' values, then one architecture's figures, a row per point and architecture. */
  public static String csv(SweepResults sweep) {
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>(sweep.sweep().keys());
    header.add("architecture");
    header.add("result");
    header.addAll(METRICS);
    csv.append(String.join(",", header)).append('\n');
    for (SweepResults.PointResults point : sweep.points()) {
      for (SweepResults.Entry entry : point.results()) {
        List<String> row = new ArrayList<>();
        point.point().values().values().forEach(value -> row.add(quoted(Sweep.show(value))));
        row.add(quoted(entry.architecture()));
        row.add(quoted(entry.result().name()));
        row.add(String.valueOf(entry.amplification()));
        row.add(String.valueOf(entry.successRate()));
        row.add(entry.e2eP99Ms() == null ? "" : String.valueOf(entry.e2eP99Ms()));
        row.add(entry.recovered() == null ? "" : String.valueOf(entry.recovered()));
        csv.append(String.join(",", row)).append('\n');
      }
    }
    return csv.toString();
  }

  /** The JSON document's {@code sweep} object (the contract with the HTML report). */
  static Map<String, Object> json(SweepResults sweep) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keys", sweep.sweep().keys());
    m.put("metrics", METRICS);
    List<Map<String, Object>> points = new ArrayList<>();
    for (SweepResults.PointResults point : sweep.points()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("values", jsonValues(point.point().values()));
      List<Map<String, Object>> results = new ArrayList<>();
      for (SweepResults.Entry entry : point.results()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("architecture", entry.architecture());
        r.put("result", entry.result().name());
        r.put("amplification", entry.amplification());
        r.put("success_rate", entry.successRate());
        r.put("e2e_p99_ms", entry.e2eP99Ms());
        r.put("recovered", entry.recovered());
        results.add(r);
      }
      one.put("results", results);
      points.add(one);
    }
    m.put("points", points);
    return m;
  }

  /** A point's values for JSON: numbers as numbers, anything else as a string. */
  static Map<String, Object> jsonValues(Map<String, Object> values) {
    Map<String, Object> json = new LinkedHashMap<>();
    values.forEach((key, value) -> json.put(key, value instanceof Number ? value : String.valueOf(value)));
    return json;
  }

  private static String quoted(String cell) {
    return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }
}
