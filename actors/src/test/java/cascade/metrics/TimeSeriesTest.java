package cascade.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.load.ArrivalSchedule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

  private static final long MS = 1_000_000L;

  @Test
  void countsEachEventInTheIntervalItHappenedAndDerivesWhatIsInFlight() {
    TimeSeries series = new TimeSeries(0, 100 * MS);
    series.attempt(10 * MS);
    series.completed(20 * MS, Outcome.SUCCEEDED, 15 * MS);
    series.retry(150 * MS);
    series.attempt(160 * MS);
    series.breaker(170 * MS, "open");
    series.completed(250 * MS, Outcome.FAILED, 240 * MS);
    series.completed(260 * MS, Outcome.REJECTED, 1 * MS);

    List<TimeSeries.Row> rows = series.finish(300 * MS, i -> i == 0 ? 3 : 0);

    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).extracting(TimeSeries.Row::offered, TimeSeries.Row::completed, TimeSeries.Row::succeeded, TimeSeries.Row::attempts, TimeSeries.Row::inFlight)
        .containsExactly(3L, 1L, 1L, 1L, 2L);
    assertThat(rows.get(0).p50Ms()).isEqualTo(15.0, org.assertj.core.api.Assertions.offset(0.2));
    assertThat(rows.get(1)).extracting(TimeSeries.Row::retries, TimeSeries.Row::completed, TimeSeries.Row::inFlight, TimeSeries.Row::breaker)
        .containsExactly(1L, 0L, 2L, "open");
    assertThat(rows.get(1).p50Ms()).isNull();
    assertThat(rows.get(2)).extracting(TimeSeries.Row::failed, TimeSeries.Row::rejected, TimeSeries.Row::inFlight)
        .containsExactly(1L, 1L, 0L);
    assertThat(rows.get(3).startMs()).isEqualTo(300.0);
  }

  @Test
  void theArrivalScheduleSaysWhatWasOfferedInEachInterval() {
    ArrivalSchedule bursts = ArrivalSchedule.bursts(2000, 350, Duration.ofMillis(80));
    // Bursts at 0, 80, 160, 240, 320 and 400 ms; the last holds the 250 left.
    assertThat(bursts.dueBetween(0, 100 * MS)).isEqualTo(700);
    assertThat(bursts.dueBetween(100 * MS, 200 * MS)).isEqualTo(350);
    assertThat(bursts.dueBetween(400 * MS, 500 * MS)).isEqualTo(250);
    assertThat(bursts.dueBetween(500 * MS, 600 * MS)).isZero();
    assertThat(ArrivalSchedule.tutorial(2000).dueBetween(0, 100 * MS)).isEqualTo(2000);
    assertThat(ArrivalSchedule.tutorial(2000).dueBetween(100 * MS, 200 * MS)).isZero();
  }
}
