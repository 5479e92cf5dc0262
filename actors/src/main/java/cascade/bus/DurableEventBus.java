package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.bus.BusProtocol.Accepted;
import cascade.bus.BusProtocol.AcceptedAll;
import cascade.bus.BusProtocol.Command;
import cascade.bus.BusProtocol.Confirm;
import cascade.bus.BusProtocol.Delivery;
import cascade.bus.BusProtocol.Depth;
import cascade.bus.BusProtocol.Dropped;
import cascade.bus.BusProtocol.GetDepth;
import cascade.bus.BusProtocol.Offer;
import cascade.bus.BusProtocol.OfferAll;
import cascade.bus.BusProtocol.Publish;
import cascade.bus.BusProtocol.Pull;
import cascade.bus.BusProtocol.Reply;
import cascade.bus.BusProtocol.WhereAre;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.runtime.Clock;
import cascade.runtime.Persisted;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The event bus with a journal: what it accepts survives a crash of its node.
 *
 * <p>The same {@link BusProtocol} as {@link EventBus} (consumers {@link Pull} one event at a
 * time, a full bus drops), with three differences. An event is journaled before anything else
 * happens to it: no consumer sees it, and no publisher hears {@link Accepted}, until it is on disk.
 * Deliveries ask for a {@link Confirm}, which is journaled too. And when the bus starts
 * on a journal that holds unconfirmed events (its node was killed), it delivers them again and
 * tells the metrics how many: at-least-once delivery, whose duplicate outcomes the metrics
 * recorder recognises by request id.
 *
 * <p>Writes are batched: whatever arrives while the journal ({@link BusJournal}, a child) is
 * writing goes into its next write, since one write per event would cap the bus at the journal's
 * round trips per second. What waits for the next write is lost in a crash, but nobody was told it
 * was accepted, and a publisher that asked will offer it again.
 *
 * <p>The journal's state is the unconfirmed events only (at most the bus's capacity plus one per
 * consumer), so neither memory nor recovery grows with the number of requests; snapshots every
 * {@code snapshotEvery} journaled events keep recovery short in long runs.
 */
public final class DurableEventBus extends AbstractBehavior<Command> {

  /** What the bus journals. */
  public sealed interface Journaled extends Persisted {}

  /** An event was accepted; it stays until confirmed. */
  public record Published(Event event) implements Journaled {}

  /** A consumer is done with try {@code tries} of request {@code requestId}. */
  public record Confirmed(long requestId, int tries) implements Journaled {}

  /** The unconfirmed events as a snapshot writes them. */
  public record Snapshot(List<Event> unconfirmed) implements Persisted {
    public Snapshot {
      unconfirmed = List.copyOf(unconfirmed);
    }
  }

  /** The journal name of a run's bus. */
  public static String persistenceId(String run) {
    return "event-bus|" + run;
  }

  /** A publication waiting for the next write, and who wants to hear that it was accepted. */
  private record Offered(Event event, ActorRef<Reply> replyTo) {}

  private final int capacity;
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final ActorRef<BusJournal.Command> journal;
  private final ArrayDeque<Event> ready = new ArrayDeque<>();
  private final ArrayDeque<ActorRef<Delivery>> idleConsumers = new ArrayDeque<>();
  private List<Offered> toPublish = new ArrayList<>();
  private List<Confirmed> toConfirm = new ArrayList<>();
  /** The batch being written, or null when the journal is idle (one write at a time). */
  private List<Offered> writing;
  /**
   * Every event it holds, by journal key: journaled and not confirmed, or waiting to be written.
   * An offer of one of these again (a publisher resends what it has no answer for) is not a new
   * event. Bounded like the bus: at most its capacity plus one per consumer.
   */
  private final java.util.Set<Key> journaled = new java.util.HashSet<>();
  private final java.util.Set<Key> toBeJournaled = new java.util.HashSet<>();

  private record Key(long requestId, int tries) {}

  /**
   * The consumer each unconfirmed delivery went to, by name, for a stalled run's report. Bounded by
   * the deliveries not yet confirmed.
   */
  private final java.util.Map<Key, String> inHand = new java.util.LinkedHashMap<>();

  private static Key key(Event event) {
    return new Key(event.requestId(), event.tries());
  }

  /** Whether the journal has been read back: until then the bus is not ready, and says so by not answering GetDepth. */
  private boolean recovered;

  /** Asked for the depth: answered once recovered and everything received so far is on disk. */
  private final List<ActorRef<Depth>> depthAsked = new ArrayList<>();

  private DurableEventBus(
      ActorContext<Command> context, String persistenceId, int capacity, int snapshotEvery, ActorRef<MetricsRecorder.Command> metrics) {
    super(context);
    this.capacity = capacity;
    this.metrics = metrics;
    ActorRef<BusJournal.Recovered> recovered = context.messageAdapter(BusJournal.Recovered.class, JournalRecovered::new);
    ActorRef<BusJournal.Written> written = context.messageAdapter(BusJournal.Written.class, BatchWritten::new);
    this.journal = context.spawn(BusJournal.create(persistenceId, snapshotEvery, recovered, written), "journal");
  }

  /**
   * @param persistenceId the bus's name in the journal: the same name finds the same events again
   * @param snapshotEvery journaled events between snapshots, or 0 for none
   */
  public static Behavior<Command> create(
      String persistenceId, int capacity, int snapshotEvery, ActorRef<MetricsRecorder.Command> metrics) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
    }
    if (snapshotEvery < 0) {
      throw new IllegalArgumentException("snapshotEvery must be 0 or more, but was " + snapshotEvery);
    }
    return Behaviors.setup(context -> new DurableEventBus(context, persistenceId, capacity, snapshotEvery, metrics));
  }

  // The journal's answers, adapted: the bus's own messages, which no outsider can send.
  private record JournalRecovered(BusJournal.Recovered recovered) implements BusProtocol.Internal {}

  private record BatchWritten(BusJournal.Written written) implements BusProtocol.Internal {}

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Publish.class, publish -> onPublish(publish.event(), null))
        .onMessage(Offer.class, offer -> onPublish(offer.event(), offer.replyTo()))
        .onMessage(OfferAll.class, all -> {
          all.events().forEach(event -> onPublish(event, all.replyTo()));
          return this;
        })
        .onMessage(Pull.class, this::onPull)
        .onMessage(Confirm.class, this::onConfirm)
        .onMessage(GetDepth.class, get -> {
          depthAsked.add(get.replyTo());
          return answerDepthIfSettled();
        })
        .onMessage(WhereAre.class, this::onWhereAre)
        .onMessage(JournalRecovered.class, this::onRecovered)
        .onMessage(BatchWritten.class, this::onWritten)
        .build();
  }

  private Behavior<Command> onPublish(Event event, ActorRef<Reply> replyTo) {
    if (toBeJournaled.contains(key(event))) {
      return this; // offered again before its write ended: the answer to the first offer will come
    }
    if (journaled.contains(key(event))) {
      if (replyTo != null) {
        replyTo.tell(new Accepted(event.requestId(), event.tries())); // its answer was lost: say it again
      }
      return this;
    }
    int waiting = ready.size() + toPublish.size() + (writing == null ? 0 : writing.size());
    if (waiting >= capacity) {
      long endToEnd = Clock.nanos() - event.intendedNanos();
      metrics.tell(new MetricsRecorder.RequestEnded(Outcome.DROPPED, Reasons.BUS_FULL, endToEnd, event.requestClass(), event.requestId()));
      if (replyTo != null) {
        replyTo.tell(new Dropped(event.requestId(), event.tries()));
      }
      return this;
    }
    toPublish.add(new Offered(event, replyTo));
    toBeJournaled.add(key(event));
    return writeIfIdle();
  }

  private Behavior<Command> onConfirm(Confirm confirm) {
    journaled.remove(new Key(confirm.requestId(), confirm.tries()));
    inHand.remove(new Key(confirm.requestId(), confirm.tries()));
    toConfirm.add(new Confirmed(confirm.requestId(), confirm.tries()));
    return writeIfIdle();
  }

  private Behavior<Command> writeIfIdle() {
    if (writing == null && (!toPublish.isEmpty() || !toConfirm.isEmpty())) {
      writing = toPublish;
      journal.tell(new BusJournal.Write(writing.stream().map(Offered::event).toList(), toConfirm));
      toPublish = new ArrayList<>();
      toConfirm = new ArrayList<>();
    }
    return this;
  }

  private Behavior<Command> onWritten(BatchWritten written) {
    java.util.Map<ActorRef<Reply>, List<Event>> accepted = new java.util.LinkedHashMap<>();
    for (Offered offered : writing) {
      Event event = offered.event();
      toBeJournaled.remove(key(event));
      journaled.add(key(event));
      if (offered.replyTo() != null) {
        accepted.computeIfAbsent(offered.replyTo(), publisher -> new ArrayList<>()).add(event);
      }
      deliver(event);
    }
    accepted.forEach((publisher, events) ->
        publisher.tell(
            events.size() == 1
                ? new Accepted(events.get(0).requestId(), events.get(0).tries())
                : new AcceptedAll(events.stream().map(Event::requestId).toList())));
    writing = null;
    writeIfIdle();
    return answerDepthIfSettled();
  }

  private Behavior<Command> answerDepthIfSettled() {
    // Settled: recovered from its journal, and nothing received is still being written.
    if (recovered && writing == null && !depthAsked.isEmpty()) {
      depthAsked.forEach(asker -> asker.tell(new Depth(ready.size(), idleConsumers.size())));
      depthAsked.clear();
    }
    return this;
  }

  /** Whatever was unconfirmed when the bus last stopped goes out again, oldest first. */
  private Behavior<Command> onRecovered(JournalRecovered message) {
    recovered = true;
    List<Event> unconfirmed = message.recovered().unconfirmed();
    if (!unconfirmed.isEmpty()) {
      metrics.tell(new MetricsRecorder.EventsRedelivered(unconfirmed.size()));
      getContext().getLog().info("recovered {} unconfirmed events from the journal", unconfirmed.size());
      unconfirmed.forEach(event -> journaled.add(key(event)));
      unconfirmed.forEach(this::deliver);
    }
    return answerDepthIfSettled();
  }

  private void deliver(Event event) {
    ActorRef<Delivery> consumer = idleConsumers.poll();
    if (consumer != null) {
      handTo(consumer, event);
    } else {
      ready.add(event);
    }
  }

  private void handTo(ActorRef<Delivery> consumer, Event event) {
    consumer.tell(new Delivery(event, true));
    // A consumer's adapter is named under the consumer: its parent's name is the consumer's.
    inHand.put(key(event), consumer.path().parent().name());
  }

  /** Which of the requests asked about the bus holds: waiting, being journaled, or handed to a consumer and not confirmed. */
  private Behavior<Command> onWhereAre(WhereAre ask) {
    java.util.Set<Long> asked = new java.util.HashSet<>(ask.requestIds());
    java.util.Map<Long, String> seen = new java.util.TreeMap<>();
    for (Event event : ready) {
      if (asked.contains(event.requestId())) {
        seen.put(event.requestId(), "journaled, waiting for a consumer (try " + (event.tries() + 1) + ")");
      }
    }
    inHand.forEach((held, consumer) -> {
      if (asked.contains(held.requestId())) {
        seen.merge(held.requestId(), "handed to " + consumer + " for try " + (held.tries() + 1) + ", not confirmed", (a, b) -> a + "; " + b);
      }
    });
    for (Key pending : toBeJournaled) {
      if (asked.contains(pending.requestId())) {
        seen.merge(pending.requestId(), "waiting to be journaled", (a, b) -> a + "; " + b);
      }
    }
    ask.replyTo().tell(new cascade.metrics.Whereabouts.Answer("durable event bus on " + getContext().getSelf().path().address(), seen));
    return this;
  }

  private Behavior<Command> onPull(Pull pull) {
    Event next = ready.poll();
    if (next != null) {
      handTo(pull.consumer(), next);
    } else {
      idleConsumers.add(pull.consumer());
    }
    return this;
  }
}
