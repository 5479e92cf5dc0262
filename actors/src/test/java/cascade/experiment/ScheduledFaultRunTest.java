package cascade.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.load.ConstantRate;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.model.FailureModel;
import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.policy.Retry;
import cascade.rpc.CallerSettings;
import cascade.service.FaultSchedule;
import cascade.service.Faults;
import cascade.service.LoadShedding;
import cascade.service.Routing;
import cascade.service.ServicePlan;
import cascade.service.Supervision;
import cascade.virtualtime.VirtualExperiment;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A whole run with a fault schedule, in virtual time: the fault shows in the outcomes and the run says it recovered. */
class ScheduledFaultRunTest {

  /** 10 ms per attempt, never fails by itself, never overloaded at 200 per second. */
  private static final FailureModel STEADY = new FailureModel(1000, Duration.ofMillis(10), Duration.ZERO, 0, Duration.ZERO, 0, 0);

  @Test
  void everyAttemptFailsWhileTheErrorRateIsRaisedAndGoodputComesBackAfter() {
    // From 1 s to 1.3 s every attempt fails; no retries, so each one fails its request.
    FaultSchedule errors =
        new FaultSchedule(
            List.of(new FaultSchedule.Entry("errors", "service", FaultSchedule.Kind.ERROR_RATE, Duration.ofSeconds(1), Duration.ofMillis(300), 1.0, 1)));
    ServicePlan service = ServicePlan.of(STEADY).withSchedule(errors);
    Retry none = new Retry(0, Backoff.tutorialDefaults(), Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));
    CallerSettings caller = new CallerSettings(Duration.ofSeconds(2), null, none, null, true, List.of(), null);
    ExperimentPlan plan = new ExperimentPlan("RPC", new ExperimentPlan.Rpc(caller), new ConstantRate(400, 200), service, 7);

    ArchitectureResult result = VirtualExperiment.run(plan);

    assertThat(result.outcomes().lost()).isZero();
    // 300 ms at 200 per second, in virtual time: exactly the 60 requests sent while the fault is on.
    assertThat(result.outcomes().reasons().get(Reasons.LAST_ATTEMPT_FAILED)).isEqualTo(60L);
    assertThat(result.outcomes().counts().get(Outcome.FAILED)).isEqualTo(60L);
    assertThat(result.recovery()).isNotNull();
    assertThat(result.recovery().goodputBeforePerSecond()).isEqualTo(200.0);
    // Goodput is back at once: the first request after the fault succeeds.
    assertThat(result.recovery().recovered()).isTrue();
    assertThat(result.recovery().recoveredAfterMs()).isZero();
  }
}
