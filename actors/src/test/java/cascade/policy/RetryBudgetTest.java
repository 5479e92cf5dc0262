package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

  private static final long MS = 1_000_000L;

  private final List<PolicyEvent> events = new ArrayList<>();

  @Test
  void allowsTheMinimumPerSecondWithoutAnyTraffic() {
    RetryBudget budget = new RetryBudget(0.2, 5, Duration.ofSeconds(2), events::add);
    for (int i = 0; i < 10; i++) {
      assertThat(budget.tryAcquireRetry(0)).isTrue();
    }
    assertThat(budget.tryAcquireRetry(0)).isFalse();
  }

  @Test
  void allowsTheRatioOfRecentRequestsAndRefusesBeyond() {
    RetryBudget budget = new RetryBudget(0.2, 0, Duration.ofSeconds(10), events::add);
    for (int i = 0; i < 100; i++) {
      budget.onRequest(i * MS);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(budget.tryAcquireRetry(100 * MS)).isTrue();
    }
    assertThat(budget.tryAcquireRetry(100 * MS)).isFalse();
    assertThat(budget.refused()).isEqualTo(1);
    assertThat(events).containsExactly(new PolicyEvent("retry-budget", "exhausted", 100 * MS));
  }

  @Test
  void recoversAsTheWindowSlides() {
    RetryBudget budget = new RetryBudget(0.5, 0, Duration.ofSeconds(1), PolicyEvents.NONE);
    budget.onRequest(0);
    budget.onRequest(0);
    assertThat(budget.tryAcquireRetry(0)).isTrue();
    assertThat(budget.tryAcquireRetry(0)).isFalse();
    // A second later the old request and retry have left the window; new requests fund new retries.
    budget.onRequest(1_100 * MS);
    budget.onRequest(1_100 * MS);
    assertThat(budget.tryAcquireRetry(1_100 * MS)).isTrue();
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> new RetryBudget(1.5, 1, Duration.ofSeconds(1), PolicyEvents.NONE)).hasMessage("ratio must be in [0, 1], but was 1.5");
    assertThatThrownBy(() -> new RetryBudget(0.2, -1, Duration.ofSeconds(1), PolicyEvents.NONE)).hasMessage("minPerSecond must be at least 0, but was -1.0");
    assertThatThrownBy(() -> new RetryBudget(0.2, 1, Duration.ZERO, PolicyEvents.NONE)).hasMessageContaining("window must be above 0");
  }
}
