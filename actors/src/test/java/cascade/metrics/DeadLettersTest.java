package cascade.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.DeadLetter;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.javadsl.Behaviors;
import cascade.runtime.Clock;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Akka's own dead letters are counted per actor kind, apart from the application's DLQ. */
class DeadLettersTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  @Test
  void mailboxOverflowIsCountedAsDeadLettersOfThatActorKind() throws InterruptedException {
    ActorRef<MetricsRecorder.Command> recorder = akka.kit().spawn(MetricsRecorder.create(Clock.nanos(), null), "metrics");
    awaitSubscribed(recorder);
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Takes one message, then holds its thread: nothing more leaves its one-place mailbox.
    Behavior<String> stuck =
        Behaviors.receiveMessage(
            message -> {
              busy.countDown();
              release.await(5, TimeUnit.SECONDS);
              return Behaviors.same();
            });
    ActorRef<String> service = akka.kit().spawn(stuck, "service-7", MailboxSelector.bounded(1));
    service.tell("first");
    assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 5; i++) {
      service.tell("more"); // one fits the mailbox, four overflow
    }
    release.countDown();

    TestProbe<MetricsRecorder.AllEnded> run = akka.kit().createTestProbe();
    recorder.tell(new MetricsRecorder.WhenAllEnded(0, run.getRef()));
    RunMetrics metrics = run.receiveMessage().metrics();
    assertThat(metrics.health().deadLetters()).containsEntry("service: String (undeliverable)", 4L);
    akka.kit().stop(service);
    akka.kit().stop(recorder);
  }

  @Test
  void actorNamesAreGroupedByKind() {
    assertThat(ServiceHealth.kindOf("consumer-12")).isEqualTo("consumer");
    assertThat(ServiceHealth.kindOf("instance-0")).isEqualTo("instance");
    assertThat(ServiceHealth.kindOf("service")).isEqualTo("service");
    assertThat(ServiceHealth.kindOf("$a")).isEqualTo("temporary");
  }

  /**
   * The recorder subscribes asynchronously: publish a canary dead letter until it is counted, so
   * that what the test does next is seen.
   */
  private static void awaitSubscribed(ActorRef<MetricsRecorder.Command> recorder) {
    ActorRef<String> canary = akka.kit().spawn(Behaviors.<String>ignore(), "canary");
    TestProbe<MetricsRecorder.AkkaDeadLetters> probe = akka.kit().createTestProbe();
    probe.awaitAssert(
        Duration.ofSeconds(5),
        () -> {
          akka.kit().system().eventStream().tell(new EventStream.Publish<>(new DeadLetter("canary", Adapter.toClassic(canary), Adapter.toClassic(canary))));
          recorder.tell(new MetricsRecorder.GetAkkaDeadLetters(probe.getRef()));
          assertThat(probe.receiveMessage().counts()).containsKey("canary: String (undeliverable)");
          return null;
        });
    akka.kit().stop(canary);
  }
}
