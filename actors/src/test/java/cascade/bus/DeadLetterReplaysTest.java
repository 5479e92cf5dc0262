package cascade.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.persistence.Journal;
import cascade.testkit.ActorTestKitExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeadLetterReplaysTest {

  private static final Journal JOURNAL;

  static {
    try {
      JOURNAL = Journal.h2(Files.createTempDirectory("dead-letter-replays-test"), false);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    JOURNAL.prepare();
  }

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime(JOURNAL.akkaConfig()).leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private final TestProbe<DeadLetterReplays.Recorded> recorded = akka.kit().createTestProbe();
  private final TestProbe<DeadLetterReplays.History> history = akka.kit().createTestProbe();

  @Test
  void keepsItsReplaysAcrossARestart() {
    DeadLetterReplays.Replayed first = new DeadLetterReplays.Replayed("replay-1", 1, 30);
    DeadLetterReplays.Replayed again = new DeadLetterReplays.Replayed("replay-2", 1, 30);
    ActorRef<DeadLetterReplays.Command> replays = akka.kit().spawn(DeadLetterReplays.create("restart/EventDriven"));
    replays.tell(new DeadLetterReplays.Record(first, recorded.getRef()));
    replays.tell(new DeadLetterReplays.Record(again, recorded.getRef()));
    assertThat(recorded.receiveMessage(Duration.ofSeconds(10))).isEqualTo(new DeadLetterReplays.Recorded(first));
    assertThat(recorded.receiveMessage(Duration.ofSeconds(10))).isEqualTo(new DeadLetterReplays.Recorded(again));
    akka.kit().stop(replays, Duration.ofSeconds(10));

    ActorRef<DeadLetterReplays.Command> reopened = akka.kit().spawn(DeadLetterReplays.create("restart/EventDriven"));
    reopened.tell(new DeadLetterReplays.GetHistory(history.getRef()));
    assertThat(history.receiveMessage(Duration.ofSeconds(10))).isEqualTo(new DeadLetterReplays.History(List.of(first, again)));
    akka.kit().stop(reopened, Duration.ofSeconds(10));
  }

  @Test
  void aQueueNeverReplayedHasNoHistory() {
    ActorRef<DeadLetterReplays.Command> replays = akka.kit().spawn(DeadLetterReplays.create("never/EventDriven"));
    replays.tell(new DeadLetterReplays.GetHistory(history.getRef()));
    assertThat(history.receiveMessage(Duration.ofSeconds(10))).isEqualTo(DeadLetterReplays.History.NONE);
    akka.kit().stop(replays, Duration.ofSeconds(10));
  }

  @Test
  void lettersCountAsReplayedUpToTheFirstGap() {
    DeadLetterReplays.History history =
        new DeadLetterReplays.History(
            List.of(
                new DeadLetterReplays.Replayed("b", 11, 20),
                new DeadLetterReplays.Replayed("a", 1, 10),
                new DeadLetterReplays.Replayed("c", 1, 5),
                new DeadLetterReplays.Replayed("d", 25, 30)));
    assertThat(history.replayedThrough()).isEqualTo(20);
    assertThat(history.replaysOf(3)).containsExactly("a", "c");
    assertThat(history.replaysOf(12)).containsExactly("b");
    assertThat(history.replaysOf(22)).isEmpty();
    assertThat(history.lastReplayOf(3)).isEqualTo("c");
    assertThat(history.lastReplayOf(22)).isNull();
    assertThat(DeadLetterReplays.History.NONE.replayedThrough()).isZero();
  }

  @Test
  void aReplayTakesAtLeastOneLetterCountedFromOne() {
    assertThatThrownBy(() -> new DeadLetterReplays.Replayed("r", 0, 3)).hasMessage("a replay takes letters first..last with 1 <= first <= last, but was 0..3");
    assertThatThrownBy(() -> new DeadLetterReplays.Replayed("r", 4, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new DeadLetterReplays.Replayed("r", 4, 4).letters()).isEqualTo(1);
  }
}
