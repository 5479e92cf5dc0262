package cascade.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.bus.ConsumerSettings;
import cascade.callpath.PolicySettings;
import cascade.load.ArrivalSchedule;
import cascade.load.ClosedLoop;
import cascade.load.RequestClasses;
import cascade.metrics.TimeSeries;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.model.FailureModel;
import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.policy.Retry;
import cascade.rpc.CallerSettings;
import cascade.service.DownstreamService;
import cascade.service.FaultSchedule;
import cascade.service.Faults;
import cascade.service.LoadShedding;
import cascade.service.Routing;
import cascade.service.ServicePlan;
import cascade.service.Supervision;
import java.util.List;
import java.util.Set;
import cascade.virtualtime.VirtualExperiment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Small full runs of both architectures, in virtual time, with the tutorial's model and settings. */
class ExperimentTest {

  private static final ArrivalSchedule LOAD = ArrivalSchedule.bursts(400, 100, Duration.ofMillis(20));

  @Test
  void theRpcPathGivesEveryRequestExactlyOneOutcome() {
    ArchitectureResult result = run(new ExperimentPlan.Rpc(CallerSettings.tutorialDefaults()));

    assertEveryRequestAccountedFor(result);
    assertThat(result.kind()).isEqualTo("rpc");
    assertThat(result.attempts().total()).isGreaterThanOrEqualTo(result.outcomes().requests() - result.outcomes().counts().get(Outcome.REJECTED));
    assertThat(result.outcomes().count(Outcome.DEAD_LETTERED)).isZero();
  }

  @Test
  void theEventPathGivesEveryRequestExactlyOneOutcome() {
    ArchitectureResult result = run(new ExperimentPlan.EventDriven(5000, 16, ConsumerSettings.tutorialDefaults(), 100));

    assertEveryRequestAccountedFor(result);
    assertThat(result.kind()).isEqualTo("event-driven");
    // Sixteen consumers never overload a 250 rps service (L = 16 / 25), so retries rescue nearly all.
    assertThat(result.outcomes().counts().get(Outcome.SUCCEEDED)).isGreaterThanOrEqualTo(398);
    assertThat(result.outcomes().reason(Reasons.BREAKER_OPEN)).isZero();
  }

  @Test
  void crashingReplicasUnderRestartLoseNoRequestAndReportTheirRestarts() {
    ArchitectureResult result = run(new ExperimentPlan.Rpc(noRetriesNoBreaker()), crashingService(Supervision.Strategy.RESTART));

    assertEveryRequestAccountedFor(result);
    assertThat(result.health().crashes()).isPositive();
    assertThat(result.health().restarts()).isEqualTo(result.health().crashes());
    assertThat(result.health().lostWithInstances()).isGreaterThanOrEqualTo(result.health().crashes());
    // Without retries, a request whose attempt died with its instance fails, and says why.
    assertThat(result.outcomes().reasons()).containsKey(DownstreamService.INSTANCE_CRASHED);
  }

  @Test
  void aClosedLoopSendsTheTotalCountsWhatItSentAndReportsEachClass() {
    ClosedLoop users = new ClosedLoop(300, 10, Duration.ofMillis(2), ClosedLoop.Think.EXPONENTIAL, 7);
    RequestClasses classes =
        new RequestClasses(List.of(new RequestClasses.RequestClass("checkout", 1, 1), new RequestClasses.RequestClass("browse", 3, 0)), 7);
    ExperimentPlan plan = new ExperimentPlan("RPC", new ExperimentPlan.Rpc(CallerSettings.tutorialDefaults()), users, ServicePlan.of(FailureModel.tutorialDefaults()), 7, classes);
    ArchitectureResult result = VirtualExperiment.run(plan);

    assertThat(result.outcomes().requests()).isEqualTo(300);
    assertThat(result.outcomes().lost()).isZero();
    // Offered is what the users really sent, interval by interval.
    assertThat(result.timeSeries().stream().mapToLong(TimeSeries.Row::offered).sum()).isEqualTo(300);
    // Ten users never have more than ten requests out: the service is never overloaded (L <= 0.4).
    assertThat(result.timeSeries()).allSatisfy(row -> assertThat(row.inFlight()).isBetween(0L, 10L));
    assertThat(result.classes()).extracting(ArchitectureResult.ClassResult::name).containsExactly("checkout", "browse");
    assertThat(result.classes().stream().mapToLong(ArchitectureResult.ClassResult::requests).sum()).isEqualTo(300);
    assertThat(result.classes().get(1).requests()).isBetween(190L, 260L);
  }

  private static CallerSettings noRetriesNoBreaker() {
    Retry none = new Retry(0, Backoff.tutorialDefaults(), Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));
    return new CallerSettings(Duration.ofMillis(120), null, none, null, true, List.of(new PolicySettings.Bulkhead(40, 100_000, null)), null);
  }

  @Test
  void stoppedReplicasTurnAttemptsIntoAkkaDeadLettersAndStillLoseNoRequest() {
    ArchitectureResult result = run(new ExperimentPlan.Rpc(CallerSettings.tutorialDefaults()), crashingService(Supervision.Strategy.STOP));

    assertEveryRequestAccountedFor(result);
    assertThat(result.health().restarts()).isZero();
    assertThat(result.health().akkaDeadLetters().values().stream().mapToLong(Long::longValue).sum()).isPositive();
    assertThat(result.health().unavailableMs()).isPositive();
  }

  /** Three replicas; one request in twenty crashes its instance while faults are on (the first 200 ms). */
  private static ServicePlan crashingService(Supervision.Strategy strategy) {
    Faults faults = new Faults(0.05, 0, Duration.ZERO, 1.0, Duration.ZERO, Duration.ofMillis(200));
    Supervision supervision = new Supervision(strategy, 3, Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMillis(200), 0);
    return ServicePlan.of(FailureModel.tutorialDefaults()).withFaults(faults).withSupervision(supervision).withReplicas(3);
  }

  private static ArchitectureResult run(ExperimentPlan.Architecture architecture) {
    return run(architecture, ServicePlan.of(FailureModel.tutorialDefaults()));
  }

  private static ArchitectureResult run(ExperimentPlan.Architecture architecture, ServicePlan service) {
    return VirtualExperiment.run(new ExperimentPlan(architecture.name(), architecture, LOAD, service, 7));
  }

  private static void assertEveryRequestAccountedFor(ArchitectureResult result) {
    assertThat(result.outcomes().requests()).isEqualTo(400);
    assertThat(result.outcomes().lost()).isZero();
    assertThat(result.outcomes().counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
    assertThat(result.attempts().ok()).isEqualTo(result.outcomes().counts().get(Outcome.SUCCEEDED));
    assertThat(result.latency().e2eP50Ms()).isNotNull();
  }
}
