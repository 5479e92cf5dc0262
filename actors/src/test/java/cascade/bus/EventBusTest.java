package cascade.bus;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.runtime.Clock;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventBusTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private final TestProbe<MetricsRecorder.Command> metrics = akka.kit().createTestProbe();
  private final TestProbe<BusProtocol.Delivery> consumer = akka.kit().createTestProbe();

  @Test
  void dropsWhenBusIsFull() {
    ActorRef<BusProtocol.Command> bus = akka.kit().spawn(EventBus.create(2, metrics.getRef()));
    for (long id = 0; id < 3; id++) {
      bus.tell(new BusProtocol.Publish(new Event(id, Clock.nanos())));
    }

    MetricsRecorder.RequestEnded dropped = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(dropped.outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(dropped.reason()).isEqualTo(Reasons.BUS_FULL);
    metrics.expectNoMessage(Duration.ofMillis(50));

    // The two accepted events are still there, first in, first out.
    bus.tell(new BusProtocol.Pull(consumer.getRef()));
    assertThat(consumer.receiveMessage().event().requestId()).isZero();
    bus.tell(new BusProtocol.Pull(consumer.getRef()));
    assertThat(consumer.receiveMessage().event().requestId()).isEqualTo(1);
    akka.kit().stop(bus);
  }

  @Test
  void deliversOneEventPerPullAndNoMore() {
    ActorRef<BusProtocol.Command> bus = akka.kit().spawn(EventBus.create(10, metrics.getRef()));
    for (long id = 0; id < 3; id++) {
      bus.tell(new BusProtocol.Publish(new Event(id, Clock.nanos())));
    }

    bus.tell(new BusProtocol.Pull(consumer.getRef()));
    consumer.receiveMessage();
    consumer.expectNoMessage(Duration.ofMillis(50));

    TestProbe<BusProtocol.Depth> depth = akka.kit().createTestProbe();
    bus.tell(new BusProtocol.GetDepth(depth.getRef()));
    assertThat(depth.receiveMessage()).isEqualTo(new BusProtocol.Depth(2, 0));
    akka.kit().stop(bus);
  }

  @Test
  void aConsumerThatPulledAnEmptyBusGetsTheNextEventAtOnce() {
    ActorRef<BusProtocol.Command> bus = akka.kit().spawn(EventBus.create(1, metrics.getRef()));
    bus.tell(new BusProtocol.Pull(consumer.getRef()));
    consumer.expectNoMessage(Duration.ofMillis(20));

    Event event = new Event(7, 0);
    bus.tell(new BusProtocol.Publish(event));
    assertThat(consumer.receiveMessage().event()).isEqualTo(event);
    // Handed straight to the waiting consumer, it never took space in the bus.
    bus.tell(new BusProtocol.Publish(new Event(8, 0)));
    metrics.expectNoMessage(Duration.ofMillis(50));
    akka.kit().stop(bus);
  }
}
