package cascade.report;

import cascade.metrics.TimeSeries;
import cascade.service.FaultSchedule;
import java.util.List;
import java.util.Locale;

/**
 * One architecture's time series as CSV: a row per interval (100 ms), for charts and for judging
 * when a system recovered. Written into the run folder as {@code timeseries-<name>.csv}.
 */
public final class TimeSeriesCsv {

  static final String HEADER =
      "t_ms,offered,completed,succeeded,failed,rejected,dropped,dead_lettered,attempts,retries,in_flight,"
          + "e2e_p50_ms,e2e_p99_ms,breaker,faults";

  private TimeSeriesCsv() {}

  public static String render(List<TimeSeries.Row> rows) {
    return render(rows, FaultSchedule.NONE);
  }

  /**
   * As above; the last column names the scheduled faults in force during each interval (joined
   * with {@code +}), so a chart can mark them.
   */
  public static String render(List<TimeSeries.Row> rows, FaultSchedule schedule) {
    double intervalMs = rows.size() > 1 ? rows.get(1).startMs() - rows.get(0).startMs() : TimeSeries.DEFAULT_INTERVAL_NANOS / 1e6;
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (TimeSeries.Row r : rows) {
      csv.append(String.format(Locale.ROOT, "%.0f", r.startMs()))
          .append(',').append(r.offered())
          .append(',').append(r.completed())
          .append(',').append(r.succeeded())
          .append(',').append(r.failed())
          .append(',').append(r.rejected())
          .append(',').append(r.dropped())
          .append(',').append(r.deadLettered())
          .append(',').append(r.attempts())
          .append(',').append(r.retries())
          .append(',').append(r.inFlight())
          .append(',').append(millis(r.p50Ms()))
          .append(',').append(millis(r.p99Ms()))
          .append(',').append(r.breaker())
          .append(',').append(faultsDuring(schedule, r.startMs(), r.startMs() + intervalMs))
          .append('\n');
    }
    return csv.toString();
  }

  static final String TIER_HEADER = "t_ms,received,succeeded,failed,in_flight,attempts_out,retries_out";

  /** One topology tier's series: what reached it, how it answered, and what it sent downstream. */
  public static String renderTier(List<cascade.metrics.TierSeries.Row> rows) {
    StringBuilder csv = new StringBuilder(TIER_HEADER).append('\n');
    for (cascade.metrics.TierSeries.Row r : rows) {
      csv.append(String.format(Locale.ROOT, "%.0f", r.startMs()))
          .append(',').append(r.received())
          .append(',').append(r.succeeded())
          .append(',').append(r.failed())
          .append(',').append(r.inFlight())
          .append(',').append(r.attemptsOut())
          .append(',').append(r.retriesOut())
          .append('\n');
    }
    return csv.toString();
  }

  /** The file of one tier of a topology result: {@code timeseries-<result>-tier-<tier>.csv}. */
  public static String tierFileName(String resultName, String tier) {
    return fileName(resultName).replaceAll("\\.csv$", "") + "-tier-" + fileName(tier).substring("timeseries-".length());
  }

  /** A file name for a result: its name in lower case, anything but letters and digits as dashes. */
  public static String fileName(String resultName) {
    String slug = resultName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return "timeseries-" + slug + ".csv";
  }

  private static String faultsDuring(FaultSchedule schedule, double fromMs, double toMs) {
    String labels =
        schedule.entries().stream()
            .filter(e -> e.startNanos() / 1e6 < toMs && Math.max(e.endNanos(), e.startNanos() + 1) / 1e6 > fromMs)
            .map(FaultSchedule.Entry::label)
            .distinct()
            .collect(java.util.stream.Collectors.joining("+"));
    return labels.contains(",") || labels.contains("\"") ? '"' + labels.replace("\"", "\"\"") + '"' : labels;
  }

  private static String millis(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
  }
}
