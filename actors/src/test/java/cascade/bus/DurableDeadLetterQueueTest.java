package cascade.bus;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.persistence.Journal;
import cascade.testkit.ActorTestKitExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DurableDeadLetterQueueTest {

  private static final Journal JOURNAL;

  static {
    try {
      JOURNAL = Journal.h2(Files.createTempDirectory("durable-dlq-test"), false);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    JOURNAL.prepare();
  }

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime(JOURNAL.akkaConfig()).leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private final TestProbe<MetricsRecorder.Command> metrics = akka.kit().createTestProbe();
  private final TestProbe<DeadLetterQueue.DeadLetters> listing = akka.kit().createTestProbe();

  @Test
  void keepsItsDeadLettersAcrossARestartAndCountsEachOutcomeOnceJournaled() {
    String id = DurableDeadLetterQueue.persistenceId("restart");
    ActorRef<DeadLetterQueue.Command> queue = akka.kit().spawn(DurableDeadLetterQueue.create(id, 2, 0, metrics.getRef()));
    List<DeadLetterQueue.DeadLetter> letters =
        List.of(
            new DeadLetterQueue.DeadLetter(3, 4, "last-attempt-timed-out", 0),
            new DeadLetterQueue.DeadLetter(9, 4, "last-attempt-failed", 0),
            new DeadLetterQueue.DeadLetter(12, 1, "breaker-open", 0));
    letters.forEach(letter -> queue.tell(new DeadLetterQueue.Enqueue(letter)));
    for (DeadLetterQueue.DeadLetter letter : letters) {
      MetricsRecorder.RequestEnded ended = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
      assertThat(ended.outcome()).isEqualTo(Outcome.DEAD_LETTERED);
      assertThat(ended.requestId()).isEqualTo(letter.requestId());
    }
    akka.kit().stop(queue, Duration.ofSeconds(10));

    ActorRef<DeadLetterQueue.Command> reopened = akka.kit().spawn(DurableDeadLetterQueue.create(id, 2, 0, null));
    reopened.tell(new DeadLetterQueue.GetDeadLetters(listing.getRef()));
    assertThat(listing.receiveMessage(Duration.ofSeconds(10))).isEqualTo(new DeadLetterQueue.DeadLetters(3, letters.subList(0, 2)));
    // Recovery reports nothing: these outcomes were counted in their own run.
    metrics.expectNoMessage(Duration.ofMillis(100));
    akka.kit().stop(reopened, Duration.ofSeconds(10));
  }
}
