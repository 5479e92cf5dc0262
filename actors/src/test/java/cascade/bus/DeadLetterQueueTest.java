package cascade.bus;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.runtime.Clock;
import cascade.testkit.ActorTestKitExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeadLetterQueueTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  @Test
  void countsEveryDeadLetterKeepsTheFirstOnesAndRecordsTheirOutcome() {
    TestProbe<MetricsRecorder.Command> metrics = akka.kit().createTestProbe();
    ActorRef<DeadLetterQueue.Command> queue = akka.kit().spawn(DeadLetterQueue.create(2, metrics.getRef()));
    for (long id = 0; id < 5; id++) {
      queue.tell(new DeadLetterQueue.Enqueue(new DeadLetterQueue.DeadLetter(id, 4, "last-attempt-failed", Clock.nanos())));
    }

    for (int i = 0; i < 5; i++) {
      assertThat(metrics.expectMessageClass(MetricsRecorder.RequestEnded.class).outcome()).isEqualTo(Outcome.DEAD_LETTERED);
    }
    TestProbe<DeadLetterQueue.DeadLetters> reader = akka.kit().createTestProbe();
    queue.tell(new DeadLetterQueue.GetDeadLetters(reader.getRef()));
    DeadLetterQueue.DeadLetters letters = reader.receiveMessage();
    assertThat(letters.total()).isEqualTo(5);
    assertThat(letters.kept()).extracting(DeadLetterQueue.DeadLetter::requestId).containsExactly(0L, 1L);
    akka.kit().stop(queue);
  }
}
