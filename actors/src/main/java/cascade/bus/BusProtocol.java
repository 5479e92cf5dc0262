package cascade.bus;

import akka.actor.typed.ActorRef;
import cascade.metrics.Whereabouts;
import cascade.runtime.CrossesNodes;
import java.util.List;

/**
 * What publishers and consumers say to an event bus, and what it answers: the one protocol that
 * both {@link EventBus} (in memory) and {@link DurableEventBus} (journaled) speak, so that whoever
 * talks to a bus need not know which one it is.
 *
 * <p>Consumers pull: each {@link Pull} is the demand for one event, answered with a
 * {@link Delivery} at once if an event is waiting, or as soon as one is published. Publishing to
 * a full bus drops the event, and the drop is its outcome.
 *
 * <p>Each bus's own messages (the durable bus's journal answers) are private records of that
 * bus implementing {@link Internal}, which only this package can implement.
 */
public final class BusProtocol {

  private BusProtocol() {}

  public sealed interface Command {}

  /** A bus's messages to itself; each bus keeps its own private, so no outsider can send them. */
  non-sealed interface Internal extends Command {}

  /** Publishes an event without asking to hear its outcome. */
  public record Publish(Event event) implements Command, CrossesNodes {}

  /**
   * Publishes and asks to be told the outcome: {@link Accepted} once the event is safe (journaled,
   * for the durable bus; queued or handed over, for the in-memory one), or {@link Dropped}.
   */
  public record Offer(Event event, ActorRef<Reply> replyTo) implements Command, CrossesNodes {}

  /**
   * Publishes several events at once and asks to be told each one's outcome, as {@link Offer}
   * does: how a publisher offers a backlog without one message per event.
   */
  public record OfferAll(List<Event> events, ActorRef<Reply> replyTo) implements Command, CrossesNodes {
    public OfferAll {
      events = List.copyOf(events);
    }
  }

  /** A consumer is ready for one event. */
  public record Pull(ActorRef<Delivery> consumer) implements Command, CrossesNodes {}

  /**
   * Asks how many events wait in the bus. The durable bus answers once it has recovered from its
   * journal and what it received is journaled: asked before the load starts, the answer says the
   * bus is ready.
   */
  public record GetDepth(ActorRef<Depth> replyTo) implements Command, CrossesNodes {}

  /**
   * A consumer is done with a try of an event (it succeeded, was re-published as the next try, or
   * was dead-lettered): a durable bus forgets it. Sent only for deliveries that ask for it.
   */
  public record Confirm(long requestId, int tries) implements Command, CrossesNodes {}

  /** Asks which of {@code requestIds} the bus holds, and how (a stalled run's report). */
  public record WhereAre(List<Long> requestIds, ActorRef<Whereabouts.Answer> replyTo) implements Command, CrossesNodes {
    public WhereAre {
      requestIds = List.copyOf(requestIds);
    }
  }

  /** The bus's answer to an {@link Offer} or {@link OfferAll}. */
  public sealed interface Reply extends CrossesNodes {}

  /** The bus took the event: it is queued or handed over (journaled, for the durable bus). */
  public record Accepted(long requestId, int tries) implements Reply {}

  /**
   * The durable bus journaled these events a publisher offered, in one write: one answer per write
   * rather than per event, since a restarted bus may accept an outage's whole backlog at once, and
   * one message per event would overflow the send queue between nodes.
   */
  public record AcceptedAll(List<Long> requestIds) implements Reply {
    public AcceptedAll {
      requestIds = List.copyOf(requestIds);
    }
  }

  /** The bus was full: the event was dropped, and that is its request's outcome. */
  public record Dropped(long requestId, int tries) implements Reply {}

  /**
   * An event handed to a consumer that pulled.
   *
   * @param confirm true when the bus is durable: the consumer must {@link Confirm} the event once
   *     done with it, or it is delivered again after a crash
   */
  public record Delivery(Event event, boolean confirm) implements CrossesNodes {
    /** A delivery from the in-memory bus, which needs no confirmation. */
    public Delivery(Event event) {
      this(event, false);
    }
  }

  /** How many events wait in the bus, and how many consumers wait for one. */
  public record Depth(int events, int idleConsumers) implements CrossesNodes {}
}
