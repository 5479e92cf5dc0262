package cascade.callpath;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.metrics.Reasons;
import cascade.policy.SlidingWindowBreaker;
import cascade.policy.CallOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which attempts a breaker is asked about, and that an open one refuses only those. */
class BreakerConsultedTest {

  @Test
  void eachModeAsksAboutItsOwnAttempts() {
    assertThat(BreakerConsulted.PER_ATTEMPT.asks(1)).isTrue();
    assertThat(BreakerConsulted.PER_ATTEMPT.asks(2)).isTrue();
    assertThat(BreakerConsulted.PER_REQUEST.asks(1)).isTrue();
    assertThat(BreakerConsulted.PER_REQUEST.asks(4)).isFalse();
    assertThat(BreakerConsulted.RETRIES_ONLY.asks(1)).isFalse();
    assertThat(BreakerConsulted.RETRIES_ONLY.asks(2)).isTrue();
    assertThat(BreakerConsulted.RETRIES_ONLY.asks(4)).isTrue();
  }

  @Test
  void anOpenRetriesOnlyBreakerPassesFirstTriesAndRefusesRetriesUntilItCloses() {
    BreakerGate gate = new BreakerGate(new SlidingWindowBreaker(2, 2, Duration.ofMillis(100)), BreakerConsulted.RETRIES_ONLY);
    // First tries go through unasked, and their failures still reach the breaker: two open it.
    for (int i = 0; i < 2; i++) {
      assertThat(gate.admit(0, 1, true)).isEqualTo(Gate.Admission.PASS);
      gate.onAttemptEnded(0, CallOutcome.ERROR, 1_000_000);
    }
    assertThat(gate.admit(1, 2, true)).isEqualTo(Gate.Admission.reject(Reasons.BREAKER_OPEN));
    assertThat(gate.admit(1, 1, true)).isEqualTo(Gate.Admission.PASS);
    // Its open period over, retries go again.
    assertThat(gate.admit(100_000_001, 2, true)).isEqualTo(Gate.Admission.PASS);
  }
}
