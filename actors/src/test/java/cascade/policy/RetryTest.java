package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryTest {

  private final Retry retry = new Retry(2, Backoff.tutorialDefaults(), Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));

  @Test
  void retriesConfiguredOutcomesUntilTheRetriesAreUsedUp() {
    assertThat(retry.allows(CallOutcome.ERROR, 0)).isTrue();
    assertThat(retry.allows(CallOutcome.TIMEOUT, 1)).isTrue();
    assertThat(retry.allows(CallOutcome.TIMEOUT, 2)).isFalse();
  }

  @Test
  void neverRetriesAnOutcomeOutsideItsFilter() {
    assertThat(retry.allows(CallOutcome.REJECTION, 0)).isFalse();
    assertThat(new Retry(2, Backoff.tutorialDefaults(), Set.of(CallOutcome.REJECTION)).allows(CallOutcome.REJECTION, 0)).isTrue();
  }

  @Test
  void successIsNeverRetried() {
    assertThatThrownBy(() -> new Retry(1, Backoff.tutorialDefaults(), Set.of(CallOutcome.SUCCESS))).hasMessage("retryOn cannot contain success");
    assertThatThrownBy(() -> new Retry(-1, Backoff.tutorialDefaults(), Set.of())).hasMessage("maxRetries must be at least 0, but was -1");
  }
}
