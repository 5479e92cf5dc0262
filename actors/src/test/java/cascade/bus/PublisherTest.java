package cascade.bus;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PublisherTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private static final Duration RESEND_AFTER = Duration.ofSeconds(2);

  private final TestProbe<BusProtocol.Command> bus = akka.kit().createTestProbe();

  private BusProtocol.Offer offer() {
    return bus.expectMessageClass(BusProtocol.Offer.class);
  }

  private void timePasses(Duration duration) {
    // A tick at a time, so that every timer in between fires.
    for (Duration passed = Duration.ZERO; passed.compareTo(duration) < 0; passed = passed.plusMillis(500)) {
      akka.manualTime().timePasses(Duration.ofMillis(500));
    }
  }

  @Test
  void offersAgainOnlyWhatHasNoAnswerAfterTheResendPeriod() {
    ActorRef<Publisher.Command> publisher = akka.kit().spawn(Publisher.create(bus.getRef(), RESEND_AFTER));
    publisher.tell(new Publisher.Publish(1, 0));
    publisher.tell(new Publisher.Publish(2, 0));
    BusProtocol.Offer first = offer();
    offer();
    first.replyTo().tell(new BusProtocol.Accepted(1, 0));

    timePasses(Duration.ofMillis(1500));
    bus.expectNoMessage(Duration.ofMillis(50));
    timePasses(Duration.ofMillis(500));
    assertThat(offer().event().requestId()).isEqualTo(2);
    bus.expectNoMessage(Duration.ofMillis(50));
    akka.kit().stop(publisher);
  }

  @Test
  void aDroppedOfferIsNotOfferedAgain() {
    ActorRef<Publisher.Command> publisher = akka.kit().spawn(Publisher.create(bus.getRef(), RESEND_AFTER));
    publisher.tell(new Publisher.Publish(3, 0));
    offer().replyTo().tell(new BusProtocol.Dropped(3, 0));
    timePasses(Duration.ofSeconds(4));
    bus.expectNoMessage(Duration.ofMillis(50));
    akka.kit().stop(publisher);
  }

  @Test
  void holdsEverythingWhileTheBusIsGoneAndOffersItAllWhereTheBusMoved() {
    TestProbe<BusProtocol.Command> doomed = akka.kit().createTestProbe();
    ActorRef<Publisher.Command> publisher = akka.kit().spawn(Publisher.create(doomed.getRef(), RESEND_AFTER));
    publisher.tell(new Publisher.Publish(4, 0));
    doomed.expectMessageClass(BusProtocol.Offer.class);
    doomed.stop();
    publisher.tell(new Publisher.Publish(5, 0));
    timePasses(Duration.ofSeconds(4));

    publisher.tell(new Publisher.BusMoved(bus.getRef()));
    BusProtocol.OfferAll backlog = bus.expectMessageClass(BusProtocol.OfferAll.class);
    assertThat(backlog.events()).extracting(Event::requestId).containsExactly(4L, 5L);
    akka.kit().stop(publisher);
  }

  @Test
  void aBacklogIsOfferedInFewMessagesAndOneAnswerPerWriteSettlesIt() {
    TestProbe<BusProtocol.Command> doomed = akka.kit().createTestProbe();
    ActorRef<Publisher.Command> publisher = akka.kit().spawn(Publisher.create(doomed.getRef(), RESEND_AFTER));
    doomed.stop();
    for (int id = 0; id < 600; id++) {
      publisher.tell(new Publisher.Publish(id, 0));
    }
    publisher.tell(new Publisher.BusMoved(bus.getRef()));
    java.util.List<BusProtocol.OfferAll> messages =
        java.util.List.of(
            bus.expectMessageClass(BusProtocol.OfferAll.class),
            bus.expectMessageClass(BusProtocol.OfferAll.class),
            bus.expectMessageClass(BusProtocol.OfferAll.class));
    assertThat(messages).extracting(m -> m.events().size()).containsExactly(256, 256, 88);
    bus.expectNoMessage(Duration.ofMillis(50));

    for (BusProtocol.OfferAll message : messages) {
      message.replyTo().tell(new BusProtocol.AcceptedAll(message.events().stream().map(Event::requestId).toList()));
    }
    timePasses(Duration.ofSeconds(4));
    bus.expectNoMessage(Duration.ofMillis(50));
    akka.kit().stop(publisher);
  }
}
