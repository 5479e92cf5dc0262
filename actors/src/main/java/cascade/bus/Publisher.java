package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a run's requests into a durable bus until the bus says each is safe.
 *
 * <p>Every request is offered ({@link BusProtocol.Offer}) and kept until the bus answers {@link
 * BusProtocol.Accepted} (journaled) or {@link BusProtocol.Dropped} (bus full: that is its
 * outcome). An offer without an answer after {@code resendAfter} is sent again: an offer or its
 * answer may be lost when the bus's node dies (the bus recognises an offer it already holds). When the bus is gone (its node was removed) the
 * publisher holds everything until it is told where the bus is now ({@link BusMoved}), then offers
 * it all there. An offer sent twice may be journaled twice; the metrics count the second outcome as
 * a duplicate. It holds only requests not yet accepted, so its memory grows with an outage, not
 * with the run.
 */
public final class Publisher extends AbstractBehavior<Publisher.Command> {

  public sealed interface Command {}

  /** A new request from the load generator. */
  public record Publish(long requestId, long intendedNanos, int requestClass) implements Command {

    /** A request of the one class a load without classes has. */
    public Publish(long requestId, long intendedNanos) {
      this(requestId, intendedNanos, 0);
    }
  }

  /** Asks which of {@code requestIds} wait here for the bus to accept them (a stalled run's report). */
  public record WhereAre(List<Long> requestIds, ActorRef<cascade.metrics.Whereabouts.Answer> replyTo) implements Command {
    public WhereAre {
      requestIds = List.copyOf(requestIds);
    }
  }

  /** The bus runs at a new address now (restarted on a new node process). */
  public record BusMoved(ActorRef<BusProtocol.Command> bus) implements Command {}

  private record Answered(BusProtocol.Reply reply) implements Command {}

  private enum Resend implements Command {
    INSTANCE
  }

  private record BusGone(ActorRef<BusProtocol.Command> bus) implements Command {}

  private final ActorRef<BusProtocol.Reply> answers;
  /** Offers not yet answered, by request id, oldest first, with the tick each was last sent in. */
  private final Map<Long, Sent> unanswered = new LinkedHashMap<>();

  /**
   * Resend ticks come four times per {@code resendAfter}; an offer is sent again once four have
   * passed since it was last sent. Counting ticks rather than reading a clock keeps the publisher
   * testable with manual time.
   */
  private static final int TICKS_PER_RESEND = 4;

  /** Events per message when offering many at once (about 20 kB each). */
  static final int OFFERS_PER_MESSAGE = 256;

  private long tick;
  private final long resendAfterNanos;

  private record Sent(Event event, long tick) {}
  private ActorRef<BusProtocol.Command> bus;

  private Publisher(ActorContext<Command> context, TimerScheduler<Command> timers, ActorRef<BusProtocol.Command> bus, Duration resendAfter) {
    super(context);
    this.answers = context.messageAdapter(BusProtocol.Reply.class, Answered::new);
    this.resendAfterNanos = resendAfter.toNanos();
    watch(bus);
    timers.startTimerWithFixedDelay(Resend.INSTANCE, resendAfter.dividedBy(TICKS_PER_RESEND));
  }

  public static Behavior<Command> create(ActorRef<BusProtocol.Command> bus, Duration resendAfter) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Publisher(context, timers, bus, resendAfter)));
  }

  private void watch(ActorRef<BusProtocol.Command> newBus) {
    bus = newBus;
    getContext().watchWith(newBus, new BusGone(newBus));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Publish.class, this::onPublish)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(Resend.class, resend -> {
          tick++;
          return offer(false);
        })
        .onMessage(BusGone.class, gone -> {
          if (gone.bus().equals(bus)) {
            bus = null;
          }
          return this;
        })
        .onMessage(BusMoved.class, moved -> {
          watch(moved.bus());
          return offer(true);
        })
        .onMessage(WhereAre.class, this::onWhereAre)
        .onSignal(Terminated.class, terminated -> this)
        .build();
  }

  private Behavior<Command> onWhereAre(WhereAre ask) {
    Map<Long, String> seen = new LinkedHashMap<>();
    String where = bus == null ? "no bus to offer it to (its node is gone and no new one has started it)" : "the bus at " + bus.path().address();
    for (long id : ask.requestIds()) {
      Sent sent = unanswered.get(id);
      if (sent != null) {
        double seconds = (tick - sent.tick()) * resendAfterNanos / (double) TICKS_PER_RESEND / 1e9;
        seen.put(id, String.format(java.util.Locale.ROOT, "offered, not accepted yet (last offered %.1f s ago, to %s)", seconds, where));
      }
    }
    ask.replyTo().tell(new cascade.metrics.Whereabouts.Answer("publisher", seen));
    return this;
  }

  private Behavior<Command> onPublish(Publish publish) {
    Event event = new Event(publish.requestId(), publish.intendedNanos(), publish.requestClass());
    unanswered.put(event.requestId(), new Sent(event, tick));
    if (bus != null) {
      bus.tell(new BusProtocol.Offer(event, answers));
    }
    return this;
  }

  private Behavior<Command> onAnswered(Answered answered) {
    BusProtocol.Reply reply = answered.reply();
    if (reply instanceof BusProtocol.AcceptedAll all) {
      all.requestIds().forEach(unanswered::remove);
    } else if (reply instanceof BusProtocol.Accepted accepted) {
      unanswered.remove(accepted.requestId());
    } else {
      unanswered.remove(((BusProtocol.Dropped) reply).requestId());
    }
    return this;
  }

  /**
   * Offers again what has waited a full resend period for an answer, or everything, in messages of
   * at most {@link #OFFERS_PER_MESSAGE} events: an outage's backlog is thousands of requests, and a
   * message each would overflow the send queue to the bus's node.
   */
  private Behavior<Command> offer(boolean everything) {
    if (bus == null) {
      return this;
    }
    List<Event> batch = new ArrayList<>();
    for (Map.Entry<Long, Sent> entry : unanswered.entrySet()) {
      Sent sent = entry.getValue();
      if (everything || tick - sent.tick() >= TICKS_PER_RESEND) {
        batch.add(sent.event());
        entry.setValue(new Sent(sent.event(), tick));
        if (batch.size() == OFFERS_PER_MESSAGE) {
          bus.tell(new BusProtocol.OfferAll(batch, answers));
          batch = new ArrayList<>();
        }
      }
    }
    if (batch.size() == 1) {
      bus.tell(new BusProtocol.Offer(batch.get(0), answers));
    } else if (!batch.isEmpty()) {
      bus.tell(new BusProtocol.OfferAll(batch, answers));
    }
    return this;
  }
}
