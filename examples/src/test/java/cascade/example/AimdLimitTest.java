package cascade.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.callpath.Gate;
import cascade.extension.ExtensionSettings;
import cascade.policy.CallOutcome;
import cascade.policy.PolicyEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AimdLimitTest {

  @Test
  void successesWhileTheLimitIsInUseRaiseItByOneAndAFailureHalvesIt() {
    AimdLimit limit = new AimdLimit(4, 1, 10, 0.5);
    for (int i = 0; i < 4; i++) {
      assertThat(limit.tryAcquire()).isTrue();
    }
    assertThat(limit.tryAcquire()).as("a fifth attempt over a limit of 4").isFalse();

    limit.release(true);
    assertThat(limit.limit()).isEqualTo(5);
    limit.release(false);
    assertThat(limit.limit()).isEqualTo(2);
    assertThat(limit.inFlight()).isEqualTo(2);
  }

  @Test
  void anIdleLimitDoesNotGrowAndNeverLeavesItsBounds() {
    AimdLimit limit = new AimdLimit(10, 2, 11, 0.5);
    // One attempt at a time never uses half of a limit of 10: no reason to raise it.
    for (int i = 0; i < 5; i++) {
      limit.tryAcquire();
      limit.release(true);
    }
    assertThat(limit.limit()).isEqualTo(10);
    for (int i = 0; i < 5; i++) {
      limit.tryAcquire();
      limit.release(false);
    }
    assertThat(limit.limit()).isEqualTo(2);
  }

  @Test
  void asAGateItRejectsOverTheLimitReportsItAndLearnsFromEndedAttempts() {
    List<PolicyEvent> events = new ArrayList<>();
    Gate gate =
        new AimdLimitPolicy()
            .gate(new ExtensionSettings(Map.of("initial-limit", "2", "min-limit", "1", "max-limit", "5")), events::add, new SplittableRandom(1));
    assertThat(gate.admit(0, 1, true).verdict()).isEqualTo(Gate.Verdict.PASS);
    assertThat(gate.admit(0, 1, true).verdict()).isEqualTo(Gate.Verdict.PASS);
    Gate.Admission third = gate.admit(0, 1, true);
    assertThat(third.verdict()).isEqualTo(Gate.Verdict.REJECT);
    assertThat(third.reason()).isEqualTo("aimd-limit");
    assertThat(events).extracting(PolicyEvent::kind).containsExactly("rejected");

    gate.onAttemptEnded(1, CallOutcome.TIMEOUT, 0);
    gate.withdraw(1);
    // Limit 1 after the timeout, nothing in flight: one more passes, then no more.
    assertThat(gate.admit(2, 1, true).verdict()).isEqualTo(Gate.Verdict.PASS);
    assertThat(gate.admit(2, 1, true).verdict()).isEqualTo(Gate.Verdict.REJECT);
  }

  @Test
  void badSettingsNameTheirKey() {
    AimdLimitPolicy policy = new AimdLimitPolicy();
    assertThatThrownBy(() -> policy.check(new ExtensionSettings(Map.of("backoff", "2"))))
        .isInstanceOfSatisfying(ExtensionSettings.Problem.class, p -> assertThat(p.key()).isEqualTo("backoff"))
        .hasMessage("must be between 0.01 and 0.99, but was 2");
    assertThatThrownBy(() -> policy.check(new ExtensionSettings(Map.of("min-limit", "5", "max-limit", "3"))))
        .isInstanceOfSatisfying(ExtensionSettings.Problem.class, p -> assertThat(p.key()).isEqualTo("max-limit"));
  }
}
