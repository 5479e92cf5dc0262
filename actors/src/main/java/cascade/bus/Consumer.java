package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import cascade.callpath.Gate;
import cascade.callpath.Gates;
import cascade.metrics.AttemptResult;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.runtime.Clock;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import cascade.policy.CallOutcome;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Takes one event at a time from the bus and calls the service with it.
 *
 * <p>Three states, one method each: {@link #waitingForEvent()}, {@link #calling} and {@link
 * #backingOff}. A reply that arrives after its attempt timed out is ignored: that attempt has
 * already been counted. On failure the consumer retries the tutorial's way: it waits the backoff itself, then
 * re-publishes the event at the tail of the bus, and only then pulls again. After its last
 * allowed try the event goes to the dead-letter queue.
 *
 * <p>A durable bus asks for a {@link BusProtocol.Confirm} once the consumer is done with an event,
 * and only once nothing can be lost any more: after the metrics say they counted its outcome, after
 * the dead-letter queue has journaled it and the metrics counted that, or after its next try is
 * re-published (first the new try, then the confirmation, so a crash in between leaves the event
 * twice in the journal rather than not at all). Those answers come while the consumer is already on
 * its next event, so every state accepts them.
 */
public final class Consumer {

  public sealed interface Command {}

  private record Delivered(Event event, boolean confirm) implements Command {}

  private record Answered(DownstreamService.Reply reply) implements Command {}

  private record TimedOut(AttemptId attemptId) implements Command {}

  private record BackoffElapsed(Event event) implements Command {}

  /** The dead-letter queue journaled a letter this consumer sent. */
  private record LetterStored(DeadLetterQueue.Stored stored) implements Command {}

  /** The metrics counted an outcome this consumer reported: its event can be confirmed. */
  private record OutcomeRecorded(MetricsRecorder.Recorded recorded) implements Command {}

  /** The gate the try waited at (a rate limiter) has let it through; go on from the next one. */
  private record GateOpened(Event event, long startNanos, int gatesPassed) implements Command {}

  /** The key of the one timer a consumer runs at a time: its attempt's timeout, or its backoff. */
  private static final Object TIMER = "attempt";

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ConsumerSettings settings;
  private final ActorRef<BusProtocol.Command> bus;
  private final ActorRef<DownstreamService.Command> service;
  private final ActorRef<DeadLetterQueue.Command> deadLetters;
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final RandomGenerator random;
  private final LongSupplier clock;
  private final ActorRef<BusProtocol.Delivery> deliveries;
  private final ActorRef<DownstreamService.Reply> replies;
  private final ActorRef<DeadLetterQueue.Stored> stored;
  private final ActorRef<MetricsRecorder.Recorded> recorded;
  private final List<Gate> gates;
  /** Whether the bus wants the event in hand confirmed (one event at a time, so one flag). */
  private boolean confirmInHand;
  /** The try in flight while {@link #calling} (one at a time). */
  private Call call;
  // The behaviour of each state, built on first use (they read the consumer's fields).
  private Behavior<Command> waitingForEvent;
  private Behavior<Command> waitingAtGate;
  private Behavior<Command> calling;
  private Behavior<Command> backingOff;

  private Consumer(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      ConsumerSettings settings,
      ActorRef<BusProtocol.Command> bus,
      ActorRef<DownstreamService.Command> service,
      ActorRef<DeadLetterQueue.Command> deadLetters,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random,
      LongSupplier clock) {
    this.context = context;
    this.clock = clock;
    this.timers = timers;
    this.settings = settings;
    this.bus = bus;
    this.service = service;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.random = random;
    this.deliveries = context.messageAdapter(BusProtocol.Delivery.class, delivery -> new Delivered(delivery.event(), delivery.confirm()));
    this.replies = context.messageAdapter(DownstreamService.Reply.class, Answered::new);
    this.stored = context.messageAdapter(DeadLetterQueue.Stored.class, LetterStored::new);
    this.recorded = context.messageAdapter(MetricsRecorder.Recorded.class, OutcomeRecorded::new);
    // No bulkhead on this path, so no permit is ever handed off.
    this.gates = Gates.build(settings.policies(), () -> {}, event -> metrics.tell(new MetricsRecorder.PolicyActed(event)), random);
  }

  /**
   * @param bus where the consumer pulls events and re-publishes their next tries (a durable bus
   *     also takes its confirmations)
   * @param deadLetters where an event goes after its last allowed try
   * @param random the consumer's own stream: backoff jitter, and the draws of its gates
   * @param clock where time is read: {@link Clock#nanos()} in a run, a clock that moves with
   *     ManualTime in a test
   */
  public static Behavior<Command> create(
      ConsumerSettings settings,
      ActorRef<BusProtocol.Command> bus,
      ActorRef<DownstreamService.Command> service,
      ActorRef<DeadLetterQueue.Command> deadLetters,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random,
      LongSupplier clock) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new Consumer(context, timers, settings, bus, service, deadLetters, metrics, random, clock).pullNext()));
  }

  private Behavior<Command> pullNext() {
    bus.tell(new BusProtocol.Pull(deliveries));
    return waitingForEvent();
  }

  private Behavior<Command> waitingForEvent() {
    if (waitingForEvent == null) {
      waitingForEvent =
          Behaviors.receive(Command.class)
              .onMessage(Delivered.class, this::onDelivered)
              .onMessage(Answered.class, this::ignoreLate)
              .onMessage(LetterStored.class, this::onLetterStored)
              .onMessage(OutcomeRecorded.class, this::onOutcomeRecorded)
              .build();
    }
    return waitingForEvent;
  }

  private Behavior<Command> onDelivered(Delivered delivered) {
    confirmInHand = delivered.confirm();
    return admit(delivered.event().tried(), clock.getAsLong(), 0);
  }

  /** Asks the gates from the first not yet passed; calls the service once all have said yes. */
  private Behavior<Command> admit(Event event, long startNanos, int gatesPassed) {
    long now = clock.getAsLong();
    for (int i = gatesPassed; i < gates.size(); i++) {
      Gate.Admission admission = gates.get(i).admit(now, event.tries(), true);
      switch (admission.verdict()) {
        case PASS -> {}
        case REJECT -> {
          for (int passed = i - 1; passed >= 0; passed--) {
            gates.get(passed).withdraw(now);
          }
          return tryFailed(event, CallOutcome.REJECTION, admission.reason(), now);
        }
        case WAIT_FOR_TIME -> {
          timers.startSingleTimer(TIMER, new GateOpened(event, startNanos, i + 1), Duration.ofNanos(admission.waitNanos()));
          return waitingAtGate();
        }
        case WAIT_FOR_PERMIT -> throw new IllegalStateException("a consumer has no bulkhead to wait for");
      }
    }
    AttemptId attemptId = new AttemptId(event.requestId(), event.tries());
    // The timer first: whoever sees the message finds the timeout already running.
    timers.startSingleTimer(TIMER, new TimedOut(attemptId), settings.timeout());
    service.tell(new DownstreamService.Handle(attemptId, replies, settings.timeout(), event.requestClass()));
    return calling(event, attemptId, startNanos, now);
  }

  private Behavior<Command> waitingAtGate() {
    if (waitingAtGate == null) {
      waitingAtGate =
          Behaviors.receive(Command.class)
              .onMessage(GateOpened.class, opened -> admit(opened.event(), opened.startNanos(), opened.gatesPassed()))
              .onMessage(Answered.class, this::ignoreLate)
              .onMessage(LetterStored.class, this::onLetterStored)
              .onMessage(OutcomeRecorded.class, this::onOutcomeRecorded)
              .build();
    }
    return waitingAtGate;
  }

  /** The try in flight: the event, its attempt, when the try began and when the attempt was sent. */
  private record Call(Event event, AttemptId attemptId, long startNanos, long sentNanos) {}

  /** Waiting for the service's answer to {@code attemptId}, or for its timeout. */
  private Behavior<Command> calling(Event event, AttemptId attemptId, long startNanos, long sentNanos) {
    call = new Call(event, attemptId, startNanos, sentNanos);
    if (calling == null) {
      // Built once, reading the try in flight from the field: a behaviour per event would cost
      // more than the event's whole handling in a fast run.
      calling =
          Behaviors.receive(Command.class)
              .onMessage(
                  Answered.class,
                  answered -> {
                    if (!answered.reply().attemptId().equals(call.attemptId())) {
                      return Behaviors.same(); // the late answer to an attempt that already timed out
                    }
                    timers.cancel(TIMER);
                    AttemptResult result = AttemptResult.of(answered.reply());
                    String reason = DownstreamService.reasonOf(answered.reply());
                    return attemptEnded(call.event(), call.startNanos(), call.sentNanos(), result, reason != null ? reason : Reasons.lastAttempt(result));
                  })
              .onMessage(
                  TimedOut.class,
                  timedOut -> attemptEnded(call.event(), call.startNanos(), call.sentNanos(), AttemptResult.TIMED_OUT, Reasons.LAST_ATTEMPT_TIMED_OUT))
              .onMessage(LetterStored.class, this::onLetterStored)
              .onMessage(OutcomeRecorded.class, this::onOutcomeRecorded)
              .build();
    }
    return calling;
  }

  private Behavior<Command> ignoreLate(Answered answered) {
    return Behaviors.same();
  }

  private Behavior<Command> attemptEnded(Event event, long startNanos, long sentNanos, AttemptResult result, String reason) {
    long now = clock.getAsLong();
    for (Gate gate : gates) {
      gate.onAttemptEnded(now, result.toCallOutcome(), now - sentNanos);
    }
    // The tutorial measures an event's latency from dequeue to the end of this try.
    metrics.tell(new MetricsRecorder.AttemptEnded(result, now - startNanos));
    if (result == AttemptResult.SUCCEEDED) {
      MetricsRecorder.RequestEnded ended = new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, now - event.intendedNanos(), event.requestClass(), event.requestId());
      if (confirmInHand) {
        confirmInHand = false;
        metrics.tell(new MetricsRecorder.EndRequest(ended, event.tries() - 1, recorded));
      } else {
        metrics.tell(ended);
      }
      return pullNext();
    }
    if (result == AttemptResult.TIMED_OUT && settings.cancelOnTimeout()) {
      service.tell(new DownstreamService.Cancel(new AttemptId(event.requestId(), event.tries())));
    }
    return tryFailed(event, result.toCallOutcome(), reason, now);
  }

  /** A try failed (or a gate refused it): re-publish after the backoff, or dead-letter it. */
  private Behavior<Command> tryFailed(Event tried, CallOutcome outcome, String reason, long now) {
    // A refusal's reason says more than "rejection" (breaker-open, rate-limited, ...).
    Event event = tried.failedAs(outcome == CallOutcome.REJECTION && reason != null ? reason : outcome.key);
    if (settings.retry().allows(outcome, event.tries() - 1)) {
      Duration delay = settings.retry().delay(event.tries(), Duration.ofNanos(event.previousDelayNanos()), random);
      timers.startSingleTimer(TIMER, new BackoffElapsed(event.delayedBy(delay.toNanos())), delay);
      metrics.tell(new MetricsRecorder.RetryScheduled(clock.getAsLong() + delay.toNanos()));
      return backingOff();
    }
    DeadLetterQueue.DeadLetter letter =
        new DeadLetterQueue.DeadLetter(event.requestId(), event.tries(), reason, event.intendedNanos(), event.requestClass(), event.failures());
    if (confirmInHand) {
      confirmInHand = false;
      deadLetters.tell(new DeadLetterQueue.Store(letter, stored));
    } else {
      deadLetters.tell(new DeadLetterQueue.Enqueue(letter));
    }
    return pullNext();
  }

  private Behavior<Command> backingOff() {
    if (backingOff == null) {
      backingOff =
          Behaviors.receive(Command.class)
              .onMessage(BackoffElapsed.class, this::onBackoffElapsed)
              .onMessage(Answered.class, this::ignoreLate)
              .onMessage(LetterStored.class, this::onLetterStored)
              .onMessage(OutcomeRecorded.class, this::onOutcomeRecorded)
              .build();
    }
    return backingOff;
  }

  private Behavior<Command> onBackoffElapsed(BackoffElapsed elapsed) {
    bus.tell(new BusProtocol.Publish(elapsed.event()));
    doneWith(elapsed.event());
    return pullNext();
  }

  /** The letter is journaled: now its outcome, and once that is counted, the confirmation. */
  private Behavior<Command> onLetterStored(LetterStored message) {
    DeadLetterQueue.DeadLetter letter = message.stored().letter();
    MetricsRecorder.RequestEnded ended =
        new MetricsRecorder.RequestEnded(Outcome.DEAD_LETTERED, letter.reason(), clock.getAsLong() - letter.intendedNanos(), letter.requestClass(), letter.requestId());
    metrics.tell(new MetricsRecorder.EndRequest(ended, letter.tries() - 1, recorded));
    return Behaviors.same();
  }

  private Behavior<Command> onOutcomeRecorded(OutcomeRecorded message) {
    bus.tell(new BusProtocol.Confirm(message.recorded().requestId(), message.recorded().tries()));
    return Behaviors.same();
  }

  /** Tells a durable bus that the try it delivered (one before the try in hand) is dealt with. */
  private void doneWith(Event inHand) {
    if (confirmInHand) {
      bus.tell(new BusProtocol.Confirm(inHand.requestId(), inHand.tries() - 1));
      confirmInHand = false;
    }
  }
}
