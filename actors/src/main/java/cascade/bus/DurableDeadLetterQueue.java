package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.runtime.Clock;
import cascade.runtime.Persisted;
import java.util.ArrayList;
import java.util.List;

/**
 * The dead-letter queue with a journal: every dead letter is journaled before it counts as its
 * request's outcome, so the run folder keeps them for {@code cascade dlq list} and {@code cascade
 * dlq replay}. Like {@link DeadLetterQueue} it counts all and keeps the first {@code keep}, so its
 * state is bounded; the journal holds every one.
 */
public final class DurableDeadLetterQueue
    extends EventSourcedBehavior<DeadLetterQueue.Command, DurableDeadLetterQueue.DeadLettered, DurableDeadLetterQueue.Letters> {

  /** What the queue journals: one dead letter. */
  public record DeadLettered(DeadLetterQueue.DeadLetter letter) implements Persisted {}

  /** Its state as a snapshot writes it. */
  public record Letters(long total, List<DeadLetterQueue.DeadLetter> kept) implements Persisted {
    public Letters {
      kept = List.copyOf(kept);
    }
  }

  /** The journal name of a run's dead-letter queue. */
  public static String persistenceId(String run) {
    return "dead-letters|" + run;
  }

  private final int keep;
  private final int snapshotEvery;
  private final ActorRef<MetricsRecorder.Command> metrics;

  private DurableDeadLetterQueue(PersistenceId id, int keep, int snapshotEvery, ActorRef<MetricsRecorder.Command> metrics) {
    super(id);
    this.keep = keep;
    this.snapshotEvery = snapshotEvery;
    this.metrics = metrics;
  }

  /**
   * @param metrics told each new dead letter's outcome; null when only reading a past run's queue
   */
  public static Behavior<DeadLetterQueue.Command> create(
      String persistenceId, int keep, int snapshotEvery, ActorRef<MetricsRecorder.Command> metrics) {
    return Behaviors.setup(context -> new DurableDeadLetterQueue(PersistenceId.ofUniqueId(persistenceId), keep, snapshotEvery, metrics));
  }

  @Override
  public Letters emptyState() {
    return new Letters(0, List.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // Events are kept: they are the record `dlq list` reads beyond the kept ones.
    return snapshotEvery == 0 ? RetentionCriteria.disabled() : RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }

  @Override
  public CommandHandler<DeadLetterQueue.Command, DeadLettered, Letters> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(
            DeadLetterQueue.Enqueue.class,
            (state, enqueue) ->
                Effect()
                    .persist(new DeadLettered(enqueue.letter()))
                    .thenRun(
                        after -> {
                          DeadLetterQueue.DeadLetter letter = enqueue.letter();
                          long endToEnd = Clock.nanos() - letter.intendedNanos();
                          metrics.tell(new MetricsRecorder.RequestEnded(Outcome.DEAD_LETTERED, letter.reason(), endToEnd, letter.requestClass(), letter.requestId()));
                        }))
        .onCommand(
            DeadLetterQueue.Store.class,
            (state, store) -> Effect().persist(new DeadLettered(store.letter())).thenRun(after -> store.replyTo().tell(new DeadLetterQueue.Stored(store.letter()))))
        .onCommand(
            DeadLetterQueue.GetDeadLetters.class,
            (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(new DeadLetterQueue.DeadLetters(s.total(), s.kept()))))
        .build();
  }

  @Override
  public EventHandler<Letters, DeadLettered> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            DeadLettered.class,
            (state, event) -> {
              if (state.kept().size() >= keep) {
                return new Letters(state.total() + 1, state.kept());
              }
              // Copying the kept list on each of the first `keep` letters only; after that it is shared.
              List<DeadLetterQueue.DeadLetter> kept = new ArrayList<>(state.kept());
              kept.add(event.letter());
              return new Letters(state.total() + 1, kept);
            })
        .build();
  }
}
