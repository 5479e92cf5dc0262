package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static final long MS = 1_000_000L;

  private final List<PolicyEvent> events = new ArrayList<>();
  /** Ten permits a second, bursts of five. */
  private final RateLimiter limiter = new RateLimiter(10, Duration.ofSeconds(1), 5, events::add);

  @Test
  void startsWithAFullBurstAndRefusesBeyondIt() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire(0, 1)).isTrue();
    }
    assertThat(limiter.tryAcquire(0, 1)).isFalse();
    assertThat(limiter.refused()).isEqualTo(1);
    assertThat(events).containsExactly(new PolicyEvent("rate-limiter", "rejected", 0));
  }

  @Test
  void refillsOneTokenEveryTenthOfASecond() {
    limiter.tryAcquire(0, 5);
    assertThat(limiter.tryAcquire(99 * MS, 1)).isFalse();
    assertThat(limiter.tryAcquire(100 * MS, 1)).isTrue();
    assertThat(limiter.tryAcquire(150 * MS, 1)).isFalse();
    assertThat(limiter.tryAcquire(200 * MS, 1)).isTrue();
  }

  @Test
  void neverHoldsMoreThanItsBurstAfterALongIdle() {
    limiter.tryAcquire(0, 5);
    long later = 60_000 * MS;
    assertThat(limiter.tryAcquire(later, 5)).isTrue();
    assertThat(limiter.tryAcquire(later, 1)).isFalse();
  }

  @Test
  void weightedAcquisitionsTakeSeveralTokens() {
    assertThat(limiter.tryAcquire(0, 3)).isTrue();
    assertThat(limiter.tryAcquire(0, 3)).isFalse();
    assertThat(limiter.tryAcquire(0, 2)).isTrue();
  }

  @Test
  void reservationsQueueBehindEachOtherInOrder() {
    limiter.tryAcquire(0, 5);
    assertThat(limiter.reserve(0, 1)).isEqualTo(100 * MS);
    assertThat(limiter.reserve(0, 1)).isEqualTo(200 * MS);
    assertThat(limiter.nanosUntilAvailable(0, 1)).isEqualTo(300 * MS);
    // The first waiter's token arrives at 100 ms and is already spoken for.
    assertThat(limiter.tryAcquire(100 * MS, 1)).isFalse();
  }

  @Test
  void rejectsImpossibleSettingsAndRequests() {
    assertThatThrownBy(() -> new RateLimiter(0, Duration.ofSeconds(1), 1, PolicyEvents.NONE))
        .hasMessage("permitsPerPeriod must be at least 1, but was 0");
    assertThatThrownBy(() -> new RateLimiter(1, Duration.ZERO, 1, PolicyEvents.NONE)).hasMessageContaining("period must be above 0");
    assertThatThrownBy(() -> new RateLimiter(1, Duration.ofSeconds(1), 0, PolicyEvents.NONE)).hasMessage("burst must be at least 1, but was 0");
    assertThatThrownBy(() -> limiter.tryAcquire(0, 6)).hasMessage("permits must be in [1, 5], but was 6");
  }
}
