package cascade.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.extension.ExtensionSettings;
import cascade.load.ArrivalSchedule;
import cascade.load.ExtensionShape;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CronHerdShapeTest {

  private static final long MS = 1_000_000L;

  private static ArrivalSchedule schedule(long total) {
    ExtensionSettings settings = new ExtensionSettings(Map.of("period", "1s", "spread", "50ms", "herd", "100"));
    return new ExtensionShape("cron-herd", total, new CronHerdShape().shape(settings, total, 42));
  }

  @Test
  void eachHerdArrivesWithinItsSpreadAndNothingArrivesBetweenHerds() {
    ArrivalSchedule herds = schedule(350);
    assertThat(herds.dueBetween(0, 50 * MS)).isEqualTo(100);
    assertThat(herds.dueBetween(50 * MS, 1_000 * MS)).isZero();
    assertThat(herds.dueBetween(1_000 * MS, 1_050 * MS)).isEqualTo(100);
    assertThat(herds.dueBetween(2_000 * MS, 2_050 * MS)).isEqualTo(100);
    // The last herd holds what is left of the total.
    assertThat(herds.dueBetween(3_000 * MS, 3_050 * MS)).isEqualTo(50);
    assertThat(herds.dueBetween(0, Long.MAX_VALUE)).isEqualTo(350);
  }

  @Test
  void offsetsNeverDecreaseAndEveryWalkGivesTheSame() {
    ArrivalSchedule herds = schedule(300);
    ArrivalSchedule.Cursor first = herds.cursor();
    ArrivalSchedule.Cursor second = herds.cursor();
    long previous = 0;
    for (long i = 0; i < 300; i++) {
      long offset = first.offsetNanos(i);
      assertThat(offset).isGreaterThanOrEqualTo(previous).isEqualTo(second.offsetNanos(i));
      previous = offset;
    }
  }

  @Test
  void aSpreadLongerThanThePeriodIsRefusedByName() {
    assertThatThrownBy(() -> new CronHerdShape().check(new ExtensionSettings(Map.of("period", "100ms", "spread", "1s"))))
        .isInstanceOfSatisfying(ExtensionSettings.Problem.class, p -> assertThat(p.key()).isEqualTo("spread"));
  }
}
