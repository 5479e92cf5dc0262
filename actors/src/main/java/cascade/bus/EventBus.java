package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.runtime.Clock;
import cascade.runtime.CrossesNodes;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A bounded queue of events between publishers and consumers.
 *
 * <p>Consumers pull: each {@link Pull} is the demand for one event, answered at once if an event
 * is waiting, or as soon as one is published. So the bus never pushes more work to a consumer
 * than it asked for, and backpressure is explicit. Publishing to a full bus drops the event, and
 * the drop is its outcome.
 */
public final class EventBus extends AbstractBehavior<EventBus.Command> {

  public sealed interface Command {}

  public record Publish(Event event) implements Command, CrossesNodes {}

  /**
   * Publishes and asks to be told the outcome: {@link DurableEventBus.Accepted} once the event is
   * safe (journaled, for the durable bus; queued or handed over, for this one), or {@link Dropped}.
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

  /** The durable bus's own messages (its journal's answers): no outsider can send them. */
  sealed interface Internal extends Command permits DurableEventBus.JournalRecovered, DurableEventBus.BatchWritten {}

  /** The bus's answer to an {@link Offer}. */
  public sealed interface Reply extends CrossesNodes permits DurableEventBus.Accepted, DurableEventBus.AcceptedAll, Dropped {}

  /** The bus was full: the event was dropped, and that is its request's outcome. */
  public record Dropped(long requestId, int tries) implements Reply {}

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

  public record Depth(int events, int idleConsumers) implements CrossesNodes {}

  /** Asks which of {@code requestIds} the bus holds, and how (a stalled run's report). */
  public record WhereAre(List<Long> requestIds, ActorRef<cascade.metrics.Whereabouts.Answer> replyTo) implements Command, CrossesNodes {
    public WhereAre {
      requestIds = List.copyOf(requestIds);
    }
  }

  private final int capacity;
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final ArrayDeque<Event> events = new ArrayDeque<>();
  private final ArrayDeque<ActorRef<Delivery>> idleConsumers = new ArrayDeque<>();

  private EventBus(ActorContext<Command> context, int capacity, ActorRef<MetricsRecorder.Command> metrics) {
    super(context);
    this.capacity = capacity;
    this.metrics = metrics;
  }

  public static Behavior<Command> create(int capacity, ActorRef<MetricsRecorder.Command> metrics) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
    }
    return Behaviors.setup(context -> new EventBus(context, capacity, metrics));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Publish.class, this::onPublish)
        .onMessage(Offer.class, this::onOffer)
        .onMessage(OfferAll.class, all -> {
          all.events().forEach(event -> onOffer(new Offer(event, all.replyTo())));
          return this;
        })
        .onMessage(Pull.class, this::onPull)
        .onMessage(GetDepth.class, this::onGetDepth)
        .onMessage(Confirm.class, confirm -> this) // it never asks for one
        .onMessage(WhereAre.class, this::onWhereAre)
        .build();
  }

  private Behavior<Command> onPublish(Publish publish) {
    ActorRef<Delivery> consumer = idleConsumers.poll();
    if (consumer != null) {
      consumer.tell(new Delivery(publish.event()));
    } else if (events.size() < capacity) {
      events.add(publish.event());
    } else {
      long endToEnd = Clock.nanos() - publish.event().intendedNanos();
      metrics.tell(new MetricsRecorder.RequestEnded(Outcome.DROPPED, Reasons.BUS_FULL, endToEnd, publish.event().requestClass(), publish.event().requestId()));
    }
    return this;
  }

  private Behavior<Command> onOffer(Offer offer) {
    Event event = offer.event();
    boolean full = idleConsumers.isEmpty() && events.size() >= capacity;
    onPublish(new Publish(event));
    offer.replyTo().tell(full ? new Dropped(event.requestId(), event.tries()) : new DurableEventBus.Accepted(event.requestId(), event.tries()));
    return this;
  }

  private Behavior<Command> onPull(Pull pull) {
    Event next = events.poll();
    if (next != null) {
      pull.consumer().tell(new Delivery(next));
    } else {
      idleConsumers.add(pull.consumer());
    }
    return this;
  }

  private Behavior<Command> onWhereAre(WhereAre ask) {
    java.util.Set<Long> asked = new java.util.HashSet<>(ask.requestIds());
    java.util.Map<Long, String> seen = new java.util.LinkedHashMap<>();
    for (Event event : events) {
      if (asked.contains(event.requestId())) {
        seen.put(event.requestId(), "waiting in the bus for a consumer (try " + (event.tries() + 1) + ")");
      }
    }
    ask.replyTo().tell(new cascade.metrics.Whereabouts.Answer("event bus on " + getContext().getSelf().path().address(), seen));
    return this;
  }

  private Behavior<Command> onGetDepth(GetDepth get) {
    get.replyTo().tell(new Depth(events.size(), idleConsumers.size()));
    return this;
  }
}
