package cascade.bus;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.persistence.Journal;
import cascade.testkit.ActorTestKitExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The durable bus against a real H2 journal in a temporary folder: what a crash must not lose. */
class DurableEventBusTest {

  private static final Journal JOURNAL = Journal.h2(temporaryFolder(), false);

  static {
    JOURNAL.prepare();
  }

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime(JOURNAL.akkaConfig()).leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private final TestProbe<MetricsRecorder.Command> metrics = akka.kit().createTestProbe();
  private final TestProbe<BusProtocol.Delivery> consumer = akka.kit().createTestProbe();
  private final TestProbe<BusProtocol.Reply> publisher = akka.kit().createTestProbe();

  private static Path temporaryFolder() {
    try {
      Path folder = Files.createTempDirectory("durable-bus-test");
      folder.toFile().deleteOnExit();
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * How long a wait for the journal may last before the test is declared stuck. These waits are
   * for a real database's input and output, not for timers, and nothing asserted depends on how
   * fast it is; a busy machine (a connection pool starting, a build beside the test) may take
   * seconds where an idle one takes milliseconds, and that must not fail the test.
   */
  private static final Duration JOURNAL_GUARD = Duration.ofSeconds(30);

  /** A bus that has read its journal back: the durable bus answers GetDepth only then. */
  private ActorRef<BusProtocol.Command> bus(String run, int capacity, int snapshotEvery) {
    ActorRef<BusProtocol.Command> bus =
        akka.kit().spawn(DurableEventBus.create(DurableEventBus.persistenceId(run), capacity, snapshotEvery, metrics.getRef()));
    TestProbe<BusProtocol.Depth> recovered = akka.kit().createTestProbe();
    bus.tell(new BusProtocol.GetDepth(recovered.getRef()));
    recovered.receiveMessage(JOURNAL_GUARD);
    return bus;
  }

  private void offer(ActorRef<BusProtocol.Command> bus, long id) {
    bus.tell(new BusProtocol.Offer(new Event(id, 0), publisher.getRef()));
    assertThat(publisher.receiveMessage(JOURNAL_GUARD)).isEqualTo(new BusProtocol.Accepted(id, 0));
  }

  private Event pull(ActorRef<BusProtocol.Command> bus) {
    bus.tell(new BusProtocol.Pull(consumer.getRef()));
    BusProtocol.Delivery delivery = consumer.receiveMessage(JOURNAL_GUARD);
    assertThat(delivery.confirm()).as("a durable delivery asks to be confirmed").isTrue();
    return delivery.event();
  }

  /**
   * Stops the bus once what it was told is journaled: the durable bus answers GetDepth only then.
   * (Stopped sooner, it would be a crash, and the test a different one.)
   */
  private void restart(ActorRef<BusProtocol.Command> bus) {
    TestProbe<BusProtocol.Depth> depth = akka.kit().createTestProbe();
    bus.tell(new BusProtocol.GetDepth(depth.getRef()));
    depth.receiveMessage(JOURNAL_GUARD);
    akka.kit().stop(bus, JOURNAL_GUARD);
  }

  @Test
  void aBacklogOfferedAtOnceIsAnsweredByWriteNotByEvent() {
    ActorRef<BusProtocol.Command> bus = bus("backlog", 1000, 0);
    java.util.List<Event> backlog = new java.util.ArrayList<>();
    for (long id = 0; id < 300; id++) {
      backlog.add(new Event(id, 0));
    }
    bus.tell(new BusProtocol.OfferAll(backlog, publisher.getRef()));
    java.util.Set<Long> accepted = new java.util.HashSet<>();
    int answers = 0;
    while (accepted.size() < 300) {
      BusProtocol.Reply reply = publisher.receiveMessage(JOURNAL_GUARD);
      answers++;
      if (reply instanceof BusProtocol.AcceptedAll all) {
        accepted.addAll(all.requestIds());
      } else {
        accepted.add(((BusProtocol.Accepted) reply).requestId());
      }
    }
    // The first event goes into the first write on its own; the rest wait for the next one.
    assertThat(answers).isLessThanOrEqualTo(2);
    publisher.expectNoMessage(Duration.ofMillis(100));
    akka.kit().stop(bus, JOURNAL_GUARD);
  }

  @Test
  void deliversTheUnconfirmedEventsAgainAfterARestart() {
    ActorRef<BusProtocol.Command> bus = bus("restart", 10, 0);
    for (long id = 0; id < 3; id++) {
      offer(bus, id);
    }
    Event done = pull(bus);
    Event inHand = pull(bus);
    bus.tell(new BusProtocol.Confirm(done.requestId(), done.tries()));
    // Ask for the depth: answered once the confirmation is journaled.
    TestProbe<BusProtocol.Depth> depth = akka.kit().createTestProbe();
    bus.tell(new BusProtocol.GetDepth(depth.getRef()));
    assertThat(depth.receiveMessage(JOURNAL_GUARD)).isEqualTo(new BusProtocol.Depth(1, 0));
    restart(bus);

    ActorRef<BusProtocol.Command> again = bus("restart", 10, 0);
    // The one a consumer held but never confirmed comes back first, then the one never delivered.
    assertThat(pull(again).requestId()).isEqualTo(inHand.requestId());
    assertThat(pull(again).requestId()).isEqualTo(2);
    assertThat(metrics.expectMessageClass(MetricsRecorder.EventsRedelivered.class, JOURNAL_GUARD).events()).isEqualTo(2);
    again.tell(new BusProtocol.Pull(consumer.getRef()));
    consumer.expectNoMessage(Duration.ofMillis(100));
    akka.kit().stop(again, JOURNAL_GUARD);
  }

  @Test
  void aReplacedTryIsNotDeliveredAgainOnceConfirmed() {
    ActorRef<BusProtocol.Command> bus = bus("retry", 10, 0);
    offer(bus, 5);
    Event first = pull(bus).tried();
    // The consumer's retry: the next try first, then the confirmation of the one it had.
    bus.tell(new BusProtocol.Publish(first));
    bus.tell(new BusProtocol.Confirm(first.requestId(), first.tries() - 1));
    restart(bus);

    ActorRef<BusProtocol.Command> again = bus("retry", 10, 0);
    assertThat(pull(again)).isEqualTo(first);
    again.tell(new BusProtocol.Pull(consumer.getRef()));
    consumer.expectNoMessage(Duration.ofMillis(100));
    akka.kit().stop(again, JOURNAL_GUARD);
  }

  @Test
  void recoversFromASnapshotAndTheEventsAfterIt() throws Exception {
    ActorRef<BusProtocol.Command> bus = bus("snapshots", 100, 4);
    for (long id = 0; id < 10; id++) {
      offer(bus, id);
    }
    for (int i = 0; i < 6; i++) {
      Event event = pull(bus);
      bus.tell(new BusProtocol.Confirm(event.requestId(), event.tries()));
    }
    restart(bus);

    ActorRef<BusProtocol.Command> again = bus("snapshots", 100, 4);
    for (long id = 6; id < 10; id++) {
      assertThat(pull(again).requestId()).isEqualTo(id);
    }
    assertThat(JOURNAL.growth().snapshots()).isPositive();
    akka.kit().stop(again, JOURNAL_GUARD);
  }

  @Test
  void dropsWhenFullAndSaysSo() {
    ActorRef<BusProtocol.Command> bus = bus("full", 1, 0);
    offer(bus, 0);
    bus.tell(new BusProtocol.Offer(new Event(1, 0), publisher.getRef()));
    assertThat(publisher.receiveMessage(JOURNAL_GUARD)).isEqualTo(new BusProtocol.Dropped(1, 0));
    MetricsRecorder.RequestEnded dropped = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class, JOURNAL_GUARD);
    assertThat(dropped.outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(dropped.requestId()).isEqualTo(1);
    akka.kit().stop(bus, JOURNAL_GUARD);
  }
}
