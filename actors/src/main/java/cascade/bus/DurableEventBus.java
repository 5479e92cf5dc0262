package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.runtime.Clock;
import cascade.runtime.Persisted;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event bus with a journal: what it accepts survives a crash of its node.
 *
 * <p>The same pull protocol as {@link EventBus} (consumers {@link EventBus.Pull} one event at a
 * time, a full bus drops), with three differences. An event is journaled before anything else
 * happens to it: no consumer sees it, and no publisher hears {@link Accepted}, until it is on disk.
 * Deliveries ask for a {@link EventBus.Confirm}, which is journaled too. And when the bus starts
 * on a journal that holds unconfirmed events (its node was killed), it delivers them again and
 * tells the metrics how many: at-least-once delivery, whose duplicate outcomes the metrics
 * recorder recognises by request id.
 *
 * <p>The state is the unconfirmed events only (at most the bus's capacity plus one per consumer),
 * so neither memory nor recovery grows with the number of requests; snapshots every {@code
 * snapshotEvery} journaled events keep recovery short in long runs.
 */
public final class DurableEventBus extends EventSourcedBehavior<EventBus.Command, DurableEventBus.Journaled, DurableEventBus.Unconfirmed> {

  /** What the bus journals. */
  public sealed interface Journaled extends Persisted {}

  /** An event was accepted; it stays until confirmed. */
  public record Published(Event event) implements Journaled {}

  /** A consumer is done with try {@code tries} of request {@code requestId}. */
  public record Confirmed(long requestId, int tries) implements Journaled {}

  /** The unconfirmed events as a snapshot writes them. */
  public record Snapshot(List<Event> unconfirmed) implements Persisted {}

  /** The bus journaled an event a publisher offered. */
  public record Accepted(long requestId, int tries) implements EventBus.Reply {}

  /** The journal name of a run's bus. */
  public static String persistenceId(String run) {
    return "event-bus|" + run;
  }

  /** A try of a request: the journal's key for an event (a re-published try is a new event). */
  private record Key(long requestId, int tries) {}

  /** The state: accepted events not yet confirmed, oldest first. Only the event handler changes it. */
  public static final class Unconfirmed {
    private final Map<Key, Event> events = new LinkedHashMap<>();

    public int size() {
      return events.size();
    }
  }

  private final ActorContext<EventBus.Command> context;
  private final int capacity;
  private final int snapshotEvery;
  private final ActorRef<MetricsRecorder.Command> metrics;
  // Not journaled: who is waiting now, and which accepted events no consumer has yet. After a
  // restart nobody is waiting and every unconfirmed event is ready again.
  private final ArrayDeque<Event> ready = new ArrayDeque<>();
  private final ArrayDeque<ActorRef<EventBus.Delivery>> idleConsumers = new ArrayDeque<>();

  private DurableEventBus(
      ActorContext<EventBus.Command> context,
      PersistenceId id,
      int capacity,
      int snapshotEvery,
      ActorRef<MetricsRecorder.Command> metrics) {
    super(id);
    this.context = context;
    this.capacity = capacity;
    this.snapshotEvery = snapshotEvery;
    this.metrics = metrics;
  }

  /**
   * @param persistenceId the bus's name in the journal: the same name finds the same events again
   * @param snapshotEvery journaled events between snapshots, or 0 for none
   */
  public static Behavior<EventBus.Command> create(
      String persistenceId, int capacity, int snapshotEvery, ActorRef<MetricsRecorder.Command> metrics) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
    }
    if (snapshotEvery < 0) {
      throw new IllegalArgumentException("snapshotEvery must be 0 or more, but was " + snapshotEvery);
    }
    return Behaviors.setup(
        context -> new DurableEventBus(context, PersistenceId.ofUniqueId(persistenceId), capacity, snapshotEvery, metrics));
  }

  @Override
  public Unconfirmed emptyState() {
    return new Unconfirmed();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // Keep two snapshots and delete the events before them: the journal then grows with the
    // number of unconfirmed events, not with the run's length.
    return snapshotEvery == 0 ? RetentionCriteria.disabled() : RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public akka.persistence.typed.SnapshotAdapter<Unconfirmed> snapshotAdapter() {
    // The state is mutable; a snapshot is an immutable copy taken on the actor's own thread.
    return new akka.persistence.typed.SnapshotAdapter<>() {
      @Override
      public Object toJournal(Unconfirmed state) {
        return new Snapshot(List.copyOf(state.events.values()));
      }

      @Override
      public Unconfirmed fromJournal(Object from) {
        Unconfirmed state = new Unconfirmed();
        for (Event event : ((Snapshot) from).unconfirmed()) {
          state.events.put(key(event), event);
        }
        return state;
      }
    };
  }

  @Override
  public EventHandler<Unconfirmed, Journaled> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Published.class, (state, published) -> {
          state.events.put(key(published.event()), published.event());
          return state;
        })
        .onEvent(Confirmed.class, (state, confirmed) -> {
          state.events.remove(new Key(confirmed.requestId(), confirmed.tries()));
          return state;
        })
        .build();
  }

  @Override
  public SignalHandler<Unconfirmed> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              // Whatever was unconfirmed when the bus last stopped goes out again, oldest first.
              ready.addAll(state.events.values());
              if (!ready.isEmpty()) {
                metrics.tell(new MetricsRecorder.EventsRedelivered(ready.size()));
                context.getLog().info("recovered {} unconfirmed events from the journal", ready.size());
              }
            })
        .build();
  }

  @Override
  public CommandHandler<EventBus.Command, Journaled, Unconfirmed> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(EventBus.Publish.class, (state, publish) -> onPublish(publish.event(), null))
        .onCommand(EventBus.Offer.class, (state, offer) -> onPublish(offer.event(), offer.replyTo()))
        .onCommand(EventBus.Pull.class, (state, pull) -> onPull(pull))
        .onCommand(EventBus.Confirm.class, this::onConfirm)
        .onCommand(EventBus.GetDepth.class, (state, get) -> {
          get.replyTo().tell(new EventBus.Depth(ready.size(), idleConsumers.size()));
          return Effect().none();
        })
        .build();
  }

  private Effect<Journaled, Unconfirmed> onPublish(Event event, ActorRef<EventBus.Reply> replyTo) {
    if (ready.size() >= capacity) {
      long endToEnd = Clock.nanos() - event.intendedNanos();
      metrics.tell(new MetricsRecorder.RequestEnded(Outcome.DROPPED, Reasons.BUS_FULL, endToEnd, event.requestId()));
      if (replyTo != null) {
        replyTo.tell(new EventBus.Dropped(event.requestId(), event.tries()));
      }
      return Effect().none();
    }
    return Effect()
        .persist(new Published(event))
        .thenRun(
            state -> {
              if (replyTo != null) {
                replyTo.tell(new Accepted(event.requestId(), event.tries()));
              }
              ActorRef<EventBus.Delivery> consumer = idleConsumers.poll();
              if (consumer != null) {
                consumer.tell(new EventBus.Delivery(event, true));
              } else {
                ready.add(event);
              }
            });
  }

  private Effect<Journaled, Unconfirmed> onPull(EventBus.Pull pull) {
    Event next = ready.poll();
    if (next != null) {
      pull.consumer().tell(new EventBus.Delivery(next, true));
    } else {
      idleConsumers.add(pull.consumer());
    }
    return Effect().none();
  }

  private Effect<Journaled, Unconfirmed> onConfirm(Unconfirmed state, EventBus.Confirm confirm) {
    if (!state.events.containsKey(new Key(confirm.requestId(), confirm.tries()))) {
      return Effect().none(); // confirmed already, before a crash that redelivered it
    }
    return Effect().persist(new Confirmed(confirm.requestId(), confirm.tries()));
  }

  private static Key key(Event event) {
    return new Key(event.requestId(), event.tries());
  }
}
