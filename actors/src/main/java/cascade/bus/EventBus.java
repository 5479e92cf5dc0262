package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.bus.BusProtocol.Accepted;
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
import cascade.bus.BusProtocol.WhereAre;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.runtime.Clock;
import java.util.ArrayDeque;

/**
 * A bounded queue of events between publishers and consumers, in memory; it speaks the
 * {@link BusProtocol}.
 *
 * <p>Consumers pull: each {@link Pull} is the demand for one event, answered at once if an event
 * is waiting, or as soon as one is published. So the bus never pushes more work to a consumer
 * than it asked for, and backpressure is explicit. Publishing to a full bus drops the event, and
 * the drop is its outcome.
 */
public final class EventBus extends AbstractBehavior<Command> {

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
    offer.replyTo().tell(full ? new Dropped(event.requestId(), event.tries()) : new Accepted(event.requestId(), event.tries()));
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
