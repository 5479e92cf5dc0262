package cascade.report;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.metrics.Outcome;
import cascade.metrics.TimeSeries;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

class IntervalLogTest {

  private static final long MS = 1_000_000L;

  /** What HdrHistogram's own reader finds in a log: every interval histogram, in order. */
  static List<Histogram> readBack(String log) {
    HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
    List<Histogram> histograms = new ArrayList<>();
    for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
      histograms.add((Histogram) h);
    }
    return histograms;
  }

  @Test
  void hdrHistogramsReaderFindsOneHistogramPerIntervalWithItsRequestsAndRunTime() {
    TimeSeries series = new TimeSeries(0, 100 * MS);
    // 3 requests end in the first interval, none in the second, 2 in the third.
    series.completed(10 * MS, Outcome.SUCCEEDED, 5 * MS);
    series.completed(20 * MS, Outcome.SUCCEEDED, 7 * MS);
    series.completed(90 * MS, Outcome.FAILED, 80 * MS);
    series.completed(210 * MS, Outcome.SUCCEEDED, 250 * MS);
    series.completed(220 * MS, Outcome.REJECTED, 1 * MS);
    List<TimeSeries.Row> rows = series.finish(300 * MS, i -> 0);

    List<Histogram> read = readBack(IntervalLog.render("RPC", rows));

    assertThat(read).hasSize(rows.size());
    assertThat(read).extracting(Histogram::getTotalCount).containsExactly(3L, 0L, 2L, 0L);
    // Time stamps in the run's time: interval i starts i * 100 ms into the run.
    assertThat(read).extracting(Histogram::getStartTimeStamp).containsExactly(0L, 100L, 200L, 300L);
    assertThat(read).extracting(Histogram::getEndTimeStamp).containsExactly(100L, 200L, 300L, 400L);
    // Values are microseconds, as the file's header says: the slowest of the first interval is 80 ms.
    assertThat(read.get(0).getMaxValue()).isBetween(79_000L, 81_000L);
    assertThat(read.get(2).getMaxValue()).isBetween(248_000L, 252_000L);
  }

  @Test
  void namesTheLogBesideThePercentileFile() {
    assertThat(IntervalLog.fileName("RPC + retry budget")).isEqualTo("e2e-rpc-retry-budget.hlog");
  }
}
