package cascade.policy;

import static cascade.policy.CallOutcome.ERROR;
import static cascade.policy.CallOutcome.REJECTION;
import static cascade.policy.CallOutcome.SUCCESS;
import static cascade.policy.CallOutcome.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.policy.CircuitBreaker.State;
import cascade.policy.CircuitBreakerConfig.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000 * MS;
  private static final long FAST = MS;

  private final List<PolicyEvent> events = new ArrayList<>();

  /** Ten calls judged at 50% failures, open for a second, three trials of which all must succeed. */
  private static CircuitBreakerConfig.Builder small() {
    return CircuitBreakerConfig.builder()
        .window(10)
        .minimumCalls(10)
        .failureRateThreshold(50)
        .openFor(Duration.ofSeconds(1))
        .halfOpenCalls(3);
  }

  private CircuitBreaker breaker(CircuitBreakerConfig.Builder config) {
    return new CircuitBreaker(config.build(), events::add);
  }

  /** Makes {@code times} permitted calls that all end with {@code outcome} after {@code duration}. */
  private static void calls(
      CircuitBreaker breaker, int times, CallOutcome outcome, long now, long duration) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquirePermission(now)).as("permission for call %d", i).isTrue();
      breaker.onResult(now, outcome, duration);
    }
  }

  private static void calls(CircuitBreaker breaker, int times, CallOutcome outcome, long now) {
    calls(breaker, times, outcome, now, FAST);
  }

  private List<String> kinds() {
    return events.stream().map(PolicyEvent::kind).toList();
  }

  // Closed: when it opens

  @Test
  void staysClosedBelowTheMinimumNumberOfCallsEvenIfEveryCallFails() {
    CircuitBreaker breaker = breaker(small());
    calls(breaker, 9, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    assertThat(breaker.metrics(0).failureRatePercent()).isEqualTo(-1);
    assertThat(events).isEmpty();
  }

  @Test
  void opensWhenTheFailureRateReachesTheThresholdAndNotOneCallBefore() {
    CircuitBreaker breaker = breaker(small());
    calls(breaker, 6, SUCCESS, 0);
    calls(breaker, 4, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED); // 4 of 10: 40%
    calls(breaker, 1, ERROR, 0); // the oldest success slides out: 5 of 10
    assertThat(breaker.state(0)).isEqualTo(State.OPEN);
    assertThat(breaker.timesOpened()).isEqualTo(1);
  }

  @Test
  void opensAfterTheConfiguredRunOfConsecutiveFailuresWhateverTheMinimum() {
    CircuitBreaker breaker = breaker(small().consecutiveFailures(3));
    calls(breaker, 2, ERROR, 0);
    calls(breaker, 1, SUCCESS, 0); // breaks the run
    calls(breaker, 2, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    calls(breaker, 1, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.OPEN);
  }

  @Test
  void opensWhenTheSlowCallRateReachesTheThreshold() {
    CircuitBreaker breaker = breaker(small()
        .slowCallDuration(Duration.ofMillis(100))
        .slowCallRateThreshold(50));
    calls(breaker, 6, SUCCESS, 0, 99 * MS);
    calls(breaker, 4, SUCCESS, 0, 100 * MS); // exactly the slow duration counts as slow
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    calls(breaker, 1, SUCCESS, 0, 100 * MS);
    assertThat(breaker.state(0)).isEqualTo(State.OPEN);
    assertThat(breaker.metrics(0).slowCallRatePercent()).isEqualTo(50);
    assertThat(breaker.metrics(0).failureRatePercent()).isEqualTo(0);
  }

  @Test
  void aRejectionByTheServiceIsNotAFailureByDefault() {
    CircuitBreaker breaker = breaker(small());
    calls(breaker, 10, REJECTION, 0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    assertThat(breaker.metrics(0).bufferedCalls()).isEqualTo(10);
    assertThat(breaker.metrics(0).failedCalls()).isZero();
  }

  @Test
  void aRejectionByTheServiceCountsAsAFailureWhenListed() {
    CircuitBreaker breaker = breaker(small().recordAsFailure(Set.of(ERROR, TIMEOUT, REJECTION)));
    calls(breaker, 10, REJECTION, 0);
    assertThat(breaker.state(0)).isEqualTo(State.OPEN);
  }

  @Test
  void onlyTheListedOutcomesCountAsFailures() {
    CircuitBreaker breaker = breaker(small().recordAsFailure(Set.of(TIMEOUT)));
    calls(breaker, 10, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    calls(breaker, 5, TIMEOUT, 0);
    assertThat(breaker.state(0)).isEqualTo(State.OPEN);
  }

  // Time-based window

  private static CircuitBreakerConfig.Builder tenSeconds() {
    return small().windowType(WindowType.TIME_BASED).windowDuration(Duration.ofSeconds(10));
  }

  @Test
  void aTimeBasedWindowJudgesTheCallsOfItsLastSeconds() {
    CircuitBreaker breaker = breaker(tenSeconds());
    calls(breaker, 5, ERROR, 0);
    calls(breaker, 5, ERROR, 9_999 * MS);
    assertThat(breaker.state(9_999 * MS)).isEqualTo(State.OPEN);
  }

  @Test
  void aTimeBasedWindowForgetsCallsOlderThanTheWindow() {
    CircuitBreaker breaker = breaker(tenSeconds());
    calls(breaker, 5, ERROR, 0);
    calls(breaker, 5, ERROR, 10 * SECOND); // the first five have left the window
    assertThat(breaker.state(10 * SECOND)).isEqualTo(State.CLOSED);
    assertThat(breaker.metrics(10 * SECOND).bufferedCalls()).isEqualTo(5);
    assertThat(breaker.metrics(1_000 * SECOND).bufferedCalls()).isZero();
  }

  @Test
  void aTimeBasedWindowHasNoMinimumCapAndCanHoldMoreCallsThanSeconds() {
    CircuitBreaker breaker = breaker(tenSeconds().minimumCalls(50));
    calls(breaker, 49, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    calls(breaker, 1, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.OPEN);
  }

  @Test
  void aTimeBasedWindowWorksAcrossTheClockWrappingAround() {
    long start = Long.MAX_VALUE - SECOND / 2;
    CircuitBreaker breaker = breaker(tenSeconds());
    calls(breaker, 5, ERROR, start);
    calls(breaker, 4, ERROR, start + 9 * SECOND); // past Long.MAX_VALUE: negative, yet later
    assertThat(breaker.metrics(start + 9 * SECOND).bufferedCalls()).isEqualTo(9);
    assertThat(breaker.metrics(start + 10 * SECOND).bufferedCalls()).isEqualTo(4);
  }

  // Open and half-open

  private CircuitBreaker openedAtZero(CircuitBreakerConfig.Builder config) {
    CircuitBreaker breaker = breaker(config);
    calls(breaker, 10, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.OPEN);
    return breaker;
  }

  @Test
  void anOpenBreakerRefusesUntilOpenForHasPassedThenTurnsHalfOpen() {
    CircuitBreaker breaker = openedAtZero(small());
    assertThat(breaker.tryAcquirePermission(999 * MS)).isFalse();
    assertThat(breaker.state(999 * MS)).isEqualTo(State.OPEN);
    assertThat(breaker.rejectedCalls()).isEqualTo(1);
    assertThat(breaker.state(1_000 * MS)).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void resultsReportedWhileOpenAreIgnored() {
    CircuitBreaker breaker = openedAtZero(small());
    breaker.onResult(500 * MS, ERROR, FAST);
    breaker.onResult(500 * MS, SUCCESS, FAST);
    assertThat(breaker.metrics(500 * MS).bufferedCalls()).isEqualTo(10);
    assertThat(breaker.state(500 * MS)).isEqualTo(State.OPEN);
  }

  @Test
  void halfOpenAllowsExactlyThePermittedTrialsAndRefusesTheNext() {
    CircuitBreaker breaker = openedAtZero(small());
    long later = SECOND;
    for (int i = 0; i < 3; i++) {
      assertThat(breaker.tryAcquirePermission(later)).isTrue();
    }
    assertThat(breaker.tryAcquirePermission(later)).isFalse();
    assertThat(breaker.rejectedCalls()).isEqualTo(1);
  }

  @Test
  void successesToCloseSuccessfulTrialsCloseItWithAnEmptyWindow() {
    CircuitBreaker breaker = openedAtZero(small().successesToClose(2));
    calls(breaker, 1, SUCCESS, SECOND);
    assertThat(breaker.state(SECOND)).isEqualTo(State.HALF_OPEN);
    calls(breaker, 1, SUCCESS, SECOND);
    assertThat(breaker.state(SECOND)).isEqualTo(State.CLOSED);
    assertThat(breaker.metrics(SECOND).bufferedCalls()).isZero();
  }

  @Test
  void aFailedTrialReopensItAtOnce() {
    CircuitBreaker breaker = openedAtZero(small());
    calls(breaker, 1, SUCCESS, SECOND);
    calls(breaker, 1, TIMEOUT, SECOND);
    assertThat(breaker.state(SECOND)).isEqualTo(State.OPEN);
    assertThat(breaker.tryAcquirePermission(SECOND)).isFalse();
    assertThat(breaker.timesOpened()).isEqualTo(2);
  }

  @Test
  void aSlowTrialReopensItEvenIfItSucceeded() {
    CircuitBreaker breaker = openedAtZero(small().slowCallDuration(Duration.ofMillis(100)));
    calls(breaker, 1, SUCCESS, SECOND, 100 * MS);
    assertThat(breaker.state(SECOND)).isEqualTo(State.OPEN);
  }

  @Test
  void theOpenPeriodGrowsByTheMultiplierOnEachReopeningUpToTheMaximum() {
    CircuitBreaker breaker = openedAtZero(small()
        .openGrowth(2)
        .maxOpenFor(Duration.ofSeconds(3)));
    long reopenedAt = SECOND;
    calls(breaker, 1, ERROR, reopenedAt); // open for 2 s now
    assertThat(breaker.state(reopenedAt + 1_999 * MS)).isEqualTo(State.OPEN);
    assertThat(breaker.state(reopenedAt + 2 * SECOND)).isEqualTo(State.HALF_OPEN);

    reopenedAt += 2 * SECOND;
    calls(breaker, 1, ERROR, reopenedAt); // 4 s, capped at 3 s
    assertThat(breaker.state(reopenedAt + 2_999 * MS)).isEqualTo(State.OPEN);
    assertThat(breaker.state(reopenedAt + 3 * SECOND)).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void closingResetsTheOpenPeriodToOpenFor() {
    CircuitBreaker breaker = openedAtZero(small()
        .openGrowth(2)
        .maxOpenFor(Duration.ofSeconds(8))
        .successesToClose(1));
    calls(breaker, 1, ERROR, SECOND); // reopened for 2 s
    calls(breaker, 1, SUCCESS, 3 * SECOND); // closed
    calls(breaker, 10, ERROR, 3 * SECOND); // opened again from closed
    assertThat(breaker.state(3 * SECOND + 999 * MS)).isEqualTo(State.OPEN);
    assertThat(breaker.state(4 * SECOND)).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void releasePermissionGivesBackAHalfOpenTrialSlot() {
    CircuitBreaker breaker = openedAtZero(small());
    for (int i = 0; i < 3; i++) {
      breaker.tryAcquirePermission(SECOND);
    }
    assertThat(breaker.tryAcquirePermission(SECOND)).isFalse();
    breaker.releasePermission();
    assertThat(breaker.tryAcquirePermission(SECOND)).isTrue();
    assertThat(breaker.tryAcquirePermission(SECOND)).isFalse();
  }

  @Test
  void releasePermissionNeverRaisesTheTrialsAboveThePermittedNumber() {
    CircuitBreaker breaker = openedAtZero(small());
    assertThat(breaker.state(SECOND)).isEqualTo(State.HALF_OPEN);
    breaker.releasePermission();
    breaker.releasePermission();
    for (int i = 0; i < 3; i++) {
      assertThat(breaker.tryAcquirePermission(SECOND)).isTrue();
    }
    assertThat(breaker.tryAcquirePermission(SECOND)).isFalse();
  }

  // Manual control

  @Test
  void transitionToClosedEmptiesTheWindowAndResetsTheOpenPeriod() {
    CircuitBreaker breaker = openedAtZero(small()
        .openGrowth(2)
        .maxOpenFor(Duration.ofSeconds(8)));
    calls(breaker, 1, ERROR, SECOND); // reopened for 2 s
    breaker.transitionToClosed(SECOND);
    assertThat(breaker.state(SECOND)).isEqualTo(State.CLOSED);
    assertThat(breaker.metrics(SECOND).bufferedCalls()).isZero();
    calls(breaker, 10, ERROR, SECOND);
    assertThat(breaker.state(2 * SECOND)).isEqualTo(State.HALF_OPEN);
    assertThat(kinds()).containsSubsequence("half_open->open", "open->closed", "closed->open");
  }

  @Test
  void transitionToClosedFromAnEndedOpenPeriodSkipsHalfOpen() {
    CircuitBreaker breaker = openedAtZero(small());
    breaker.transitionToClosed(5 * SECOND);
    assertThat(kinds()).containsExactly("closed->open", "open->closed");
  }

  @Test
  void transitionToClosedWhenAlreadyClosedPublishesNothingButEmptiesTheWindow() {
    CircuitBreaker breaker = breaker(small());
    calls(breaker, 9, ERROR, 0);
    breaker.transitionToClosed(0);
    calls(breaker, 1, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    assertThat(events).isEmpty();
  }

  @Test
  void resetAlsoZeroesTheCounters() {
    CircuitBreaker breaker = openedAtZero(small());
    breaker.tryAcquirePermission(0);
    breaker.reset(0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    assertThat(breaker.timesOpened()).isZero();
    assertThat(breaker.rejectedCalls()).isZero();
  }

  // Events and metrics

  @Test
  void everyTransitionPublishesExactlyOneEventWithItsKindAndTime() {
    CircuitBreaker breaker = openedAtZero(small().name("checkout-breaker").successesToClose(1));
    calls(breaker, 1, ERROR, 1_200 * MS); // noticed half-open at 1.2 s, then reopened
    breaker.state(2_500 * MS);
    calls(breaker, 1, SUCCESS, 2_600 * MS);
    assertThat(events).containsExactly(
        new PolicyEvent("checkout-breaker", "closed->open", 0),
        new PolicyEvent("checkout-breaker", "open->half_open", 1_200 * MS),
        new PolicyEvent("checkout-breaker", "half_open->open", 1_200 * MS),
        new PolicyEvent("checkout-breaker", "open->half_open", 2_500 * MS),
        new PolicyEvent("checkout-breaker", "half_open->closed", 2_600 * MS));
  }

  @Test
  void refusalsAreCountedNotPublished() {
    CircuitBreaker breaker = openedAtZero(small());
    for (int i = 0; i < 5; i++) {
      breaker.tryAcquirePermission(0);
    }
    assertThat(breaker.rejectedCalls()).isEqualTo(5);
    assertThat(kinds()).containsExactly("closed->open");
  }

  @Test
  void metricsReportTheWindowOnceTheMinimumIsReached() {
    CircuitBreaker breaker = breaker(small().slowCallDuration(Duration.ofMillis(100)));
    calls(breaker, 7, SUCCESS, 0);
    calls(breaker, 1, SUCCESS, 0, 200 * MS);
    calls(breaker, 2, TIMEOUT, 0, 200 * MS);
    assertThat(breaker.metrics(0)).isEqualTo(new CircuitBreaker.Metrics(State.CLOSED, 20, 30, 10, 2, 3));
  }

  // The tutorial preset

  @Test
  void theSeedPresetOpensAfterEightFailuresInTwenty() {
    CircuitBreaker breaker = new CircuitBreaker(
        CircuitBreakerConfig.tutorialFlavour(20, 8, Duration.ofMillis(500)), events::add);
    calls(breaker, 12, SUCCESS, 0);
    calls(breaker, 7, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
    calls(breaker, 1, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.OPEN);
    assertThat(breaker.state(499 * MS)).isEqualTo(State.OPEN);
    assertThat(breaker.state(500 * MS)).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void theSeedPresetStaysClosedUntilItsWindowIsFull() {
    CircuitBreaker breaker = new CircuitBreaker(
        CircuitBreakerConfig.tutorialFlavour(20, 8, Duration.ofMillis(500)), events::add);
    calls(breaker, 19, ERROR, 0);
    assertThat(breaker.state(0)).isEqualTo(State.CLOSED);
  }

  @Test
  void theSeedPresetLetsAWindowOfTrialsThroughAndTheFirstSuccessClosesIt() {
    CircuitBreaker breaker = new CircuitBreaker(
        CircuitBreakerConfig.tutorialFlavour(20, 8, Duration.ofMillis(500)), events::add);
    calls(breaker, 20, ERROR, 0);
    long later = 500 * MS;
    for (int i = 0; i < 20; i++) {
      assertThat(breaker.tryAcquirePermission(later)).isTrue();
    }
    assertThat(breaker.tryAcquirePermission(later)).isFalse();
    breaker.onResult(later, SUCCESS, FAST);
    assertThat(breaker.state(later)).isEqualTo(State.CLOSED);
  }
}
