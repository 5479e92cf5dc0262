package cascade.report;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.metrics.TimeSeries;
import cascade.service.FaultSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesCsvTest {

  private static List<TimeSeries.Row> rows(int count) {
    List<TimeSeries.Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new TimeSeries.Row(i * 100.0, 10, 10, 10, 0, 0, 0, 0, 10, 0, 0, 11.0, 12.0, "-"));
    }
    return rows;
  }

  @Test
  void theLastColumnMarksTheIntervalsEachScheduledFaultTouches() {
    FaultSchedule schedule =
        new FaultSchedule(
            List.of(
                new FaultSchedule.Entry("drop", "service", FaultSchedule.Kind.CAPACITY_DROP, Duration.ofMillis(150), Duration.ofMillis(100), 0.3, 1),
                new FaultSchedule.Entry("crash, first", "service", FaultSchedule.Kind.CRASH, Duration.ofMillis(200), Duration.ZERO, 0, 1)));

    List<String> lines = TimeSeriesCsv.render(rows(4), schedule).lines().toList();

    assertThat(lines.get(0)).endsWith(",breaker,faults");
    assertThat(lines.get(1)).endsWith(",-,"); // 0-100 ms: nothing
    assertThat(lines.get(2)).endsWith(",-,drop"); // 100-200 ms: the drop from 150
    assertThat(lines.get(3)).endsWith(",-,\"drop+crash, first\""); // 200-300 ms: both; the comma is quoted
    assertThat(lines.get(4)).endsWith(",-,");
  }
}
