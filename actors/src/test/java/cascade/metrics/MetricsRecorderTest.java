package cascade.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.runtime.Clock;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsRecorderTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  @Test
  void answersOnceEveryRequestHasItsOutcome() {
    ActorRef<MetricsRecorder.Command> recorder = akka.kit().spawn(MetricsRecorder.create(Clock.nanos(), null));
    TestProbe<MetricsRecorder.AllEnded> run = akka.kit().createTestProbe();
    recorder.tell(new MetricsRecorder.WhenAllEnded(3, run.getRef()));

    recorder.tell(new MetricsRecorder.AttemptEnded(AttemptResult.TIMED_OUT, 0));
    recorder.tell(new MetricsRecorder.RetryScheduled(Clock.nanos()));
    recorder.tell(new MetricsRecorder.AttemptEnded(AttemptResult.SUCCEEDED, 12_000_000));
    recorder.tell(new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, 30_000_000));
    recorder.tell(new MetricsRecorder.RequestEnded(Outcome.REJECTED, Reasons.BREAKER_OPEN, 0));
    run.expectNoMessage(Duration.ofMillis(50));
    recorder.tell(new MetricsRecorder.RequestEnded(Outcome.DROPPED, Reasons.BUS_FULL, 1_000_000));

    RunMetrics metrics = run.receiveMessage().metrics();
    ArchitectureResult result = ArchitectureResult.of("RPC", "rpc", 3, 1_000_000_000L, metrics, 0, null, i -> 0, List.of("default"), null);
    assertThat(result.attempts().total()).isEqualTo(2);
    assertThat(result.attempts().ok()).isEqualTo(1);
    assertThat(result.attempts().fail()).isEqualTo(2); // one timed-out attempt plus one breaker rejection, as the tutorial counts
    assertThat(result.attempts().timeouts()).isEqualTo(1);
    assertThat(result.attempts().retries()).isEqualTo(1);
    assertThat(result.outcomes().reason(Reasons.BREAKER_OPEN)).isEqualTo(1);
    assertThat(result.outcomes().count(Outcome.DROPPED)).isEqualTo(1);
    assertThat(result.outcomes().lost()).isZero();
    assertThat(result.attempts().amplification()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(result.latency().latP50Ms()).isCloseTo(12.0, org.assertj.core.api.Assertions.within(0.05));
    assertThat(result.latency().e2eMaxMs()).isCloseTo(30.0, org.assertj.core.api.Assertions.within(0.05));
    assertThat(result.wallMs()).isEqualTo(1000.0);
    akka.kit().stop(recorder);
  }

  @Test
  void saysWhichRequestsAreOpenWhenNoneHasEndedForThePatience() {
    ActorRef<MetricsRecorder.Command> recorder = akka.kit().spawn(MetricsRecorder.create(Clock.nanos(), null));
    TestProbe<MetricsRecorder.AllEnded> run = akka.kit().createTestProbe();
    TestProbe<MetricsRecorder.Stalled> stalls = akka.kit().createTestProbe();
    recorder.tell(new MetricsRecorder.WhenAllEnded(4, run.getRef()));
    recorder.tell(new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, 1_000_000, 0, 0));
    recorder.tell(new MetricsRecorder.RequestEnded(Outcome.FAILED, Reasons.LAST_ATTEMPT_FAILED, 1_000_000, 0, 2));
    // Every request was due at once.
    recorder.tell(new MetricsRecorder.WatchForStall(Duration.ofMillis(300), elapsed -> 4, Clock.nanos(), stalls.getRef()));

    MetricsRecorder.Stalled stalled = stalls.receiveMessage(Duration.ofSeconds(10));
    assertThat(stalled.ended()).isEqualTo(2);
    assertThat(stalled.open()).isEqualTo(2);
    assertThat(stalled.firstOpen()).containsExactly(1L, 3L);
    assertThat(stalled.quiet()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    stalls.expectNoMessage(Duration.ofMillis(500));
    run.expectNoMessage(Duration.ZERO);
    akka.kit().stop(recorder);
  }

  @Test
  void aLoadThatHasNotSentItsRequestsYetIsNotStalled() {
    ActorRef<MetricsRecorder.Command> recorder = akka.kit().spawn(MetricsRecorder.create(Clock.nanos(), null));
    TestProbe<MetricsRecorder.AllEnded> run = akka.kit().createTestProbe();
    TestProbe<MetricsRecorder.Stalled> stalls = akka.kit().createTestProbe();
    recorder.tell(new MetricsRecorder.WhenAllEnded(2, run.getRef()));
    recorder.tell(new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, 1_000_000, 0, 0));
    // The second request is due only much later: a pause in the load, not a stall.
    recorder.tell(new MetricsRecorder.WatchForStall(Duration.ofMillis(200), elapsed -> 1, Clock.nanos(), stalls.getRef()));
    stalls.expectNoMessage(Duration.ofMillis(800));
    akka.kit().stop(recorder);
  }

  @Test
  void aRunMissingOutcomesReportsThemAsLost() {
    RunMetrics metrics = new RunMetrics();
    metrics.requestEnded(Outcome.SUCCEEDED, null, 1);
    assertThat(ArchitectureResult.of("RPC", "rpc", 2, 0, metrics, 0, null, i -> 0, List.of("default"), null).outcomes().lost()).isEqualTo(1);
  }
}
