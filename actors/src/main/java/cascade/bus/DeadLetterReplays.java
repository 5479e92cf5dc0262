package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import cascade.runtime.Persisted;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code cascade dlq replay} did with one dead-letter queue: which of its letters were
 * replayed, and into which replay. Journaled beside the queue under a name of its own, so the
 * queue's journal stays the run's record, and written only by the command, never by a run.
 *
 * <p>A queue's letters are numbered 1, 2, ... in the order the queue journaled them (the order
 * {@code dlq list} shows). A replay takes a range of them: every letter after those already
 * replayed, or all of them again; so one event marks any number of letters and the state grows
 * with the number of replays, not of letters.
 */
public final class DeadLetterReplays extends EventSourcedBehavior<DeadLetterReplays.Command, DeadLetterReplays.Replayed, DeadLetterReplays.History> {

  public sealed interface Command {}

  /** Journal {@code replayed}, then tell {@code replyTo}. */
  public record Record(Replayed replayed, ActorRef<Recorded> replyTo) implements Command {}

  /** The mark is in the journal. */
  public record Recorded(Replayed replayed) {}

  public record GetHistory(ActorRef<History> replyTo) implements Command {}

  /** What it journals: letters {@code first} to {@code last} (both included) were replayed into {@code replay}. */
  public record Replayed(String replay, long first, long last) implements Persisted {
    public Replayed {
      if (first < 1 || last < first) {
        throw new IllegalArgumentException("a replay takes letters first..last with 1 <= first <= last, but was " + first + ".." + last);
      }
    }

    public long letters() {
      return last - first + 1;
    }

    boolean took(long letter) {
      return first <= letter && letter <= last;
    }
  }

  /** Every replay of the queue, oldest first. */
  public record History(List<Replayed> replays) {
    public static final History NONE = new History(List.of());

    public History {
      replays = List.copyOf(replays);
    }

    /**
     * The highest n such that letters 1 to n have all been replayed at least once (0 when none
     * has): the next replay, unless told to replay everything again, starts after it.
     */
    public long replayedThrough() {
      long through = 0;
      List<Replayed> byFirst = new ArrayList<>(replays);
      byFirst.sort(Comparator.comparingLong(Replayed::first));
      for (Replayed replayed : byFirst) {
        if (replayed.first() > through + 1) {
          break;
        }
        through = Math.max(through, replayed.last());
      }
      return through;
    }

    /** The replays that took {@code letter}, oldest first. */
    public List<String> replaysOf(long letter) {
      return replays.stream().filter(r -> r.took(letter)).map(Replayed::replay).toList();
    }

    /** The last replay that took {@code letter}, or null if none did. */
    public String lastReplayOf(long letter) {
      for (int i = replays.size() - 1; i >= 0; i--) {
        if (replays.get(i).took(letter)) {
          return replays.get(i).replay();
        }
      }
      return null;
    }

    History with(Replayed replayed) {
      List<Replayed> more = new ArrayList<>(replays);
      more.add(replayed);
      return new History(more);
    }
  }

  /** The journal name of the replays of a dead-letter queue ({@code run/architecture}). */
  public static String persistenceId(String queue) {
    return "dead-letter-replays|" + queue;
  }

  private DeadLetterReplays(PersistenceId id) {
    super(id);
  }

  /** @param queue the queue's name in its run, {@code run/architecture} */
  public static Behavior<Command> create(String queue) {
    return Behaviors.setup(context -> new DeadLetterReplays(PersistenceId.ofUniqueId(persistenceId(queue))));
  }

  @Override
  public History emptyState() {
    return History.NONE;
  }

  @Override
  public CommandHandler<Command, Replayed, History> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Record.class, (state, record) -> Effect().persist(record.replayed()).thenRun(after -> record.replyTo().tell(new Recorded(record.replayed()))))
        .onCommand(GetHistory.class, (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(s)))
        .build();
  }

  @Override
  public EventHandler<History, Replayed> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(Replayed.class, History::with).build();
  }
}
