package cascade.report;

import java.util.List;
import java.util.Map;

/**
 * Which charts the HTML report draws, and from which CSV columns: declared once here, drawn by the
 * page's script, counted by the browser test. Colours keep one meaning across charts (green
 * succeeded, red failed, orange rejected ...).
 */
public final class ChartSpecs {

  /** One line of a chart: a CSV column, its legend label and colour; {@code dash} for a reference line. */
  public record Series(String column, String label, String color, boolean dash) {
    static Series of(String column, String label, String color) {
      return new Series(column, label, color, false);
    }
  }

  /**
   * One chart over time.
   *
   * @param unit the y axis' label; {@code {interval}} stands for the interval's length
   */
  public record Chart(String id, String title, String unit, List<Series> series) {}

  /** One metric overlaid for every result of the run(s); {@code column} is a time-series column. */
  public record Overlay(String id, String title, String unit, String column) {}

  private static final String GREY = "#7f7f7f";

  /** The charts of each result (architecture or variant). */
  public static final List<Chart> RESULT =
      List.of(
          new Chart(
              "requests",
              "Requests per interval: offered and how they ended",
              "requests per {interval}",
              List.of(
                  new Series("offered", "offered", GREY, true),
                  Series.of("succeeded", "succeeded", "#2ca02c"),
                  Series.of("failed", "failed", "#d62728"),
                  Series.of("rejected", "rejected", "#ff7f0e"),
                  Series.of("dropped", "dropped", "#9467bd"),
                  Series.of("dead_lettered", "dead-lettered", "#8c564b"))),
          new Chart(
              "attempts",
              "Attempts and retries per interval (amplification: attempts against offered)",
              "per {interval}",
              List.of(
                  new Series("offered", "offered", GREY, true),
                  Series.of("attempts", "attempts", "#1f77b4"),
                  Series.of("retries", "retries", "#e377c2"))),
          new Chart("in-flight", "Requests in flight (offered, no outcome yet)", "requests", List.of(Series.of("in_flight", "in flight", "#17becf"))),
          new Chart(
              "latency",
              "End-to-end latency of the requests that ended in each interval",
              "ms",
              List.of(Series.of("e2e_p50_ms", "e2e p50", "#1f77b4"), Series.of("e2e_p99_ms", "e2e p99", "#d62728"))));

  /** The chart of each tier of a topology result. */
  public static final Chart TIER =
      new Chart(
          "tier",
          "Tier {tier}: attempts received, answers, calls downstream",
          "per {interval}",
          List.of(
              Series.of("received", "received", GREY),
              Series.of("succeeded", "succeeded", "#2ca02c"),
              Series.of("failed", "failed", "#d62728"),
              Series.of("in_flight", "in flight", "#17becf"),
              Series.of("attempts_out", "attempts out", "#1f77b4"),
              Series.of("retries_out", "retries out", "#e377c2")));

  /** The comparison: one chart per metric, a line per result. */
  public static final List<Overlay> COMPARE =
      List.of(
          new Overlay("cmp-succeeded", "Succeeded per interval (goodput)", "requests per {interval}", "succeeded"),
          new Overlay("cmp-p99", "End-to-end p99 per interval", "ms", "e2e_p99_ms"),
          new Overlay("cmp-attempts", "Attempts per interval (load on the service)", "attempts per {interval}", "attempts"),
          new Overlay("cmp-in-flight", "Requests in flight", "requests", "in_flight"));

  /** How the sweep's metrics (see the sweep contract) are labelled on their axis. */
  public static final Map<String, String> SWEEP_METRICS = sweepMetrics();

  /**
   * In a fixed order, unlike {@code Map.of}, whose order changes from one JVM to the next: the page
   * carries this map, and two runs of one scenario and seed must write the same page.
   */
  private static Map<String, String> sweepMetrics() {
    Map<String, String> metrics = new java.util.LinkedHashMap<>();
    metrics.put("amplification", "attempts per request");
    metrics.put("success_rate", "succeeded / requests");
    metrics.put("e2e_p99_ms", "e2e p99 (ms)");
    metrics.put("recovered", "recovered (1 yes, 0 no)");
    return java.util.Collections.unmodifiableMap(metrics);
  }

  /** The palette of overlays, one colour per result in turn. */
  public static final List<String> PALETTE =
      List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

  private ChartSpecs() {}

  /** The charts a report of {@code results} results, {@code tiers} tiers in all, draws outside the sweep section. */
  public static int chartCount(int results, int tiers) {
    return results * RESULT.size() + tiers + (results > 1 ? COMPARE.size() : 0);
  }
}
