package cascade.report;

import cascade.metrics.EncodedHistogram;
import cascade.metrics.TimeSeries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * One architecture's end-to-end latency as HdrHistogram's interval log ({@code e2e-<name>.hlog}),
 * written with its own {@link HistogramLogWriter}: one histogram per time-series interval, the
 * requests that completed in it, time-stamped in seconds of the run (0 = the run's start), so that
 * {@code HistogramLogProcessor} and HdrHistogram's plotters read it. Values are microseconds: give
 * the processor {@code -outputValueUnitRatio 1000} for milliseconds.
 */
public final class IntervalLog {

  /** The interval histograms are recorded with this range and precision (see {@link TimeSeries}). */
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  private IntervalLog() {}

  /** The interval log's file name beside {@code timeseries-<name>.csv}. */
  public static String fileName(String resultName) {
    return TimeSeriesCsv.fileName(resultName).replaceFirst("^timeseries-", "e2e-").replaceFirst("\\.csv$", ".hlog");
  }

  /** The log of {@code rows}: every interval, the empty ones as empty histograms, so the timeline has no gaps. */
  public static String render(String resultName, List<TimeSeries.Row> rows) {
    double intervalMs = rows.size() > 1 ? rows.get(1).startMs() - rows.get(0).startMs() : TimeSeries.DEFAULT_INTERVAL_NANOS / 1e6;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      HistogramLogWriter writer = new HistogramLogWriter(out);
      writer.outputComment("End-to-end latency of " + resultName + " per " + Math.round(intervalMs) + " ms interval, in microseconds;"
          + " time stamps in seconds from the start of the run. Written by cascade run.");
      writer.outputLogFormatVersion();
      // Run time, not the wall: a run in virtual time has no wall-clock start to speak of.
      writer.outputBaseTime(0);
      writer.outputLegend();
      for (TimeSeries.Row row : rows) {
        EncodedHistogram e2e = row.e2e();
        Histogram histogram = e2e == null ? new Histogram(HIGHEST_MICROS, 2) : e2e.decode();
        // The max column in milliseconds, like the rest of the reports.
        writer.outputIntervalHistogram(row.startMs() / 1000, (row.startMs() + intervalMs) / 1000, histogram, 1000.0);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
