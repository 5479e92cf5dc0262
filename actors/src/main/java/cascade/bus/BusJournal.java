package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable bus's journal: an event-sourced actor whose state is the unconfirmed events. It only
 * writes batches and says when they are on disk; {@link DurableEventBus}, its parent, does
 * everything else.
 *
 * <p>Why a child: an event-sourced actor stashes the commands that arrive while it writes and
 * replays them one by one afterwards, recursively in Akka 2.6, so thousands of publications arriving
 * during one write overflow the stack. The parent collects them instead and sends one batch at a
 * time, so this actor's stash holds a message or two.
 */
final class BusJournal
    extends EventSourcedBehavior<BusJournal.Command, DurableEventBus.Journaled, BusJournal.Unconfirmed> {

  sealed interface Command {}

  /** Journal these publications and confirmations, then say so. */
  record Write(List<Event> published, List<DurableEventBus.Confirmed> confirmed) implements Command {}

  /** Recovered from the journal: the events never confirmed, oldest first (possibly none). */
  record Recovered(List<Event> unconfirmed) {}

  /** A batch is on disk; {@code published} may now be delivered and answered. */
  record Written(List<Event> published) {}

  /** A try of a request: the journal's key for an event (a re-published try is a new event). */
  private record Key(long requestId, int tries) {}

  /** Accepted events not yet confirmed, oldest first. Only the event handler changes it. */
  static final class Unconfirmed {
    private final Map<Key, Event> events = new LinkedHashMap<>();
  }

  private final int snapshotEvery;
  private final ActorRef<Recovered> recovered;
  private final ActorRef<Written> written;

  private BusJournal(PersistenceId id, int snapshotEvery, ActorRef<Recovered> recovered, ActorRef<Written> written) {
    super(id);
    this.snapshotEvery = snapshotEvery;
    this.recovered = recovered;
    this.written = written;
  }

  static Behavior<Command> create(String persistenceId, int snapshotEvery, ActorRef<Recovered> recovered, ActorRef<Written> written) {
    return Behaviors.setup(context -> new BusJournal(PersistenceId.ofUniqueId(persistenceId), snapshotEvery, recovered, written));
  }

  @Override
  public Unconfirmed emptyState() {
    return new Unconfirmed();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // Keep two snapshots and delete the events before them: the journal then grows with the
    // number of unconfirmed events, not with the run's length.
    return snapshotEvery == 0
        ? RetentionCriteria.disabled()
        : RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public akka.persistence.typed.SnapshotAdapter<Unconfirmed> snapshotAdapter() {
    // The state is mutable; a snapshot is an immutable copy taken on the actor's own thread.
    return new akka.persistence.typed.SnapshotAdapter<>() {
      @Override
      public Object toJournal(Unconfirmed state) {
        return new DurableEventBus.Snapshot(List.copyOf(state.events.values()));
      }

      @Override
      public Unconfirmed fromJournal(Object from) {
        Unconfirmed state = new Unconfirmed();
        for (Event event : ((DurableEventBus.Snapshot) from).unconfirmed()) {
          state.events.put(key(event), event);
        }
        return state;
      }
    };
  }

  @Override
  public EventHandler<Unconfirmed, DurableEventBus.Journaled> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(DurableEventBus.Published.class, (state, published) -> {
          state.events.put(key(published.event()), published.event());
          return state;
        })
        .onEvent(DurableEventBus.Confirmed.class, (state, confirmed) -> {
          state.events.remove(new Key(confirmed.requestId(), confirmed.tries()));
          return state;
        })
        .build();
  }

  @Override
  public SignalHandler<Unconfirmed> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> recovered.tell(new Recovered(List.copyOf(state.events.values()))))
        .build();
  }

  @Override
  public CommandHandler<Command, DurableEventBus.Journaled, Unconfirmed> commandHandler() {
    return newCommandHandlerBuilder().forAnyState().onCommand(Write.class, this::onWrite).build();
  }

  private akka.persistence.typed.javadsl.Effect<DurableEventBus.Journaled, Unconfirmed> onWrite(Unconfirmed state, Write write) {
    List<DurableEventBus.Journaled> batch = new ArrayList<>(write.published().size() + write.confirmed().size());
    write.published().forEach(event -> batch.add(new DurableEventBus.Published(event)));
    for (DurableEventBus.Confirmed confirmed : write.confirmed()) {
      // A confirmation of what is not there was confirmed before a crash that redelivered it.
      if (state.events.containsKey(new Key(confirmed.requestId(), confirmed.tries()))) {
        batch.add(confirmed);
      }
    }
    if (batch.isEmpty()) {
      written.tell(new Written(write.published()));
      return Effect().none();
    }
    return Effect().persist(batch).thenRun(after -> written.tell(new Written(write.published())));
  }

  private static Key key(Event event) {
    return new Key(event.requestId(), event.tries());
  }
}
