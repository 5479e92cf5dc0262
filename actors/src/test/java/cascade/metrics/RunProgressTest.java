package cascade.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.policy.CircuitBreaker;
import cascade.policy.PolicyEvent;
import cascade.runtime.Clock;
import org.junit.jupiter.api.Test;

class RunProgressTest {

  @Test
  void aSnapshotHoldsTheOutcomesSoFarAndTheBreakersStateAndStaysAsItWasWhenCountingGoesOn() {
    RunMetrics metrics = new RunMetrics();
    metrics.requestEnded(Outcome.SUCCEEDED, null, 1_000_000);
    metrics.requestEnded(Outcome.SUCCEEDED, null, 1_000_000);
    metrics.requestEnded(Outcome.REJECTED, Reasons.BREAKER_OPEN, 0);
    metrics.policyActed(PolicyEvent.transition("breaker", CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN, Clock.nanos()));

    RunProgress progress = RunProgress.of(metrics, 1_500_000_000L, false);
    metrics.requestEnded(Outcome.DEAD_LETTERED, null, 1_000_000);

    assertThat(progress.ended()).isEqualTo(3);
    assertThat(progress.outcome(Outcome.SUCCEEDED)).isEqualTo(2);
    assertThat(progress.outcome(Outcome.REJECTED)).isEqualTo(1);
    assertThat(progress.outcome(Outcome.DEAD_LETTERED)).isZero();
    assertThat(progress.runNanos()).isEqualTo(1_500_000_000L);
    assertThat(progress.breaker()).isEqualTo("half-open");
    assertThat(progress.finished()).isFalse();
  }

  @Test
  void withoutABreakerTransitionTheStateIsADash() {
    assertThat(RunProgress.of(new RunMetrics(), 0, true).breaker()).isEqualTo("-");
    assertThat(RunProgress.STARTED.breaker()).isEqualTo("-");
  }
}
