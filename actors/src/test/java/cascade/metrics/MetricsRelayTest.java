package cascade.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A relay on another node ships outcomes to the coordinator's recorder over a link that may lose
 * messages (Artery drops what overflows its send queue). Every outcome must still be counted
 * exactly once, and every durable consumer must hear that its outcome was counted.
 */
class MetricsRelayTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  /**
   * Stands between relay and recorder, both ways, and drops the messages {@code drop} picks: the
   * shipments it forwards name it as their relay, so acknowledgements come back through it too.
   */
  private static Behavior<MetricsRecorder.Command> lossyLink(
      ActorRef<MetricsRecorder.Command> recorder, int[] counter, java.util.function.IntPredicate drop) {
    return Behaviors.setup(
        context -> {
          ActorRef<MetricsRecorder.Command>[] relay = new ActorRef[1];
          return Behaviors.receive(MetricsRecorder.Command.class)
              .onMessage(MetricsRecorder.Shipment.class, shipment -> {
                relay[0] = shipment.relay();
                if (!drop.test(counter[0]++)) {
                  recorder.tell(
                      new MetricsRecorder.Shipment(
                          context.getSelf(),
                          shipment.number(),
                          shipment.ended(),
                          shipment.counted(),
                          shipment.redelivered(),
                          shipment.instanceEvents(),
                          shipment.transitions(),
                          shipment.last(),
                          shipment.tiers()));
                }
                return Behaviors.same();
              })
              .onMessage(MetricsRecorder.ShipmentsReceived.class, received -> {
                if (!drop.test(counter[0]++)) {
                  relay[0].tell(received);
                }
                return Behaviors.same();
              })
              .onMessage(MetricsRecorder.Flush.class, flush -> {
                relay[0].tell(new MetricsRecorder.Flush(context.getSelf()));
                return Behaviors.same();
              })
              // The relay's RelayStarted is lost too: the recorder learns of it from its shipments.
              .onMessage(MetricsRecorder.RelayStarted.class, started -> Behaviors.same())
              .onAnyMessage(other -> {
                recorder.tell(other);
                return Behaviors.same();
              })
              .build();
        });
  }

  @Test
  void everyOutcomeIsCountedOnceWhenTheLinkLosesAThirdOfTheMessages() {
    int requests = 600;
    long start = cascade.runtime.Clock.nanos();
    ActorRef<MetricsRecorder.Command> recorder = akka.kit().spawn(MetricsRecorder.create(start, null));
    TestProbe<MetricsRecorder.AllEnded> run = akka.kit().createTestProbe();
    recorder.tell(new MetricsRecorder.WhenAllEnded(requests, run.getRef()));
    java.util.Random random = new java.util.Random(42);
    ActorRef<MetricsRecorder.Command> link = akka.kit().spawn(lossyLink(recorder, new int[1], i -> random.nextInt(3) == 0));
    ActorRef<MetricsRecorder.Command> relay = akka.kit().spawn(MetricsRelay.create(link, start, MetricsRelay.SHIP_EVERY));
    TestProbe<MetricsRecorder.Recorded> consumer = akka.kit().createTestProbe();

    for (int id = 0; id < requests; id++) {
      relay.tell(new MetricsRecorder.AttemptEnded(AttemptResult.SUCCEEDED, 10_000_000));
      MetricsRecorder.RequestEnded ended = new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, 12_000_000, 0, id);
      if (id % 2 == 0) {
        relay.tell(new MetricsRecorder.EndRequest(ended, 0, consumer.getRef()));
      } else {
        relay.tell(ended);
      }
    }

    MetricsRecorder.AllEnded ended = null;
    for (int step = 0; step < 200 && ended == null; step++) {
      akka.manualTime().timePasses(MetricsRelay.SHIP_EVERY);
      try {
        ended = run.receiveMessage(Duration.ofMillis(20));
      } catch (AssertionError notYet) {
        // shipments sent again are still on their way
      }
    }
    assertThat(ended).as("the run ended within 20 s of manual time").isNotNull();
    assertThat(ended.metrics().requestsEnded()).isEqualTo(requests);
    assertThat(ended.metrics().duplicates()).isZero();
    assertThat(ended.metrics().outcome(Outcome.SUCCEEDED)).isEqualTo(requests);
    assertThat(ended.metrics().attempts()).isEqualTo(requests);
    Set<Long> confirmed = new HashSet<>();
    List<MetricsRecorder.Recorded> answers = consumer.receiveSeveralMessages(requests / 2);
    answers.forEach(answer -> confirmed.add(answer.requestId()));
    assertThat(confirmed).hasSize(requests / 2).allMatch(id -> id % 2 == 0);
    akka.kit().stop(relay);
    akka.kit().stop(link);
    akka.kit().stop(recorder);
  }
}
