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
    assertThat(config.window()).isEqualTo(100);
    assertThat(config.windowDuration()).isEqualTo(Duration.ofSeconds(100));
    assertThat(config.minimumCalls()).isEqualTo(100);
    assertThat(config.failureRateThreshold()).isEqualTo(50);
    assertThat(config.consecutiveFailures()).isZero();
    assertThat(config.slowCallRateThreshold()).isEqualTo(100);
    assertThat(config.slowCallDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.recordAsFailure()).containsExactlyInAnyOrder(CallOutcome.ERROR, CallOutcome.TIMEOUT);
    assertThat(config.openFor()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.openGrowth()).isEqualTo(1);
    assertThat(config.maxOpenFor()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.halfOpenCalls()).isEqualTo(10);
    assertThat(config.successesToClose()).isEqualTo(10);
  }

  @Test
  void maxOpenForAndSuccessesToCloseFollowTheSettingsTheyDefaultTo() {
    CircuitBreakerConfig config = CircuitBreakerConfig.builder()
        .openFor(Duration.ofSeconds(5))
        .halfOpenCalls(4)
        .build();
    assertThat(config.maxOpenFor()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.successesToClose()).isEqualTo(4);
  }

  @Test
  void aCountBasedMinimumIsCappedAtTheWindowButATimeBasedOneIsNot() {
    CircuitBreakerConfig.Builder builder =
        CircuitBreakerConfig.builder().window(20).minimumCalls(50);
    assertThat(builder.build().minimumCalls()).isEqualTo(20);
    assertThat(builder.windowType(WindowType.TIME_BASED).build().minimumCalls()).isEqualTo(50);
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
    CircuitBreakerConfig config = CircuitBreakerConfig.tutorialFlavour(20, 8, Duration.ofMillis(500));
    assertThat(config.windowType()).isEqualTo(WindowType.COUNT_BASED);
    assertThat(config.window()).isEqualTo(20);
    assertThat(config.minimumCalls()).isEqualTo(20);
    assertThat(config.failureRateThreshold()).isEqualTo(40);
    assertThat(config.openFor()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.maxOpenFor()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.halfOpenCalls()).isEqualTo(20);
    assertThat(config.successesToClose()).isEqualTo(1);
  }

  @Test
  void theSeedPresetRejectsMoreFailuresThanItsWindow() {
    assertThatThrownBy(() -> CircuitBreakerConfig.tutorialFlavour(5, 6, Duration.ofMillis(1)))
        .hasMessage("failures must be in [1, 5], but was 6");
  }

  @Test
  void rejectsAFailureRateThresholdOfZero() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureRateThreshold(0).build())
        .hasMessage("failureRateThreshold must be above 0 and at most 100, but was 0");
  }

  @Test
  void rejectsAFailureRateThresholdAbove100() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureRateThreshold(120).build())
        .hasMessage("failureRateThreshold must be above 0 and at most 100, but was 120");
  }

  @Test
  void rejectsAFractionalSlowCallRateThresholdAbove100AsWritten() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().slowCallRateThreshold(100.5).build())
        .hasMessage("slowCallRateThreshold must be above 0 and at most 100, but was 100.5");
  }

  @Test
  void rejectsMoreSuccessesToCloseThanPermittedTrials() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder()
            .halfOpenCalls(3).successesToClose(4).build())
        .hasMessage("successesToClose must be between 1 and 3, but was 4");
  }

  @Test
  void rejectsAMaxOpenForBelowOpenFor() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder()
            .openFor(Duration.ofSeconds(10)).maxOpenFor(Duration.ofSeconds(5)).build())
        .hasMessage("maxOpenFor must be at least openFor (10000ms), but was 5000ms");
  }

  @Test
  void rejectsANegativeOpenFor() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().openFor(Duration.ofSeconds(-1)).build())
        .hasMessage("openFor must be above 0, but was PT-1S");
  }

  @Test
  void rejectsAZeroSlowCallDuration() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().slowCallDuration(Duration.ZERO).build())
        .hasMessage("slowCallDuration must be above 0, but was PT0S");
  }

  @Test
  void rejectsADurationTooLongForNanoseconds() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().openFor(Duration.ofDays(300 * 365)).build())
        .hasMessageStartingWith("openFor must be at most");
  }

  @Test
  void rejectsAnEmptyWindow() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().window(0).build())
        .hasMessage("window must be at least 1, but was 0");
  }

  @Test
  void rejectsATimeWindowOfPartSeconds() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().windowDuration(Duration.ofMillis(1500)).build())
        .hasMessage("windowDuration must be whole seconds, like 10s, but was 1500ms");
  }

  @Test
  void rejectsAShrinkingBackoffMultiplier() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().openGrowth(0.5).build())
        .hasMessage("openGrowth must be at least 1 and finite, but was 0.5");
  }

  @Test
  void rejectsSuccessAsAFailure() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder()
            .recordAsFailure(Set.of(CallOutcome.SUCCESS, CallOutcome.ERROR)).build())
        .hasMessage("recordAsFailure must not contain SUCCESS");
  }

  @Test
  void rejectsNoPermittedTrials() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().halfOpenCalls(0).build())
        .hasMessage("halfOpenCalls must be at least 1, but was 0");
  }
}
