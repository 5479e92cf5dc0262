package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdaptiveThrottleTest {

  private static final long MS = 1_000_000L;

  private final SplittableRandom random = new SplittableRandom(7);
  private final AdaptiveThrottle throttle = new AdaptiveThrottle(2.0, Duration.ofSeconds(10), PolicyEvents.NONE);

  @Test
  void neverRejectsWhileTheBackendAcceptsEverything() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(throttle.tryAcquire(i * MS, random)).isTrue();
      throttle.onResult(i * MS, CallOutcome.SUCCESS);
    }
    assertThat(throttle.rejectionProbability(1_000 * MS)).isZero();
  }

  @Test
  void aBurstAtStartUpIsNotRejectedBeforeAnyAnswerCameBack() {
    for (int i = 0; i < 350; i++) {
      assertThat(throttle.tryAcquire(0, random)).isTrue();
    }
  }

  @Test
  void rejectsWithTheFormulasProbabilityWhenAcceptsCollapse() {
    // 100 answered requests, 20 accepted: p = (100 - 2 * 20) / (100 + 1).
    for (int i = 0; i < 100; i++) {
      throttle.onResult(0, i < 20 ? CallOutcome.SUCCESS : CallOutcome.ERROR);
    }
    assertThat(throttle.rejectionProbability(0)).isCloseTo(60.0 / 101, within(1e-12));
  }

  @Test
  void theObservedRejectionRateFollowsTheProbability() {
    AdaptiveThrottle failing = new AdaptiveThrottle(2.0, Duration.ofSeconds(10), PolicyEvents.NONE);
    for (int i = 0; i < 100; i++) {
      failing.onResult(0, i < 20 ? CallOutcome.SUCCESS : CallOutcome.ERROR);
    }
    // Rejected requests count too, so p creeps up as it rejects; measure over a short stretch.
    int rejected = 0;
    int draws = 1_000;
    double expected = failing.rejectionProbability(0);
    for (int i = 0; i < draws; i++) {
      if (!failing.tryAcquire(0, random)) {
        rejected++;
      }
    }
    double after = failing.rejectionProbability(0);
    assertThat(rejected / (double) draws).isBetween(expected - 0.05, after + 0.05);
    assertThat(failing.rejected()).isEqualTo(rejected);
  }

  @Test
  void forgetsOldFailuresAsTheWindowSlides() {
    for (int i = 0; i < 100; i++) {
      throttle.onResult(0, CallOutcome.ERROR);
    }
    assertThat(throttle.rejectionProbability(0)).isGreaterThan(0.9);
    assertThat(throttle.rejectionProbability(11_000 * MS)).isZero();
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> new AdaptiveThrottle(0, Duration.ofSeconds(1), PolicyEvents.NONE)).hasMessage("k must be above 0, but was 0.0");
    assertThatThrownBy(() -> new AdaptiveThrottle(2, Duration.ZERO, PolicyEvents.NONE)).hasMessageContaining("window must be above 0");
  }
}
