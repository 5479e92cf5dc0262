package cascade.example;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.extension.ExtensionSettings;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example service actor, on manual time: one worker, a bounded line, cancels honoured. */
class SingleQueueServiceTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private static ActorRef<DownstreamService.Command> service(int queueCapacity) {
    ExtensionSettings settings = new ExtensionSettings(Map.of("mean-service-time", "10ms", "queue-capacity", Integer.toString(queueCapacity)));
    return akka.kit().spawn(new SingleQueueService().instance(settings, new SplittableRandom(7)));
  }

  private static DownstreamService.Handle handle(long request, TestProbe<DownstreamService.Reply> replies) {
    return new DownstreamService.Handle(new AttemptId(request, 1), replies.getRef(), Duration.ofSeconds(1));
  }

  @Test
  void servesOneAttemptAtATimeInArrivalOrderAndTurnsAwayWhatTheLineCannotHold() {
    ActorRef<DownstreamService.Command> service = service(1);
    TestProbe<DownstreamService.Reply> replies = akka.kit().createTestProbe();
    service.tell(handle(1, replies));
    service.tell(handle(2, replies));
    service.tell(handle(3, replies));

    // 1 is served, 2 waits in the one place of the line, 3 finds it full.
    assertThat(replies.receiveMessage()).isEqualTo(new DownstreamService.Rejected(new AttemptId(3, 1), "queue-full"));
    // Exponential service times: well past any plausible draw, both are done, in order.
    akka.manualTime().timePasses(Duration.ofSeconds(1));
    assertThat(replies.receiveMessage()).isEqualTo(new DownstreamService.Succeeded(new AttemptId(1, 1)));
    akka.manualTime().timePasses(Duration.ofSeconds(1));
    assertThat(replies.receiveMessage()).isEqualTo(new DownstreamService.Succeeded(new AttemptId(2, 1)));
    replies.expectNoMessage(Duration.ofMillis(50));
    akka.kit().stop(service);
  }

  @Test
  void anAttemptItsCallerGaveUpOnLeavesTheLineUnanswered() {
    ActorRef<DownstreamService.Command> service = service(5);
    TestProbe<DownstreamService.Reply> replies = akka.kit().createTestProbe();
    service.tell(handle(1, replies));
    service.tell(handle(2, replies));
    service.tell(new DownstreamService.Cancel(new AttemptId(2, 1)));
    TestProbe<DownstreamService.InFlight> inFlight = akka.kit().createTestProbe();
    service.tell(new DownstreamService.GetInFlight(inFlight.getRef()));
    assertThat(inFlight.receiveMessage()).isEqualTo(new DownstreamService.InFlight(1, 0));

    akka.manualTime().timePasses(Duration.ofSeconds(2));
    assertThat(replies.receiveMessage()).isEqualTo(new DownstreamService.Succeeded(new AttemptId(1, 1)));
    replies.expectNoMessage(Duration.ofMillis(50));
    akka.kit().stop(service);
  }

  @Test
  void theSameSeedDrawsTheSameServiceTimes() {
    TestProbe<DownstreamService.Reply> first = akka.kit().createTestProbe();
    TestProbe<DownstreamService.Reply> second = akka.kit().createTestProbe();
    ActorRef<DownstreamService.Command> a = service(0);
    ActorRef<DownstreamService.Command> b = service(0);
    a.tell(handle(1, first));
    b.tell(handle(1, second));
    // Step 1 ms at a time: both finish in the same step.
    boolean done = false;
    for (int ms = 0; ms < 500 && !done; ms++) {
      akka.manualTime().timePasses(Duration.ofMillis(1));
      boolean firstDone = pollOne(first);
      boolean secondDone = pollOne(second);
      assertThat(firstDone).isEqualTo(secondDone);
      done = firstDone;
    }
    akka.kit().stop(a);
    akka.kit().stop(b);
    if (!done) {
      throw new AssertionError("no answer within 500 ms of a 10 ms mean");
    }
  }

  private static boolean pollOne(TestProbe<DownstreamService.Reply> probe) {
    try {
      probe.receiveMessage(Duration.ofMillis(20));
      return true;
    } catch (AssertionError none) {
      return false;
    }
  }
}
