package cascade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProbeTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  record Reply(int id) {}

  record Rejected(int id) {}

  @Test
  void aTimeoutSaysWhatWasExpectedForHowLongAndThatNothingArrived(Probes probes) {
    Probe<Object> probe = probes.of("replies", Object.class);
    assertThatThrownBy(() -> probe.expectMessageClass(Reply.class, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected a Reply within 100 ms at probe replies, but nothing arrived");
    assertThatThrownBy(() -> probe.expectMessage(new Reply(7), Duration.ofMillis(100)))
        .hasMessage("expected Reply[id=7] within 100 ms at probe replies, but nothing arrived");
  }

  @Test
  void somethingElseArrivingIsNamed(Probes probes) {
    Probe<Object> probe = probes.of("replies", Object.class);
    probe.ref().tell(new Rejected(7));
    assertThatThrownBy(() -> probe.expectMessageClass(Reply.class))
        .hasMessage("expected a Reply within 3 s at probe replies, but a Rejected arrived: Rejected[id=7]");
    probe.ref().tell(new Reply(8));
    assertThatThrownBy(() -> probe.expectMessage(new Reply(7)))
        .hasMessage("expected Reply[id=7] within 3 s at probe replies, but got Reply[id=8]");
  }

  @Test
  void whatArrivesIsReturned(Probes probes) {
    Probe<Object> probe = probes.of(Object.class);
    probe.ref().tell(new Reply(7));
    assertThat(probe.expectMessageClass(Reply.class)).isEqualTo(new Reply(7));
    probe.ref().tell(new Reply(8));
    assertThat(probe.expectMessage(new Reply(8))).isEqualTo(new Reply(8));
    probe.expectNoMessage(Duration.ofMillis(50));
  }
}
