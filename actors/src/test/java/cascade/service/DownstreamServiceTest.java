package cascade.service;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.model.FailureModel;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DownstreamServiceTest {

  @RegisterExtension static final ActorTestKitExtension akka = ActorTestKitExtension.withManualTime();

  /** 10 ms per attempt, no jitter; overloaded above one attempt in flight (capacity 10 rps). */
  private static FailureModel model(double failureProbability) {
    return new FailureModel(10, 10, 0, failureProbability, 50, 0, failureProbability);
  }

  @Test
  void answersOnlyWhenTheServiceTimeHasPassed() {
    ActorRef<DownstreamService.Command> service = akka.kit().spawn(DownstreamService.create(model(0), new SplittableRandom(1)));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();
    AttemptId id = new AttemptId(1, 1);

    service.tell(new DownstreamService.Handle(id, caller.getRef()));
    akka.manualTime().expectNoMessageFor(Duration.ofMillis(9), caller);
    akka.manualTime().timePasses(Duration.ofMillis(1));

    caller.expectMessage(new DownstreamService.Succeeded(id));
  }

  @Test
  void failsWhenTheModelSaysSo() {
    ActorRef<DownstreamService.Command> service = akka.kit().spawn(DownstreamService.create(model(1), new SplittableRandom(1)));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();
    AttemptId id = new AttemptId(2, 1);

    service.tell(new DownstreamService.Handle(id, caller.getRef()));
    akka.manualTime().timePasses(Duration.ofMillis(10));

    caller.expectMessage(new DownstreamService.Failed(id));
  }

  @Test
  void aSecondConcurrentAttemptSeesTheOverloadAndIsSlower() {
    ActorRef<DownstreamService.Command> service = akka.kit().spawn(DownstreamService.create(model(0), new SplittableRandom(1)));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();

    service.tell(new DownstreamService.Handle(new AttemptId(3, 1), caller.getRef()));
    // Two in flight at capacity 10 rps: L = 2 / 1 = 2, so 10 ms + (2 - 1) * 50 ms.
    service.tell(new DownstreamService.Handle(new AttemptId(4, 1), caller.getRef()));
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(3, 1)));
    akka.manualTime().expectNoMessageFor(Duration.ofMillis(49), caller);
    akka.manualTime().timePasses(Duration.ofMillis(1));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(4, 1)));
  }

  @Test
  void aCancelledAttemptStopsCountingAsInFlightAndIsNeverAnswered() {
    ActorRef<DownstreamService.Command> service = akka.kit().spawn(DownstreamService.create(model(0), new SplittableRandom(1)));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();
    TestProbe<DownstreamService.InFlight> monitor = akka.kit().createTestProbe();
    AttemptId id = new AttemptId(5, 1);

    service.tell(new DownstreamService.Handle(id, caller.getRef()));
    service.tell(new DownstreamService.GetInFlight(monitor.getRef()));
    assertThat(monitor.receiveMessage().attempts()).isEqualTo(1);

    service.tell(new DownstreamService.Cancel(id));
    service.tell(new DownstreamService.GetInFlight(monitor.getRef()));
    assertThat(monitor.receiveMessage().attempts()).isZero();
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectNoMessage(Duration.ofMillis(50));
  }
}
