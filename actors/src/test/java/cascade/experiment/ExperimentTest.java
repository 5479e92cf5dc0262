package cascade.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import cascade.bus.ConsumerSettings;
import cascade.load.ArrivalSchedule;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.model.FailureModel;
import cascade.rpc.CallerSettings;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Small full runs of both architectures, in real time, with the seed's model and settings. */
class ExperimentTest {

  @RegisterExtension static final ActorTestKitExtension akka = ActorTestKitExtension.withRealTime();

  private static final ArrivalSchedule LOAD = ArrivalSchedule.bursts(400, 100, Duration.ofMillis(20));

  @Test
  void theRpcPathGivesEveryRequestExactlyOneOutcome() {
    ArchitectureResult result = run(new ExperimentPlan.Rpc(CallerSettings.seedDefaults()));

    assertEveryRequestAccountedFor(result);
    assertThat(result.kind()).isEqualTo("rpc");
    assertThat(result.attempts()).isGreaterThanOrEqualTo(result.requests() - result.outcomes().get(Outcome.REJECTED));
    assertThat(result.dlq()).isZero();
  }

  @Test
  void theEventPathGivesEveryRequestExactlyOneOutcome() {
    ArchitectureResult result = run(new ExperimentPlan.EventDriven(5000, 16, ConsumerSettings.seedDefaults(), 100));

    assertEveryRequestAccountedFor(result);
    assertThat(result.kind()).isEqualTo("event-driven");
    // Sixteen consumers never overload a 250 rps service (L = 16 / 25), so retries rescue nearly all.
    assertThat(result.outcomes().get(Outcome.SUCCEEDED)).isGreaterThanOrEqualTo(398);
    assertThat(result.cbOpen()).isZero();
  }

  private static ArchitectureResult run(ExperimentPlan.Architecture architecture) {
    TestProbe<ArchitectureResult> probe = akka.kit().createTestProbe();
    akka.kit().spawn(Experiment.create(new ExperimentPlan(architecture, LOAD, FailureModel.seedDefaults(), 7), probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(60));
  }

  private static void assertEveryRequestAccountedFor(ArchitectureResult result) {
    assertThat(result.requests()).isEqualTo(400);
    assertThat(result.lost()).isZero();
    assertThat(result.outcomes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
    assertThat(result.ok()).isEqualTo(result.outcomes().get(Outcome.SUCCEEDED));
    assertThat(result.e2eP50Ms()).isNotNull();
  }
}
