package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.runtime.Clock;
import cascade.runtime.CrossesNodes;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's dead-letter queue: events whose last allowed try failed. Being accepted here
 * is the event's outcome. It counts every dead letter and keeps the first {@code kept} for the
 * report, so its memory is bounded however many arrive.
 *
 * <p>Not to be confused with Akka's own dead letters (messages that could not be delivered).
 */
public final class DeadLetterQueue extends AbstractBehavior<DeadLetterQueue.Command> {

  public sealed interface Command {}

  public record Enqueue(DeadLetter letter) implements Command, CrossesNodes {}

  public record GetDeadLetters(ActorRef<DeadLetters> replyTo) implements Command {}

  /**
   * Keep {@code letter} and tell {@code replyTo} once it is kept (journaled, for the durable queue);
   * the sender then reports the outcome itself. A durable event path's consumers use this, so
   * that the outcome is reported, and the event confirmed, only after the letter is safe.
   */
  public record Store(DeadLetter letter, ActorRef<Stored> replyTo) implements Command, CrossesNodes {}

  /** The letter is kept. */
  public record Stored(DeadLetter letter) implements CrossesNodes {}

  /**
   * @param requestId     the request the event carried
   * @param tries         how many times it was tried
   * @param reason        why its last try failed
   * @param intendedNanos when it was meant to be sent
   * @param requestClass  the request's class
   * @param failures      how each try ended, in order (the last one too)
   */
  public record DeadLetter(long requestId, int tries, String reason, long intendedNanos, int requestClass, List<String> failures) {
    public DeadLetter {
      failures = List.copyOf(failures);
    }

    public DeadLetter(long requestId, int tries, String reason, long intendedNanos) {
      this(requestId, tries, reason, intendedNanos, 0, List.of());
    }
  }

  /** How many dead letters arrived, and the first ones kept. */
  public record DeadLetters(long total, List<DeadLetter> kept) {}

  private final int keep;
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final List<DeadLetter> kept = new ArrayList<>();
  private long total;

  private DeadLetterQueue(ActorContext<Command> context, int keep, ActorRef<MetricsRecorder.Command> metrics) {
    super(context);
    this.keep = keep;
    this.metrics = metrics;
  }

  public static Behavior<Command> create(int keep, ActorRef<MetricsRecorder.Command> metrics) {
    return Behaviors.setup(context -> new DeadLetterQueue(context, keep, metrics));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Enqueue.class, this::onEnqueue)
        .onMessage(GetDeadLetters.class, this::onGetDeadLetters)
        .onMessage(Store.class, store -> {
          keep(store.letter());
          store.replyTo().tell(new Stored(store.letter()));
          return this;
        })
        .build();
  }

  private void keep(DeadLetter letter) {
    total++;
    if (kept.size() < keep) {
      kept.add(letter);
    }
  }

  private Behavior<Command> onEnqueue(Enqueue enqueue) {
    DeadLetter letter = enqueue.letter();
    keep(letter);
    long endToEnd = Clock.nanos() - letter.intendedNanos();
    metrics.tell(new MetricsRecorder.RequestEnded(Outcome.DEAD_LETTERED, letter.reason(), endToEnd, letter.requestClass(), letter.requestId()));
    return this;
  }

  private Behavior<Command> onGetDeadLetters(GetDeadLetters get) {
    get.replyTo().tell(new DeadLetters(total, List.copyOf(kept)));
    return this;
  }
}
