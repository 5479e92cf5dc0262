package cascade.report;

import cascade.metrics.TierSeries;
import cascade.metrics.TimeSeries;
import cascade.service.FaultSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One architecture's time series as CSV: a row per interval (100 ms), for charts and for judging
 * when a system recovered. Written into the run folder as {@code timeseries-<name>.csv}.
 */
public final class TimeSeriesCsv {

  /** An interval's columns, but the last: the faults in force, which the schedule tells (see {@link #render}). */
  private static final List<Figure<TimeSeries.Row>> COLUMNS =
      List.of(
          Figure.span("t_ms", null, TimeSeries.Row::startMs),
          Figure.count("offered", null, TimeSeries.Row::offered),
          Figure.count("completed", null, TimeSeries.Row::completed),
          Figure.count("succeeded", null, TimeSeries.Row::succeeded),
          Figure.count("failed", null, TimeSeries.Row::failed),
          Figure.count("rejected", null, TimeSeries.Row::rejected),
          Figure.count("dropped", null, TimeSeries.Row::dropped),
          Figure.count("dead_lettered", null, TimeSeries.Row::deadLettered),
          Figure.count("attempts", null, TimeSeries.Row::attempts),
          Figure.count("retries", null, TimeSeries.Row::retries),
          Figure.count("in_flight", null, TimeSeries.Row::inFlight),
          millis("e2e_p50_ms", TimeSeries.Row::p50Ms),
          millis("e2e_p99_ms", TimeSeries.Row::p99Ms),
          Figure.plain("breaker", null, TimeSeries.Row::breaker));

  private static final String FAULTS = "faults";

  /** The header line of a result's series. */
  static final String HEADER = COLUMNS.stream().map(Figure::key).collect(Collectors.joining(",")) + "," + FAULTS;

  /** A topology tier's columns: what reached it, how it answered, and what it sent downstream. */
  private static final List<Figure<TierSeries.Row>> TIER_COLUMNS =
      List.of(
          Figure.span("t_ms", null, TierSeries.Row::startMs),
          Figure.count("received", null, TierSeries.Row::received),
          Figure.count("succeeded", null, TierSeries.Row::succeeded),
          Figure.count("failed", null, TierSeries.Row::failed),
          Figure.count("in_flight", null, TierSeries.Row::inFlight),
          Figure.count("attempts_out", null, TierSeries.Row::attemptsOut),
          Figure.count("retries_out", null, TierSeries.Row::retriesOut));

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
    List<Figure<TimeSeries.Row>> columns = new ArrayList<>(COLUMNS);
    columns.add(Figure.plain(FAULTS, null, r -> faultsDuring(schedule, r.startMs(), r.startMs() + intervalMs)));
    return csv(columns, rows);
  }

  /** One topology tier's series. */
  public static String renderTier(List<TierSeries.Row> rows) {
    return csv(TIER_COLUMNS, rows);
  }

  /** The header of the columns' keys, then a line of their cells per row. */
  static <T> String csv(List<Figure<T>> columns, List<T> rows) {
    StringBuilder csv = new StringBuilder(columns.stream().map(Figure::key).collect(Collectors.joining(","))).append('\n');
    for (T row : rows) {
      csv.append(columns.stream().map(f -> f.text().apply(row)).collect(Collectors.joining(","))).append('\n');
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
            .collect(Collectors.joining("+"));
    return labels.contains(",") || labels.contains("\"") ? '"' + labels.replace("\"", "\"\"") + '"' : labels;
  }

  /** Milliseconds with two decimals, empty where no request ended. */
  private static Figure<TimeSeries.Row> millis(String key, Function<TimeSeries.Row, Double> value) {
    return new Figure<>(key, null, value::apply, r -> value.apply(r) == null ? "" : String.format(Locale.ROOT, "%.2f", value.apply(r)));
  }
}
