package cascade.metrics;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.DeadLetter;
import akka.actor.Dropped;
import akka.actor.typed.eventstream.EventStream;
import cascade.policy.PolicyEvent;
import cascade.runtime.Clock;
import cascade.runtime.CrossesNodes;
import cascade.service.DownstreamService;
import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts what happens in one architecture's run. Callers, consumers and the bus report attempts,
 * retries and outcomes here; the run asks to be told when every request has its outcome.
 */
public final class MetricsRecorder extends AbstractBehavior<MetricsRecorder.Command> {

  public sealed interface Command {}

  /** One call to the downstream service ended; the latency counts only when it succeeded. */
  public record AttemptEnded(AttemptResult result, long tutorialLatencyNanos) implements Command, CrossesNodes {}

  /**
   * A retry (or a re-publish) was scheduled, to go out at {@code dueNanos}
   * ({@link cascade.runtime.Clock#nanos()} scale).
   */
  public record RetryScheduled(long dueNanos) implements Command, CrossesNodes {}

  /** A resilience policy acted: a breaker changed state, a hedge went out, a call was refused. */
  public record PolicyActed(PolicyEvent event) implements Command, CrossesNodes {}

  /**
   * A topology's tier (or one of its edges) reports: counted in the run's {@link TierTally}, or,
   * sent to a {@link MetricsRelay}, shipped with its other counts. Never sent across nodes itself.
   */
  public record TierCounted(TierTally.Event event) implements Command {}

  /** A service instance started, crashed, or stopped. */
  public record InstanceChanged(DownstreamService.InstanceEvent event) implements Command, CrossesNodes {}

  /** Asks for Akka's dead letters counted so far (the run goes on). */
  public record GetAkkaDeadLetters(ActorRef<AkkaDeadLetters> replyTo) implements Command {}

  public record AkkaDeadLetters(Map<String, Long> counts) {}

  /** Akka could not deliver a message (subscribed from the event stream). */
  record Undelivered(String recipientPath, String recipient, String message) implements Command {}

  /** A {@link MetricsRelay} on another node counts for this run; it is asked to flush at the end. */
  public record RelayStarted(ActorRef<Command> relay) implements Command, CrossesNodes {}

  /**
   * What a {@link MetricsRelay} saw end and counted since its previous shipment, numbered from 0
   * per relay: the recorder applies each number once and in order, and acknowledges it ({@link
   * ShipmentsReceived}); the relay sends again what stays unacknowledged. {@code last} answers a
   * {@link Flush}.
   *
   * @param counted attempts, retries and the like, or null when nothing was counted
   * @param tiers   what the topology's tiers on the relay's node counted, or null when nothing
   */
  public record Shipment(
      ActorRef<Command> relay,
      long number,
      List<RequestEnded> ended,
      MetricsDelta counted,
      long redelivered,
      List<DownstreamService.InstanceEvent> instanceEvents,
      List<PolicyEvent> transitions,
      boolean last,
      TierTally.Delta tiers)
      implements Command, CrossesNodes {

    public Shipment {
      ended = List.copyOf(ended);
      instanceEvents = List.copyOf(instanceEvents);
      transitions = List.copyOf(transitions);
    }
  }

  /** The recorder has applied a relay's shipments up to number {@code upTo}. */
  public record ShipmentsReceived(long upTo) implements Command, CrossesNodes {}

  /** Asks a relay to ship what it has counted, now, as its last shipment. */
  public record Flush(ActorRef<Command> replyTo) implements Command, CrossesNodes {}

  /** A relay's own timer: time to ship. */
  record ShipTick() implements Command {}

  /** Asks the relays still owing their last shipment again: a Flush may be lost too. */
  private record FlushAgain() implements Command {}

  /** A relay stopped: its run part ended, or its node was removed from the cluster. */
  private record RelayGone(ActorRef<Command> relay) implements Command {}

  /** The relays that did not answer a flush in time have gone with their node. */
  private record FlushTimedOut() implements Command {}

  /** How long the end of a run waits for the relays' last shipments. */
  private static final Duration FLUSH_PATIENCE = Duration.ofSeconds(2);

  /**
   * A request reached its one outcome.
   *
   * @param requestClass the request's class (an index into the load's classes)
   * @param requestId the request, or -1 when the sender cannot end it twice: a durable bus
   *     delivers again after a crash, so the same request may end twice, and the second is
   *     counted as a duplicate, not as an outcome
   */
  public record RequestEnded(Outcome outcome, String reason, long endToEndNanos, int requestClass, long requestId)
      implements Command, CrossesNodes {

    /** The outcome of a request of the one class a load without classes has, ended only once. */
    public RequestEnded(Outcome outcome, String reason, long endToEndNanos) {
      this(outcome, reason, endToEndNanos, 0, -1);
    }
  }
  /**
   * A request reached its outcome, and {@code replyTo} wants to hear once it is counted: a durable
   * event path confirms an event to its journal only then, so that a crash in between makes it
   * deliver the event again rather than lose its outcome on the way.
   *
   * @param tries the journal's key for the event, with {@code ended.requestId()}
   */
  public record EndRequest(RequestEnded ended, int tries, ActorRef<Recorded> replyTo) implements Command, CrossesNodes {}

  /** The outcome of try {@code tries} of request {@code requestId} is counted (or was a duplicate). */
  public record Recorded(long requestId, int tries) implements CrossesNodes {}

  /** A durable bus recovered {@code events} unconfirmed events from its journal and delivers them again. */
  public record EventsRedelivered(long events) implements Command, CrossesNodes {}

  /**
   * Asks to be sent the metrics once {@code requests} requests have ended (at once if they
   * already have).
   */
  public record WhenAllEnded(long requests, ActorRef<AllEnded> replyTo) implements Command {}

  /**
   * Asks to be told of every request that ends from now on: how a closed-loop load generator
   * learns that a user's request is answered. Local to the node that runs the recorder.
   */
  public record TellEachEnd(ActorRef<RequestDone> subscriber) implements Command {}

  /** A request ended, with this outcome. */
  public record RequestDone(Outcome outcome) {}

  /**
   * A closed-loop load generator sent a request: the time series counts it as offered, since a
   * closed loop has no schedule to read that from.
   */
  public record Sent(long atNanos) implements Command {}

  /**
   * Asks to be told ({@link Stalled}) when requests are open and for {@code patience} no attempt
   * and no request has ended: a run that can no longer end (an outcome lost, a part that never
   * started again) ends with a report instead of waiting for ever. Sent once the load has started.
   *
   * @param dueBy how many requests the load has sent by a time (nanoseconds after {@code
   *     loadStartNanos}); null for a closed loop, whose sends are reported ({@link Sent})
   */
  public record WatchForStall(Duration patience, java.util.function.LongUnaryOperator dueBy, long loadStartNanos, ActorRef<Stalled> replyTo)
      implements Command {}

  /**
   * Nothing has ended for {@code quiet} (no attempt, no request), although {@code open} requests
   * are due and without an outcome.
   *
   * @param firstOpen the lowest ids without an outcome (at most {@link #OPEN_SHOWN})
   */
  public record Stalled(long ended, long open, Duration quiet, List<Long> firstOpen) {}

  /** How many open requests a stall names. */
  public static final int OPEN_SHOWN = 20;

  /** Time to look for a stall. */
  private record CheckForStall() implements Command {}

  /** Every request has an outcome. Hands over the metrics; the recorder stops counting. */
  public record AllEnded(RunMetrics metrics, long lastOutcomeNanos) {}

  /**
   * How often the recorder publishes its progress, in the run's own time: each interval of the
   * time series, so that a display sees the run move and a virtual-time run pays one small
   * snapshot per interval, whatever its rate.
   */
  static final long PROGRESS_EVERY_NANOS = TimeSeries.DEFAULT_INTERVAL_NANOS;

  private final RunMetrics metrics;
  private long expected = -1;
  private ActorRef<AllEnded> waiting;
  private ActorRef<RequestDone> endSubscriber;
  private long lastOutcomeNanos;
  /** When an attempt or a request last ended (or a retry was scheduled): the run was moving. */
  private long lastActivityNanos;
  private WatchForStall stallWatch;
  private long watchedSinceNanos;
  /** Requests a closed loop has reported sent. */
  private long sent;
  private final long startNanos;
  /** Where progress goes, or null. */
  private final ProgressBoard.Slot progress;
  /** When progress is next due ({@link Clock#nanos()} scale); never without a slot. */
  private long progressDueNanos = Long.MAX_VALUE;

  private final TimerScheduler<Command> timers;
  /** The relays of this run, each with the number of its next shipment to apply. */
  private final Map<ActorRef<Command>, Long> relays = new LinkedHashMap<>();
  /** The relays still running: asked for their last shipment at the end. */
  private final Set<ActorRef<Command>> liveRelays = new LinkedHashSet<>();
  /** Shipments that came before their turn, by relay and number. */
  private final Map<ActorRef<Command>, java.util.TreeMap<Long, Shipment>> early = new java.util.HashMap<>();
  /** Relays asked for their last shipment and not yet heard from. */
  private final Set<ActorRef<Command>> flushing = new LinkedHashSet<>();

  private MetricsRecorder(ActorContext<Command> context, TimerScheduler<Command> timers, long startNanos, ProgressBoard.Slot progress) {
    super(context);
    this.timers = timers;
    this.metrics = new RunMetrics(startNanos);
    this.startNanos = startNanos;
    this.progress = progress;
    subscribeToDeadLetters(context);
    if (progress != null) {
      progress.publish(RunProgress.STARTED);
      progressDueNanos = startNanos + PROGRESS_EVERY_NANOS;
    }
  }

  /**
   * Publishes the counts once an interval has passed since the last time. Called where the
   * recorder reads the clock anyway, so a run without a display pays one comparison.
   */
  private void publishProgressIfDue(long nowNanos) {
    if (nowNanos >= progressDueNanos) {
      progress.publish(RunProgress.of(metrics, nowNanos - startNanos, false));
      progressDueNanos = nowNanos + PROGRESS_EVERY_NANOS;
    }
  }

  /**
   * Akka's own dead letters (mailbox overflow, messages to stopped actors), kept apart from the
   * application's dead-letter queue.
   */
  static void subscribeToDeadLetters(ActorContext<Command> context) {
    ActorRef<DeadLetter> deadLetters =
        context.messageAdapter(DeadLetter.class, d -> new Undelivered(d.recipient().path().toString(), d.recipient().path().name(), simpleName(d.message())));
    ActorRef<Dropped> dropped =
        context.messageAdapter(
            Dropped.class, d -> new Undelivered(d.recipient().path().toString(), d.recipient().path().name(), simpleName(d.message())));
    context.getSystem().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, deadLetters));
    context.getSystem().eventStream().tell(new EventStream.Subscribe<>(Dropped.class, dropped));
  }

  /** Counts only this run's dead letters: a run that ended earlier may still leave some behind. */
  private Behavior<Command> onUndelivered(Undelivered undelivered) {
    String run = getContext().getSelf().path().parent().toString();
    if (undelivered.recipientPath().startsWith(run + "/")) {
      metrics.health().deadLetter(undelivered.recipient(), undelivered.message());
    }
    return this;
  }

  private static String simpleName(Object message) {
    return message.getClass().getSimpleName();
  }

  /**
   * @param startNanos the run's t=0 ({@link Clock#nanos()} scale): intervals of the time series
   *     count from it. Passed in, not read in setup, because setup runs later, on the recorder's
   *     own thread.
   * @param progress where the run's progress is published now and then, and once more when every
   *     request has its outcome; null: nowhere
   */
  public static Behavior<Command> create(long startNanos, ProgressBoard.Slot progress) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new MetricsRecorder(context, timers, startNanos, progress)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(AttemptEnded.class, this::onAttemptEnded)
        .onMessage(RetryScheduled.class, this::onRetryScheduled)
        .onMessage(RequestEnded.class, this::onRequestEnded)
        .onMessage(EndRequest.class, end -> {
          Behavior<Command> next = onRequestEnded(end.ended());
          end.replyTo().tell(new Recorded(end.ended().requestId(), end.tries()));
          return next;
        })
        .onMessage(EventsRedelivered.class, redelivered -> {
          metrics.redelivered(redelivered.events());
          return this;
        })
        .onMessage(PolicyActed.class, this::onPolicyActed)
        .onMessage(TierCounted.class, counted -> {
          metrics.tiers().count(counted.event(), Clock.nanos());
          return this;
        })
        .onMessage(InstanceChanged.class, changed -> {
          metrics.health().instanceChanged(changed.event());
          return this;
        })
        .onMessage(Undelivered.class, this::onUndelivered)
        .onMessage(GetAkkaDeadLetters.class, get -> {
          get.replyTo().tell(new AkkaDeadLetters(metrics.health().deadLetters()));
          return this;
        })
        .onMessage(WhenAllEnded.class, this::onWhenAllEnded)
        .onMessage(RelayStarted.class, started -> {
          knowRelay(started.relay());
          return this;
        })
        .onMessage(RelayGone.class, gone -> {
          // Its numbers are kept: a shipment still on its way must not be applied twice.
          liveRelays.remove(gone.relay());
          early.remove(gone.relay());
          if (flushing.remove(gone.relay()) && flushing.isEmpty()) {
            return handOver();
          }
          return this;
        })
        .onMessage(Shipment.class, this::onShipment)
        .onMessage(FlushAgain.class, again -> {
          flushing.forEach(relay -> relay.tell(new Flush(getContext().getSelf())));
          return this;
        })
        .onMessage(FlushTimedOut.class, timedOut -> handOver())
        .onMessage(TellEachEnd.class, tell -> {
          endSubscriber = tell.subscriber();
          return this;
        })
        .onMessage(Sent.class, sentNow -> {
          sent++;
          metrics.timeSeries().offered(sentNow.atNanos());
          return this;
        })
        .onMessage(WatchForStall.class, watch -> {
          stallWatch = watch;
          watchedSinceNanos = Clock.nanos();
          timers.startTimerWithFixedDelay(new CheckForStall(), checkEvery(watch.patience()));
          return this;
        })
        .onMessage(CheckForStall.class, check -> checkForStall())
        .build();
  }

  private Behavior<Command> onAttemptEnded(AttemptEnded attempt) {
    metrics.attemptEnded(attempt.result(), attempt.tutorialLatencyNanos());
    lastActivityNanos = Clock.nanos();
    publishProgressIfDue(lastActivityNanos);
    return this;
  }

  private Behavior<Command> onRetryScheduled(RetryScheduled retry) {
    metrics.retryScheduled(retry.dueNanos());
    lastActivityNanos = Clock.nanos();
    return this;
  }

  private Behavior<Command> onPolicyActed(PolicyActed acted) {
    metrics.policyActed(acted.event());
    return this;
  }

  private Behavior<Command> onRequestEnded(RequestEnded ended) {
    countEnd(ended);
    return notifyIfAllEnded();
  }

  /** Counts a request's outcome, unless the request has one already (a redelivery's second end). */
  private void countEnd(RequestEnded ended) {
    if (!metrics.firstEnd(ended.requestId())) {
      return;
    }
    metrics.requestEnded(ended.outcome(), ended.reason(), ended.endToEndNanos(), ended.requestClass());
    lastOutcomeNanos = Clock.nanos();
    lastActivityNanos = lastOutcomeNanos;
    if (endSubscriber != null) {
      endSubscriber.tell(new RequestDone(ended.outcome()));
    }
    publishProgressIfDue(lastOutcomeNanos);
  }

  private Behavior<Command> onWhenAllEnded(WhenAllEnded request) {
    expected = request.requests();
    waiting = request.replyTo();
    return notifyIfAllEnded();
  }

  /** A relay's first word may be a shipment (its RelayStarted can be lost too). */
  private void knowRelay(ActorRef<Command> relay) {
    if (!relays.containsKey(relay)) {
      relays.put(relay, 0L);
      liveRelays.add(relay);
      // A relay whose node is killed (and removed from the cluster) is not waited for at the end.
      getContext().watchWith(relay, new RelayGone(relay));
    }
  }

  /**
   * Applies a relay's shipments once each and in their order. One that comes before its turn (one
   * before it was lost) waits here until the relay sends the missing one again; one already applied
   * (its acknowledgement was lost) is only acknowledged again.
   */
  private Behavior<Command> onShipment(Shipment shipment) {
    ActorRef<Command> relay = shipment.relay();
    knowRelay(relay);
    long expected = relays.get(relay);
    if (shipment.number() > expected && liveRelays.contains(relay)) {
      // At most the relay's window of them: it sends no more until the first is acknowledged.
      early.computeIfAbsent(relay, r -> new java.util.TreeMap<>()).put(shipment.number(), shipment);
      return this;
    }
    if (shipment.number() < expected) {
      relay.tell(new ShipmentsReceived(expected - 1));
      return this;
    }
    Behavior<Command> next = apply(shipment);
    java.util.TreeMap<Long, Shipment> waiting = early.get(relay);
    while (waiting != null && next == this && waiting.containsKey(relays.get(relay))) {
      next = apply(waiting.remove(relays.get(relay)));
    }
    return next;
  }

  private Behavior<Command> apply(Shipment shipment) {
    ActorRef<Command> relay = shipment.relay();
    relays.put(relay, shipment.number() + 1);
    if (shipment.counted() != null) {
      metrics.merge(shipment.counted());
      lastActivityNanos = Clock.nanos();
      publishProgressIfDue(lastActivityNanos);
    }
    if (shipment.tiers() != null) {
      metrics.tiers().merge(shipment.tiers());
    }
    if (shipment.redelivered() > 0) {
      metrics.redelivered(shipment.redelivered());
    }
    shipment.instanceEvents().forEach(event -> metrics.health().instanceChanged(event));
    shipment.transitions().forEach(metrics::policyActed);
    relay.tell(new ShipmentsReceived(shipment.number()));
    shipment.ended().forEach(this::countEnd);
    if (shipment.last() && flushing.remove(relay) && flushing.isEmpty()) {
      return handOver();
    }
    return notifyIfAllEnded();
  }

  /** Every outcome is in; the relays still hold their last counts, so they are asked first. */
  private Behavior<Command> notifyIfAllEnded() {
    if (waiting == null || metrics.requestsEnded() < expected || !flushing.isEmpty()) {
      return this;
    }
    if (liveRelays.isEmpty()) {
      return handOver();
    }
    flushing.addAll(liveRelays);
    flushing.forEach(relay -> relay.tell(new Flush(getContext().getSelf())));
    timers.startTimerWithFixedDelay(new FlushAgain(), FLUSH_PATIENCE.dividedBy(4));
    timers.startSingleTimer(new FlushTimedOut(), FLUSH_PATIENCE);
    return this;
  }

  /** Often enough that a stall is reported within a quarter of the patience after it is due. */
  private static Duration checkEvery(Duration patience) {
    Duration quarter = patience.dividedBy(4);
    return quarter.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : quarter;
  }

  private Behavior<Command> checkForStall() {
    long now = Clock.nanos();
    // Attempts count as movement: a dead service's callers keep timing out and retrying, and a
    // request may take all its tries before it ends, while nothing else does.
    long quietSince = Math.max(watchedSinceNanos, lastActivityNanos);
    if (metrics.requestsEnded() >= expected || now - quietSince < stallWatch.patience().toNanos()) {
      return this;
    }
    // Quiet for long enough; but a load with a pause in it is quiet too: only what is due counts.
    long due = stallWatch.dueBy() == null ? sent : stallWatch.dueBy().applyAsLong(now - stallWatch.loadStartNanos());
    long open = Math.min(due, expected) - metrics.requestsEnded();
    if (open <= 0) {
      return this;
    }
    timers.cancel(new CheckForStall());
    stallWatch.replyTo().tell(new Stalled(metrics.requestsEnded(), open, Duration.ofNanos(now - quietSince), metrics.openRequests(Math.min(due, expected), OPEN_SHOWN)));
    return this;
  }

  private Behavior<Command> handOver() {
    timers.cancelAll();
    if (progress != null) {
      progress.publish(RunProgress.of(metrics, Clock.nanos() - startNanos, true));
    }
    waiting.tell(new AllEnded(metrics, lastOutcomeNanos));
    // The metrics object now belongs to the receiver; anything arriving later (late replies of
    // attempts that already timed out) must not change it behind its back.
    return Behaviors.ignore();
  }
}
