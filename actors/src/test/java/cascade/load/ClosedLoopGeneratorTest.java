package cascade.load;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClosedLoopGeneratorTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  record Request(long id, long intendedNanos) {}

  private final TestProbe<Request> target = akka.kit().createTestProbe();
  private final TestProbe<MetricsRecorder.Command> metrics = akka.kit().createTestProbe();

  /** The generator the test started, for {@link #stopGenerator}: ends reach it through an adapter. */
  private ActorRef<ClosedLoopGenerator.Command> started;

  /** Starts the generator and returns where it wants to hear of ended requests. */
  private ActorRef<MetricsRecorder.RequestDone> start(ClosedLoop load) {
    started = akka.kit().spawn(ClosedLoopGenerator.create(load, target.getRef(), Request::new, metrics.getRef()));
    return metrics.expectMessageClass(MetricsRecorder.TellEachEnd.class).subscriber();
  }

  private void stopGenerator() {
    akka.kit().stop(started);
  }

  private static final MetricsRecorder.RequestDone DONE = new MetricsRecorder.RequestDone(Outcome.SUCCEEDED);

  @Test
  void eachUserSendsAgainOnlyAfterItsAnswerAndItsThinkTime() {
    ActorRef<MetricsRecorder.RequestDone> ends = start(new ClosedLoop(5, 2, Duration.ofMillis(100), ClosedLoop.Think.FIXED, 1));

    assertThat(target.receiveSeveralMessages(2)).extracting(Request::id).containsExactly(0L, 1L);
    // No answer, no new request, however long it takes.
    akka.manualTime().expectNoMessageFor(Duration.ofSeconds(1), target);

    ends.tell(DONE);
    akka.manualTime().expectNoMessageFor(Duration.ofMillis(99), target);
    akka.manualTime().timePasses(Duration.ofMillis(1));
    assertThat(target.receiveMessage().id()).isEqualTo(2);
    stopGenerator();
  }

  @Test
  void stopsSendingAtTheTotalAndCountsEverySendAsOffered() {
    ActorRef<MetricsRecorder.RequestDone> ends = start(new ClosedLoop(3, 2, Duration.ZERO, ClosedLoop.Think.FIXED, 1));
    target.receiveSeveralMessages(2);
    ends.tell(DONE);
    assertThat(target.receiveMessage().id()).isEqualTo(2);
    ends.tell(DONE);
    ends.tell(DONE);
    target.expectNoMessage(Duration.ofMillis(50));
    assertThat(metrics.receiveSeveralMessages(3)).allMatch(m -> m instanceof MetricsRecorder.Sent);
    stopGenerator();
  }

  @Test
  void randomThinkTimesComeFromTheSeedAndKeepTheirMean() {
    ClosedLoop exponential = new ClosedLoop(1, 1, Duration.ofMillis(100), ClosedLoop.Think.EXPONENTIAL, 7);
    ClosedLoop uniform = new ClosedLoop(1, 1, Duration.ofMillis(100), ClosedLoop.Think.UNIFORM, 7);
    SplittableRandom a = new SplittableRandom(7);
    SplittableRandom b = new SplittableRandom(7);
    SplittableRandom c = new SplittableRandom(8);
    double sum = 0;
    long max = 0;
    for (int i = 0; i < 10_000; i++) {
      long draw = exponential.thinkNanos(a);
      assertThat(draw).isEqualTo(exponential.thinkNanos(b));
      sum += draw;
      max = Math.max(max, uniform.thinkNanos(c));
    }
    assertThat(sum / 10_000 / 1e6).isBetween(95.0, 105.0);
    assertThat(max).isLessThanOrEqualTo(200_000_000L).isGreaterThan(190_000_000L);
  }
}
