package cascade.run;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.bus.DeadLetterReplays;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySelectionTest {

  private static DeadLetterReader.Queue queue(String architecture, long total, DeadLetterReplays.Replayed... replays) {
    return new DeadLetterReader.Queue(architecture, total, List.of(), new DeadLetterReplays.History(List.of(replays)));
  }

  @Test
  void takesTheLettersNoReplayHasTakenAndNamesTheReplaysOfTheOthers() {
    List<DeadLetterReader.Queue> queues =
        List.of(
            queue("EventDriven", 30, new DeadLetterReplays.Replayed("r1", 1, 30), new DeadLetterReplays.Replayed("r2", 1, 10)),
            queue("EventDriven (budget)", 12, new DeadLetterReplays.Replayed("r1", 1, 8)),
            queue("EventDriven (fresh)", 5));

    ReplaySelection selection = ReplaySelection.of(queues, false);

    assertThat(selection.parts())
        .containsExactly(new ReplaySelection.Part("EventDriven (budget)", 9, 12), new ReplaySelection.Part("EventDriven (fresh)", 1, 5));
    assertThat(selection.letters()).isEqualTo(9);
    assertThat(selection.skipped()).isEqualTo(38);
    assertThat(selection.skippedInto()).containsExactly("r2", "r1");
  }

  @Test
  void againTakesEveryLetterAndSkipsNone() {
    List<DeadLetterReader.Queue> queues = List.of(queue("EventDriven", 30, new DeadLetterReplays.Replayed("r1", 1, 30)), queue("Empty", 0));

    ReplaySelection selection = ReplaySelection.of(queues, true);

    assertThat(selection.parts()).containsExactly(new ReplaySelection.Part("EventDriven", 1, 30));
    assertThat(selection.skipped()).isZero();
    assertThat(selection.skippedInto()).isEmpty();
    assertThat(selection.parts().get(0).replayedInto("r2")).isEqualTo(new DeadLetterReplays.Replayed("r2", 1, 30));
  }

  @Test
  void everythingReplayedLeavesNothingToSend() {
    ReplaySelection selection = ReplaySelection.of(List.of(queue("EventDriven", 30, new DeadLetterReplays.Replayed("r1", 1, 30))), false);

    assertThat(selection.parts()).isEmpty();
    assertThat(selection.letters()).isZero();
    assertThat(selection.skipped()).isEqualTo(30);
  }

  @Test
  void aReplayInTheSameSecondAsAnEarlierOneGetsANumber() {
    LocalDateTime now = LocalDateTime.of(2026, 11, 23, 9, 35, 12);
    assertThat(ReplaySelection.newReplayName(List.of(queue("EventDriven", 3)), now)).isEqualTo("replay-20261123-093512");
    List<DeadLetterReader.Queue> replayed =
        List.of(
            queue("EventDriven", 3, new DeadLetterReplays.Replayed("replay-20261123-093512", 1, 3)),
            queue("Other", 3, new DeadLetterReplays.Replayed("replay-20261123-093512-2", 1, 3)));
    assertThat(ReplaySelection.newReplayName(replayed, now)).isEqualTo("replay-20261123-093512-3");
  }
}
