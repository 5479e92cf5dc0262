package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  private final ExponentialBackoff backoff = ExponentialBackoff.seedDefaults();

  @Test
  void ceilingDoublesFromTheBaseUntilTheCap() {
    assertThat(backoff.ceilingNanos(1)).isEqualTo(ms(20));
    assertThat(backoff.ceilingNanos(2)).isEqualTo(ms(40));
    assertThat(backoff.ceilingNanos(3)).isEqualTo(ms(80));
    assertThat(backoff.ceilingNanos(4)).isEqualTo(ms(160));
    assertThat(backoff.ceilingNanos(5)).isEqualTo(ms(320));
    assertThat(backoff.ceilingNanos(6)).isEqualTo(ms(400));
    assertThat(backoff.ceilingNanos(1_000)).isEqualTo(ms(400));
  }

  @Test
  void delaysStayWithinZeroAndTheCeilingAndUseTheWholeRange() {
    SplittableRandom random = new SplittableRandom(7);
    for (int attempt = 1; attempt <= 8; attempt++) {
      long ceiling = backoff.ceilingNanos(attempt);
      long smallest = Long.MAX_VALUE;
      long largest = 0;
      for (int i = 0; i < 2_000; i++) {
        long delay = backoff.delay(attempt, random).toNanos();
        assertThat(delay).isBetween(0L, ceiling - 1);
        smallest = Math.min(smallest, delay);
        largest = Math.max(largest, delay);
      }
      // Full jitter: the draws reach both ends of the window, not a band around its middle.
      assertThat(smallest).isLessThan(ceiling / 20);
      assertThat(largest).isGreaterThan(ceiling - ceiling / 20);
    }
  }

  @Test
  void aZeroBaseNeverWaits() {
    ExponentialBackoff none = new ExponentialBackoff(Duration.ZERO, Duration.ZERO);
    assertThat(none.delay(3, new SplittableRandom(1))).isEqualTo(Duration.ZERO);
  }

  @Test
  void rejectsACapBelowTheBase() {
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofMillis(20), Duration.ofMillis(10)))
        .hasMessageContaining("cap must be at least base");
  }

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }
}
