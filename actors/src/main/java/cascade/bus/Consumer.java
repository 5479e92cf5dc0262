package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import cascade.metrics.AttemptResult;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Takes one event at a time from the bus and calls the service with it.
 *
 * <p>Three states, one method each: {@link #waitingForEvent()}, {@link #calling} and {@link
 * #backingOff}. A reply that arrives after its attempt timed out is ignored: that attempt has
 * already been counted. On failure the consumer retries the seed's way: it waits the backoff itself, then
 * re-publishes the event at the tail of the bus, and only then pulls again. After its last
 * allowed try the event goes to the dead-letter queue.
 */
public final class Consumer {

  public sealed interface Command {}

  private record Delivered(Event event) implements Command {}

  private record Answered(DownstreamService.Reply reply) implements Command {}

  private record TimedOut(AttemptId attemptId) implements Command {}

  private record BackoffElapsed(Event event) implements Command {}

  /** The key of the one timer a consumer runs at a time: its attempt's timeout, or its backoff. */
  private static final Object TIMER = "attempt";

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ConsumerSettings settings;
  private final ActorRef<EventBus.Command> bus;
  private final ActorRef<DownstreamService.Command> service;
  private final ActorRef<DeadLetterQueue.Command> deadLetters;
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final RandomGenerator random;
  private final ActorRef<EventBus.Delivery> deliveries;
  private final ActorRef<DownstreamService.Reply> replies;

  private Consumer(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      ConsumerSettings settings,
      ActorRef<EventBus.Command> bus,
      ActorRef<DownstreamService.Command> service,
      ActorRef<DeadLetterQueue.Command> deadLetters,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random) {
    this.context = context;
    this.timers = timers;
    this.settings = settings;
    this.bus = bus;
    this.service = service;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.random = random;
    this.deliveries = context.messageAdapter(EventBus.Delivery.class, delivery -> new Delivered(delivery.event()));
    this.replies = context.messageAdapter(DownstreamService.Reply.class, Answered::new);
  }

  public static Behavior<Command> create(
      ConsumerSettings settings,
      ActorRef<EventBus.Command> bus,
      ActorRef<DownstreamService.Command> service,
      ActorRef<DeadLetterQueue.Command> deadLetters,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new Consumer(context, timers, settings, bus, service, deadLetters, metrics, random).pullNext()));
  }

  private Behavior<Command> pullNext() {
    bus.tell(new EventBus.Pull(deliveries));
    return waitingForEvent();
  }

  private Behavior<Command> waitingForEvent() {
    return Behaviors.receive(Command.class)
        .onMessage(Delivered.class, this::onDelivered)
        .onMessage(Answered.class, this::ignoreLate)
        .build();
  }

  private Behavior<Command> onDelivered(Delivered delivered) {
    Event event = delivered.event().tried();
    AttemptId attemptId = new AttemptId(event.requestId(), event.tries());
    long start = System.nanoTime();
    // The timer first: whoever sees the message finds the timeout already running.
    timers.startSingleTimer(TIMER, new TimedOut(attemptId), settings.timeout());
    service.tell(new DownstreamService.Handle(attemptId, replies, settings.timeout()));
    return calling(event, attemptId, start);
  }

  /** Waiting for the service's answer to {@code attemptId}, or for its timeout. */
  private Behavior<Command> calling(Event event, AttemptId attemptId, long startNanos) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Answered.class,
            answered -> {
              if (!answered.reply().attemptId().equals(attemptId)) {
                return Behaviors.same(); // the late answer to an attempt that already timed out
              }
              timers.cancel(TIMER);
              return attemptEnded(event, startNanos, AttemptResult.of(answered.reply()));
            })
        .onMessage(TimedOut.class, timedOut -> attemptEnded(event, startNanos, AttemptResult.TIMED_OUT))
        .build();
  }

  private Behavior<Command> ignoreLate(Answered answered) {
    return Behaviors.same();
  }

  private Behavior<Command> attemptEnded(Event event, long startNanos, AttemptResult result) {
    long now = System.nanoTime();
    // The seed measures an event's latency from dequeue to the end of this try.
    metrics.tell(new MetricsRecorder.AttemptEnded(result, now - startNanos));
    if (result == AttemptResult.SUCCEEDED) {
      metrics.tell(new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, now - event.intendedNanos()));
      return pullNext();
    }
    if (result == AttemptResult.TIMED_OUT && settings.cancelOnTimeout()) {
      service.tell(new DownstreamService.Cancel(new AttemptId(event.requestId(), event.tries())));
    }
    if (settings.retry().allows(result.toCallOutcome(), event.tries() - 1)) {
      Duration delay = settings.retry().delay(event.tries(), Duration.ofNanos(event.previousDelayNanos()), random);
      timers.startSingleTimer(TIMER, new BackoffElapsed(event.delayedBy(delay.toNanos())), delay);
      metrics.tell(new MetricsRecorder.RetryScheduled(System.nanoTime() + delay.toNanos()));
      return backingOff();
    }
    String reason = Reasons.lastAttempt(result);
    deadLetters.tell(
        new DeadLetterQueue.Enqueue(
            new DeadLetterQueue.DeadLetter(event.requestId(), event.tries(), reason, event.intendedNanos())));
    return pullNext();
  }

  private Behavior<Command> backingOff() {
    return Behaviors.receive(Command.class)
        .onMessage(BackoffElapsed.class, this::onBackoffElapsed)
        .onMessage(Answered.class, this::ignoreLate)
        .build();
  }

  private Behavior<Command> onBackoffElapsed(BackoffElapsed elapsed) {
    bus.tell(new EventBus.Publish(elapsed.event()));
    return pullNext();
  }

}
