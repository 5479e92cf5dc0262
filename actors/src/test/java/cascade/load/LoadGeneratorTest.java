package cascade.load;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import cascade.runtime.Clock;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoadGeneratorTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  record Request(long id, long intendedNanos) {}

  @Test
  void sendsEachBurstAtItsTimeAndNotBefore() {
    TestProbe<Request> target = akka.kit().createTestProbe();
    long start = Clock.nanos();
    akka.kit().spawn(LoadGenerator.create(ArrivalSchedule.bursts(10, 4, Duration.ofMillis(80)), target.getRef(), Request::new, start));

    List<Request> first = target.receiveSeveralMessages(4);
    akka.manualTime().expectNoMessageFor(Duration.ofMillis(70), target);
    akka.manualTime().timePasses(Duration.ofMillis(10));
    List<Request> second = target.receiveSeveralMessages(4);
    akka.manualTime().timePasses(Duration.ofMillis(80));
    List<Request> third = target.receiveSeveralMessages(2);
    akka.manualTime().timePasses(Duration.ofMillis(80));
    target.expectNoMessage(Duration.ofMillis(20));

    assertThat(first).extracting(Request::id).containsExactly(0L, 1L, 2L, 3L);
    assertThat(third).extracting(Request::id).containsExactly(8L, 9L);
    // Intended send times are the schedule's, not whenever the messages happened to go out.
    assertThat(first).allSatisfy(r -> assertThat(r.intendedNanos()).isEqualTo(start));
    assertThat(second).allSatisfy(r -> assertThat(r.intendedNanos()).isEqualTo(start + Duration.ofMillis(80).toNanos()));
    assertThat(third).allSatisfy(r -> assertThat(r.intendedNanos()).isEqualTo(start + Duration.ofMillis(160).toNanos()));
  }

  @Test
  void seedCompatibleArrivalsSendEverythingAtTimeZeroEvenAboveOneSlice() {
    TestProbe<Request> target = akka.kit().createTestProbe();
    long start = Clock.nanos();
    int total = LoadGenerator.SLICE * 2 + 500;
    akka.kit().spawn(LoadGenerator.create(ArrivalSchedule.tutorial(total), target.getRef(), Request::new, start));

    List<Request> all = target.receiveSeveralMessages(total);
    assertThat(all).extracting(Request::id).doesNotHaveDuplicates().hasSize(total);
    assertThat(all).allSatisfy(r -> assertThat(r.intendedNanos()).isEqualTo(start));
    target.expectNoMessage(Duration.ofMillis(20));
  }

  @Test
  void theScheduleCountsBurstsAndTheShortLastOne() {
    Bursts schedule = new Bursts(2000, 350, Duration.ofMillis(80));
    assertThat(schedule.bursts()).isEqualTo(6);
    assertThat(schedule.sizeOfBurst(0)).isEqualTo(350);
    assertThat(schedule.sizeOfBurst(5)).isEqualTo(250);
    assertThat(schedule.offsetOfBurstNanos(5)).isEqualTo(Duration.ofMillis(400).toNanos());
  }

  @Test
  void aConstantRateSendsEachRequestAtItsOwnTime() {
    TestProbe<Request> target = akka.kit().createTestProbe();
    long start = Clock.nanos();
    akka.kit().spawn(LoadGenerator.create(new ConstantRate(3, 10), target.getRef(), Request::new, start));

    assertThat(target.receiveMessage().intendedNanos()).isEqualTo(start);
    akka.manualTime().expectNoMessageFor(Duration.ofMillis(90), target);
    akka.manualTime().timePasses(Duration.ofMillis(10));
    assertThat(target.receiveMessage().intendedNanos()).isEqualTo(start + Duration.ofMillis(100).toNanos());
    akka.manualTime().timePasses(Duration.ofMillis(100));
    assertThat(target.receiveMessage().id()).isEqualTo(2);
  }
}
