package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.policy.CircuitBreakerConfig.WindowType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CircuitBreakerConfigTest {

  @Test
  void defaultsAreTheDocumentedConstants() {
    CircuitBreakerConfig config = CircuitBreakerConfig.defaults();
    assertThat(config.name()).isEqualTo("breaker");
    assertThat(config.windowType()).isEqualTo(WindowType.COUNT_BASED);
    assertThat(config.windowSize()).isEqualTo(100);
    assertThat(config.minimumNumberOfCalls()).isEqualTo(100);
    assertThat(config.failureRateThreshold()).isEqualTo(50);
    assertThat(config.consecutiveFailuresThreshold()).isZero();
    assertThat(config.slowCallRateThreshold()).isEqualTo(100);
    assertThat(config.slowCallDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.recordAsFailure()).containsExactlyInAnyOrder(CallOutcome.ERROR, CallOutcome.TIMEOUT);
    assertThat(config.waitInOpen()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.openBackoffMultiplier()).isEqualTo(1);
    assertThat(config.maxWaitInOpen()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.permittedCallsInHalfOpen()).isEqualTo(10);
    assertThat(config.successesToClose()).isEqualTo(10);
  }

  @Test
  void maxWaitInOpenAndSuccessesToCloseFollowTheSettingsTheyDefaultTo() {
    CircuitBreakerConfig config = CircuitBreakerConfig.builder()
        .waitInOpen(Duration.ofSeconds(5))
        .permittedCallsInHalfOpen(4)
        .build();
    assertThat(config.maxWaitInOpen()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.successesToClose()).isEqualTo(4);
  }

  @Test
  void aCountBasedMinimumIsCappedAtTheWindowButATimeBasedOneIsNot() {
    CircuitBreakerConfig.Builder builder =
        CircuitBreakerConfig.builder().windowSize(20).minimumNumberOfCalls(50);
    assertThat(builder.build().minimumNumberOfCalls()).isEqualTo(20);
    assertThat(builder.windowType(WindowType.TIME_BASED).build().minimumNumberOfCalls()).isEqualTo(50);
  }

  @Test
  void recordAsFailureIsCopied() {
    Set<CallOutcome> outcomes = EnumSet.of(CallOutcome.ERROR);
    CircuitBreakerConfig config = CircuitBreakerConfig.builder().recordAsFailure(outcomes).build();
    outcomes.add(CallOutcome.REJECTION);
    assertThat(config.recordAsFailure()).containsExactly(CallOutcome.ERROR);
  }

  @Test
  void theSeedPresetMirrorsTheSeedBreaker() {
    CircuitBreakerConfig config = CircuitBreakerConfig.seedFlavour(20, 8, Duration.ofMillis(500));
    assertThat(config.windowType()).isEqualTo(WindowType.COUNT_BASED);
    assertThat(config.windowSize()).isEqualTo(20);
    assertThat(config.minimumNumberOfCalls()).isEqualTo(20);
    assertThat(config.failureRateThreshold()).isEqualTo(40);
    assertThat(config.waitInOpen()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.maxWaitInOpen()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.permittedCallsInHalfOpen()).isEqualTo(20);
    assertThat(config.successesToClose()).isEqualTo(1);
  }

  @Test
  void theSeedPresetRejectsMoreFailuresThanItsWindow() {
    assertThatThrownBy(() -> CircuitBreakerConfig.seedFlavour(5, 6, Duration.ofMillis(1)))
        .hasMessage("failures must be in [1, 5], but was 6");
  }

  @Test
  void rejectsAFailureRateThresholdOfZero() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureRateThreshold(0).build())
        .hasMessage("failureRateThreshold must be in (0, 100], but was 0");
  }

  @Test
  void rejectsAFailureRateThresholdAbove100() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureRateThreshold(120).build())
        .hasMessage("failureRateThreshold must be in (0, 100], but was 120");
  }

  @Test
  void rejectsAFractionalSlowCallRateThresholdAbove100AsWritten() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().slowCallRateThreshold(100.5).build())
        .hasMessage("slowCallRateThreshold must be in (0, 100], but was 100.5");
  }

  @Test
  void rejectsMoreSuccessesToCloseThanPermittedTrials() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder()
            .permittedCallsInHalfOpen(3).successesToClose(4).build())
        .hasMessage("successesToClose must be in [1, 3], but was 4");
  }

  @Test
  void rejectsAMaxWaitInOpenBelowWaitInOpen() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder()
            .waitInOpen(Duration.ofSeconds(10)).maxWaitInOpen(Duration.ofSeconds(5)).build())
        .hasMessage("maxWaitInOpen must be at least waitInOpen (PT10S), but was PT5S");
  }

  @Test
  void rejectsANegativeWaitInOpen() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().waitInOpen(Duration.ofSeconds(-1)).build())
        .hasMessage("waitInOpen must be above 0, but was PT-1S");
  }

  @Test
  void rejectsAZeroSlowCallDuration() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().slowCallDuration(Duration.ZERO).build())
        .hasMessage("slowCallDuration must be above 0, but was PT0S");
  }

  @Test
  void rejectsADurationTooLongForNanoseconds() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().waitInOpen(Duration.ofDays(300 * 365)).build())
        .hasMessageStartingWith("waitInOpen must be at most");
  }

  @Test
  void rejectsAnEmptyWindow() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().windowSize(0).build())
        .hasMessage("windowSize must be at least 1, but was 0");
  }

  @Test
  void rejectsAShrinkingBackoffMultiplier() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().openBackoffMultiplier(0.5).build())
        .hasMessage("openBackoffMultiplier must be at least 1 and finite, but was 0.5");
  }

  @Test
  void rejectsSuccessAsAFailure() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder()
            .recordAsFailure(Set.of(CallOutcome.SUCCESS, CallOutcome.ERROR)).build())
        .hasMessage("recordAsFailure must not contain SUCCESS");
  }

  @Test
  void rejectsNoPermittedTrials() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().permittedCallsInHalfOpen(0).build())
        .hasMessage("permittedCallsInHalfOpen must be at least 1, but was 0");
  }
}
