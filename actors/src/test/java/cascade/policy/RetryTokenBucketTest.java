package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryTokenBucketTest {

  private final List<PolicyEvent> events = new ArrayList<>();

  @Test
  void startsFullAndRefusesOnceItsTokensAreSpent() {
    RetryTokenBucket bucket = new RetryTokenBucket(3, 0.1, events::add);
    assertThat(bucket.tryAcquireRetry(0)).isTrue();
    assertThat(bucket.tryAcquireRetry(0)).isTrue();
    assertThat(bucket.tryAcquireRetry(0)).isTrue();
    assertThat(bucket.tryAcquireRetry(5_000_000)).isFalse();
    assertThat(bucket.refused()).isEqualTo(1);
    assertThat(events).containsExactly(new PolicyEvent("retry-token-bucket", "empty", 5_000_000));
  }

  @Test
  void tenSuccessesAtATenthFundExactlyOneRetry() {
    RetryTokenBucket bucket = new RetryTokenBucket(1, 0.1, events::add);
    assertThat(bucket.tryAcquireRetry(0)).isTrue();
    for (int i = 0; i < 9; i++) {
      bucket.onSuccess();
    }
    assertThat(bucket.tryAcquireRetry(0)).as("nine tenths are not a whole token").isFalse();
    bucket.onSuccess();
    assertThat(bucket.tokens()).isEqualTo(1.0);
    assertThat(bucket.tryAcquireRetry(0)).isTrue();
    assertThat(bucket.tryAcquireRetry(0)).isFalse();
  }

  @Test
  void successesNeverFillItBeyondItsCapacity() {
    RetryTokenBucket bucket = new RetryTokenBucket(2, 0.5, PolicyEvents.NONE);
    for (int i = 0; i < 100; i++) {
      bucket.onSuccess();
    }
    assertThat(bucket.tokens()).isEqualTo(2.0);
    assertThat(bucket.tryAcquireRetry(0)).isTrue();
    assertThat(bucket.tryAcquireRetry(0)).isTrue();
    assertThat(bucket.tryAcquireRetry(0)).isFalse();
  }

  @Test
  void whenNothingSucceedsOnlyTheFirstCapacityOfRetriesIsMade() {
    // Every call fails: 1000 requests each want 3 retries; only the bucket's 100 starting tokens pay.
    RetryTokenBucket bucket = new RetryTokenBucket(100, 0.1, PolicyEvents.NONE);
    int retries = 0;
    for (int request = 0; request < 1000; request++) {
      for (int retry = 0; retry < 3 && bucket.tryAcquireRetry(request); retry++) {
        retries++;
      }
    }
    assertThat(retries).isEqualTo(100);
  }

  @Test
  void refusesImpossibleSettingsWithTheValue() {
    assertThatThrownBy(() -> new RetryTokenBucket(0.5, 0.1, PolicyEvents.NONE))
        .hasMessage("capacity must be between 1 and 1e9 tokens, but was 0.5");
    assertThatThrownBy(() -> new RetryTokenBucket(10, 0, PolicyEvents.NONE))
        .hasMessage("depositPerSuccess must be in (0, 1], but was 0.0");
    assertThatThrownBy(() -> new RetryTokenBucket(10, 1.5, PolicyEvents.NONE))
        .hasMessage("depositPerSuccess must be in (0, 1], but was 1.5");
  }
}
