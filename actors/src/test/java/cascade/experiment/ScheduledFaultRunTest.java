package cascade.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import cascade.load.ConstantRate;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
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
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A whole run with a fault schedule, in real time: the fault shows in the outcomes and the run says it recovered. */
class ScheduledFaultRunTest {

  @RegisterExtension static final ActorTestKitExtension akka = ActorTestKitExtension.withRealTime();

  /** 10 ms per attempt, never fails by itself, never overloaded at 200 per second. */
  private static final FailureModel STEADY = new FailureModel(1000, 10, 0, 0, 0, 0, 0);

  @Test
  void everyAttemptFailsWhileTheErrorRateIsRaisedAndGoodputComesBackAfter() {
    // From 600 ms to 900 ms every attempt fails; no retries, so each one fails its request.
    FaultSchedule errors =
        new FaultSchedule(
            List.of(new FaultSchedule.Entry("errors", "service", FaultSchedule.Kind.ERROR_RATE, Duration.ofMillis(600), Duration.ofMillis(300), 1.0, 1)));
    ServicePlan service = new ServicePlan(STEADY, LoadShedding.NONE, Faults.NONE, Supervision.RESTART, 1, Routing.ROUND_ROBIN, 0, errors);
    Retry none = new Retry(0, Backoff.seedDefaults(), Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));
    CallerSettings caller = new CallerSettings(Duration.ofMillis(120), null, none, null, true, List.of(), null);
    ExperimentPlan plan = new ExperimentPlan("RPC", new ExperimentPlan.Rpc(caller), new ConstantRate(400, 200), service, 7);

    TestProbe<ArchitectureResult> probe = akka.kit().createTestProbe();
    akka.kit().spawn(Experiment.create(plan, probe.getRef()));
    ArchitectureResult result = probe.receiveMessage(Duration.ofSeconds(30));

    assertThat(result.lost()).isZero();
    // 300 ms at 200 per second: about 60 requests meet the fault (the load starts a little after
    // the run, so a few more or less).
    assertThat(result.outcomes().get(Outcome.FAILED)).isBetween(50L, 70L);
    assertThat(result.recovery()).isNotNull();
    assertThat(result.recovery().goodputBeforePerSecond()).isBetween(180.0, 220.0);
    assertThat(result.recovery().recovered()).isTrue();
    assertThat(result.recovery().recoveredAfterMs()).isLessThanOrEqualTo(200.0);
  }
}
