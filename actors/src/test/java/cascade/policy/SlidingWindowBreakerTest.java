package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowBreakerTest {

  private static final long MS = 1_000_000L;

  private final SlidingWindowBreaker breaker = SlidingWindowBreaker.tutorialDefaults();

  @Test
  void staysClosedUntilTheWindowIsFullEvenWithManyFailures() {
    for (int i = 0; i < 19; i++) {
      breaker.onFailure(0);
    }
    assertThat(breaker.tryAcquirePermission(0)).isTrue();
  }

  @Test
  void opensAfterEightFailuresInTwenty() {
    record(12, false, 0);
    record(7, true, 0);
    assertThat(breaker.tryAcquirePermission(0)).isTrue();
    breaker.onFailure(0);
    assertThat(breaker.tryAcquirePermission(0)).isFalse();
    assertThat(breaker.timesOpened()).isEqualTo(1);
  }

  @Test
  void letsCallsThroughAgainAfterTheOpenPeriod() {
    record(20, true, 0);
    assertThat(breaker.tryAcquirePermission(499 * MS)).isFalse();
    assertThat(breaker.tryAcquirePermission(500 * MS)).isTrue();
  }

  @Test
  void anyOutcomeRecordedWhileTheWindowIsBadExtendsTheOpenPeriodAsInTheSeed() {
    record(20, true, 0);
    breaker.onSuccess(400 * MS); // 19 failures remain in the window
    assertThat(breaker.tryAcquirePermission(600 * MS)).isFalse();
    assertThat(breaker.tryAcquirePermission(900 * MS)).isTrue();
    assertThat(breaker.timesOpened()).isEqualTo(1);
  }

  @Test
  void oldFailuresSlideOutOfTheWindow() {
    record(8, true, 0);
    record(12, false, 0); // window full: 8 failures, opens
    assertThat(breaker.tryAcquirePermission(0)).isFalse();
    record(1, false, 600 * MS); // the oldest failure slides out: 7 failures left
    assertThat(breaker.tryAcquirePermission(600 * MS)).isTrue();
    assertThat(breaker.timesOpened()).isEqualTo(1);
  }

  @Test
  void rejectsAThresholdAboveTheWindow() {
    assertThatThrownBy(() -> new SlidingWindowBreaker(5, 6, Duration.ofMillis(1)))
        .hasMessage("failureThreshold must be in [1, 5], but was 6");
  }

  private void record(int times, boolean failure, long now) {
    for (int i = 0; i < times; i++) {
      if (failure) {
        breaker.onFailure(now);
      } else {
        breaker.onSuccess(now);
      }
    }
  }
}
