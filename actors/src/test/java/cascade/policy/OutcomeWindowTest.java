package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.policy.CircuitBreakerConfig.WindowType;
import cascade.policy.OutcomeWindow.Totals;
import org.junit.jupiter.api.Test;

class OutcomeWindowTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aCountWindowDropsTheOldestCallWhenFull() {
    OutcomeWindow window = OutcomeWindow.of(WindowType.COUNT_BASED, 3);
    window.record(0, true, true);
    window.record(0, false, false);
    window.record(0, false, true);
    assertThat(window.totals(0)).isEqualTo(new Totals(3, 1, 2));
    window.record(0, false, false); // the failed, slow first call leaves
    assertThat(window.totals(0)).isEqualTo(new Totals(3, 0, 1));
  }

  @Test
  void aCountWindowIgnoresTime() {
    OutcomeWindow window = OutcomeWindow.of(WindowType.COUNT_BASED, 3);
    window.record(0, true, false);
    assertThat(window.totals(1_000_000 * SECOND)).isEqualTo(new Totals(1, 1, 0));
  }

  @Test
  void aTimeWindowForgetsEachSecondAsItLeaves() {
    OutcomeWindow window = OutcomeWindow.of(WindowType.TIME_BASED, 3);
    window.record(0, true, false);
    window.record(SECOND, false, true);
    window.record(2 * SECOND, false, false);
    assertThat(window.totals(2 * SECOND + SECOND / 2)).isEqualTo(new Totals(3, 1, 1));
    assertThat(window.totals(3 * SECOND)).isEqualTo(new Totals(2, 0, 1));
    assertThat(window.totals(4 * SECOND)).isEqualTo(new Totals(1, 0, 0));
    assertThat(window.totals(5 * SECOND)).isEqualTo(new Totals(0, 0, 0));
  }

  @Test
  void aTimeWindowCountsSecondsFromTheFirstTimeItSees() {
    OutcomeWindow window = OutcomeWindow.of(WindowType.TIME_BASED, 2);
    window.record(-SECOND / 2, true, false); // any origin, even a negative one
    assertThat(window.totals(SECOND + SECOND / 2 - 1).calls()).isEqualTo(1);
    assertThat(window.totals(SECOND + SECOND / 2).calls()).isZero();
  }

  @Test
  void aTimeWindowDropsALateReportFromASecondAlreadyGone() {
    OutcomeWindow window = OutcomeWindow.of(WindowType.TIME_BASED, 2);
    window.record(0, false, false);
    window.record(5 * SECOND, false, false);
    window.record(SECOND, true, false);
    assertThat(window.totals(5 * SECOND)).isEqualTo(new Totals(1, 0, 0));
  }

  @Test
  void aTimeWindowKeepsALateReportFromASecondStillInside() {
    OutcomeWindow window = OutcomeWindow.of(WindowType.TIME_BASED, 3);
    window.record(2 * SECOND, false, false);
    window.record(SECOND, true, false);
    assertThat(window.totals(2 * SECOND)).isEqualTo(new Totals(2, 1, 0));
    assertThat(window.totals(4 * SECOND)).isEqualTo(new Totals(1, 0, 0));
  }

  @Test
  void clearingEmptiesEitherWindow() {
    for (WindowType type : WindowType.values()) {
      OutcomeWindow window = OutcomeWindow.of(type, 3);
      window.record(0, true, true);
      window.clear();
      assertThat(window.totals(0)).as(type.name()).isEqualTo(new Totals(0, 0, 0));
      window.record(0, true, false);
      assertThat(window.totals(0)).as(type.name()).isEqualTo(new Totals(1, 1, 0));
    }
  }
}
