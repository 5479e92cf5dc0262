package cascade.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** Recovery read off synthetic time series: 100 ms rows, load from row 1 to row 59, faults from 2 s to 2.5 s. */
class RecoveryTest {

  private static final double INTERVAL_MS = 100;
  private static final double FAULT_START_MS = 2000;
  private static final double FAULT_END_MS = 2500;

  /** Rows 0..64: load offered in rows 1..59; {@code succeeded} says what each row completed. */
  private static List<TimeSeries.Row> series(IntUnaryOperator succeeded) {
    List<TimeSeries.Row> rows = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      long offered = i >= 1 && i <= 59 ? 50 : 0;
      long ok = succeeded.applyAsInt(i);
      rows.add(new TimeSeries.Row(i * INTERVAL_MS, offered, ok, ok, 0, 0, 0, 0, ok, 0, 0, null, null, "-"));
    }
    return rows;
  }

  private static Recovery recovery(IntUnaryOperator succeeded) {
    return Recovery.of(series(succeeded), INTERVAL_MS, FAULT_START_MS, FAULT_END_MS);
  }

  @Test
  void goodputThatComesBackIsARecoveryTimedFromTheEndOfTheFaults() {
    // 50 per row before, nothing during the faults and for 1.2 s after, then 50 again.
    Recovery r = recovery(i -> i == 0 ? 0 : i < 20 ? 50 : i < 37 ? 0 : 50);

    assertThat(r.goodputBeforePerSecond()).isEqualTo(500.0);
    assertThat(r.recovered()).isTrue();
    assertThat(r.recoveredAfterMs()).isEqualTo(1200.0);
    assertThat(r.goodputEndPerSecond()).isEqualTo(500.0);
  }

  @Test
  void goodputThatStaysLowIsNoRecovery() {
    Recovery r = recovery(i -> i == 0 ? 0 : i < 20 ? 50 : 10);

    assertThat(r.recovered()).isFalse();
    assertThat(r.recoveredAfterMs()).isNull();
    assertThat(r.goodputEndPerSecond()).isEqualTo(100.0);
  }

  @Test
  void oneNoisyIntervalDoesNotDecide() {
    // Back at once, but one row in three seconds completes only 30 (or a burst of 70): the
    // half-second average stays within 10%.
    Recovery noisy = recovery(i -> i == 0 ? 0 : i == 45 ? 30 : i == 46 ? 70 : i >= 20 && i < 25 ? 0 : 50);

    assertThat(noisy.recovered()).isTrue();
    assertThat(noisy.recoveredAfterMs()).isEqualTo(0.0);
  }

  @Test
  void aMomentaryPauseNearTheEndOfTheLoadIsNoRelapse() {
    // Back at once; then two rows complete little and the next one catches up, just before the
    // load ends (the machine paused): no window run of 500 ms falls short.
    Recovery paused = recovery(i -> i == 0 ? 0 : i >= 20 && i < 25 ? 0 : i == 55 || i == 56 ? 25 : i == 57 ? 100 : 50);

    assertThat(paused.recovered()).isTrue();
    assertThat(paused.recoveredAfterMs()).isEqualTo(0.0);
  }

  @Test
  void aRecoveryThatDoesNotLastIsNoRecovery() {
    // Back for a second, then down again until the end of the load.
    Recovery relapse = recovery(i -> i == 0 ? 0 : i < 20 ? 50 : i < 25 ? 0 : i < 35 ? 50 : 5);

    assertThat(relapse.recovered()).isFalse();
  }

  @Test
  void aLateRecoveryIsDatedFromWhereItLasted() {
    // Back briefly at 3 s, down again, back for good at 4 s.
    Recovery late = recovery(i -> i == 0 ? 0 : i < 20 ? 50 : i < 30 ? 0 : i < 33 ? 50 : i < 40 ? 0 : 50);

    assertThat(late.recovered()).isTrue();
    assertThat(late.recoveredAfterMs()).isEqualTo(1500.0);
  }

  @Test
  void withoutLoadAfterTheFaultsRecoveryCannotBeTold() {
    Recovery r = Recovery.of(series(i -> 50), INTERVAL_MS, FAULT_START_MS, 5800);

    assertThat(r.recovered()).isNull();
    assertThat(r.goodputBeforePerSecond()).isEqualTo(500.0);
  }

  @Test
  void withoutLoadBeforeTheFaultsThereIsNothingToCompareWith() {
    assertThat(Recovery.of(series(i -> 50), INTERVAL_MS, 100, 600)).isNull();
  }
}
