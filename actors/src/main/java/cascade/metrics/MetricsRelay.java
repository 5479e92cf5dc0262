package cascade.metrics;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import cascade.policy.PolicyEvent;
import cascade.runtime.Clock;
import cascade.service.DownstreamService;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics recorder's stand-in on another node: the parts of a run placed there (an event
 * path's consumers, say) report to it as they would to the recorder, and it ships what they report
 * to the coordinator's {@link MetricsRecorder} in numbered {@link MetricsRecorder.Shipment}s.
 *
 * <p>Why numbered: a message between nodes can be lost without the sender hearing of it. Artery
 * drops what does not fit its send queue (3072 messages), and a restarted event path answering the
 * backlog of a whole outage fills it at once. A lost outcome is a request that never ends, and a
 * run that waits for ever. So every shipment stays here until the recorder acknowledges it ({@link
 * MetricsRecorder.ShipmentsReceived}, cumulative), whatever has waited half a second is sent
 * again, and the recorder applies each shipment once, in order. At most {@link #WINDOW} shipments
 * are in flight; what arrives meanwhile waits for the next one, so a slow link makes shipments
 * bigger, not more numerous.
 *
 * <p>Outcomes go out at once (they are the run's ledger, and the run's end waits for them).
 * Attempts, retries, policy events and the node's own Akka dead letters are counted into a {@link
 * MetricsDelta}, and what a topology's tiers on this node report into a {@link TierTally}; both are
 * shipped every {@code shipEvery}, instead of one message per attempt. A durable
 * consumer that asked to hear when its outcome is counted ({@link MetricsRecorder.EndRequest}) is
 * told here, once the recorder has acknowledged the shipment that carried it: the answer does not
 * cross nodes a second time.
 *
 * <p>What a killed node had not shipped dies with it: at most {@code shipEvery} of attempt counts,
 * and outcomes not yet acknowledged, whose events a durable bus delivers again after its restart.
 */
public final class MetricsRelay extends AbstractBehavior<MetricsRecorder.Command> {

  /** Often enough that the coordinator's time series is never far behind. */
  public static final Duration SHIP_EVERY = Duration.ofMillis(100);

  /** Shipments sent and not yet acknowledged, at most. */
  static final int WINDOW = 32;

  /**
   * How many ship ticks a shipment waits for its acknowledgement before it is sent again (five
   * ticks of {@link #SHIP_EVERY}: half a second). Ticks are counted rather than the clock read, so
   * the relay is tested with manual time.
   */
  static final int RESEND_AFTER_TICKS = 5;

  /** A shipment sent, the tick it was last sent in, and the consumers waiting to hear it was counted. */
  private record InFlight(MetricsRecorder.Shipment shipment, long sentTick, List<MetricsRecorder.EndRequest> confirmations) {}

  private final ActorRef<MetricsRecorder.Command> coordinator;
  private final MetricsDelta.Accumulator counted;
  /** This run's actors' path: the node's dead letters of other runs are not this run's. */
  private final String run;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private long nextNumber;
  private long tick;

  // What the next shipment carries.
  private List<MetricsRecorder.RequestEnded> ended = new ArrayList<>();
  private List<MetricsRecorder.EndRequest> confirmations = new ArrayList<>();
  private List<DownstreamService.InstanceEvent> instanceEvents = new ArrayList<>();
  private List<PolicyEvent> transitions = new ArrayList<>();
  private MetricsDelta counts;
  /** What tiers on this node report, between shipments. */
  private final TierTally tierTally;
  private TierTally.Delta tierCounts;
  private long redelivered;
  /** The recorder asked for the last shipment: it goes out however full the window is. */
  private boolean last;

  private MetricsRelay(
      ActorContext<MetricsRecorder.Command> context,
      TimerScheduler<MetricsRecorder.Command> timers,
      ActorRef<MetricsRecorder.Command> coordinator,
      long runStartNanos,
      Duration shipEvery) {
    super(context);
    this.coordinator = coordinator;
    this.counted = new MetricsDelta.Accumulator(runStartNanos, TimeSeries.DEFAULT_INTERVAL_NANOS);
    this.tierTally = new TierTally(runStartNanos, TimeSeries.DEFAULT_INTERVAL_NANOS);
    this.run = context.getSelf().path().parent().toString();
    MetricsRecorder.subscribeToDeadLetters(context);
    coordinator.tell(new MetricsRecorder.RelayStarted(context.getSelf()));
    timers.startTimerWithFixedDelay(new MetricsRecorder.ShipTick(), shipEvery);
  }

  /**
   * @param coordinator the run's recorder
   * @param runStartNanos the run's t=0 ({@link Clock#nanos()} scale), so intervals here are the
   *     recorder's intervals
   */
  public static Behavior<MetricsRecorder.Command> create(
      ActorRef<MetricsRecorder.Command> coordinator, long runStartNanos, Duration shipEvery) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new MetricsRelay(context, timers, coordinator, runStartNanos, shipEvery)));
  }

  @Override
  public Receive<MetricsRecorder.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(MetricsRecorder.AttemptEnded.class, a -> {
          counted.attempt(a.result(), a.tutorialLatencyNanos(), Clock.nanos());
          return this;
        })
        .onMessage(MetricsRecorder.RetryScheduled.class, r -> {
          counted.retry(r.dueNanos(), Clock.nanos());
          return this;
        })
        .onMessage(MetricsRecorder.PolicyActed.class, acted -> {
          if (acted.event().kind().contains("->")) {
            // A state change goes out at once, so the time series shows it when it happened.
            transitions.add(acted.event());
            return ship();
          }
          counted.policy(acted.event().policy() + ": " + acted.event().kind());
          return this;
        })
        .onMessage(MetricsRecorder.TierCounted.class, tier -> {
          tierTally.count(tier.event(), Clock.nanos());
          return this;
        })
        .onMessage(MetricsRecorder.RequestEnded.class, outcome -> {
          ended.add(outcome);
          return ship();
        })
        .onMessage(MetricsRecorder.EndRequest.class, end -> {
          ended.add(end.ended());
          confirmations.add(end);
          return ship();
        })
        .onMessage(MetricsRecorder.EventsRedelivered.class, events -> {
          redelivered += events.events();
          return ship();
        })
        .onMessage(MetricsRecorder.InstanceChanged.class, changed -> {
          instanceEvents.add(changed.event());
          return ship();
        })
        .onMessage(MetricsRecorder.Undelivered.class, undelivered -> {
          if (undelivered.recipientPath().startsWith(run + "/")) {
            counted.deadLetter(undelivered.recipient(), undelivered.message());
          }
          return this;
        })
        .onMessage(MetricsRecorder.ShipTick.class, tick -> onTick())
        .onMessage(MetricsRecorder.Flush.class, flush -> {
          last = true;
          drainCounts();
          return ship();
        })
        .onMessage(MetricsRecorder.ShipmentsReceived.class, this::onReceived)
        .build();
  }

  private Behavior<MetricsRecorder.Command> onTick() {
    tick++;
    drainCounts();
    ship();
    if (!inFlight.isEmpty() && tick - inFlight.peekFirst().sentTick() >= RESEND_AFTER_TICKS) {
      // Go back: everything not acknowledged, in order (the recorder ignores what it has).
      int waiting = inFlight.size();
      for (int i = 0; i < waiting; i++) {
        InFlight sent = inFlight.pollFirst();
        coordinator.tell(sent.shipment());
        inFlight.addLast(new InFlight(sent.shipment(), tick, sent.confirmations()));
      }
    }
    return this;
  }

  /** The counts go into the next shipment, unless it already holds counts not yet sent. */
  private void drainCounts() {
    if (counts == null && !counted.isEmpty()) {
      counts = counted.drain();
    }
    if (tierCounts == null && !tierTally.isEmpty()) {
      tierCounts = tierTally.drain();
    }
  }

  private Behavior<MetricsRecorder.Command> ship() {
    boolean empty = ended.isEmpty() && transitions.isEmpty() && instanceEvents.isEmpty() && counts == null && tierCounts == null && redelivered == 0;
    if ((empty && !last) || (inFlight.size() >= WINDOW && !last)) {
      return this;
    }
    MetricsRecorder.Shipment shipment =
        new MetricsRecorder.Shipment(getContext().getSelf(), nextNumber++, ended, counts, redelivered, instanceEvents, transitions, last, tierCounts);
    coordinator.tell(shipment);
    inFlight.addLast(new InFlight(shipment, tick, confirmations));
    ended = new ArrayList<>();
    confirmations = new ArrayList<>();
    instanceEvents = new ArrayList<>();
    transitions = new ArrayList<>();
    counts = null;
    tierCounts = null;
    redelivered = 0;
    last = false;
    return this;
  }

  /** The recorder has applied every shipment up to {@code upTo}: tell whoever waited, and send what waits. */
  private Behavior<MetricsRecorder.Command> onReceived(MetricsRecorder.ShipmentsReceived received) {
    while (!inFlight.isEmpty() && inFlight.peekFirst().shipment().number() <= received.upTo()) {
      for (MetricsRecorder.EndRequest end : inFlight.pollFirst().confirmations()) {
        end.replyTo().tell(new MetricsRecorder.Recorded(end.ended().requestId(), end.tries()));
      }
    }
    return ship();
  }
}
