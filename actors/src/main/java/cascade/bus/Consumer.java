package cascade.bus;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import cascade.metrics.AttemptResult;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import java.util.random.RandomGenerator;

/**
 * Takes one event at a time from the bus and calls the service with it.
 *
 * <p>Three states, one method each: {@link #waitingForEvent()}, {@link #calling} and {@link
 * #backingOff}. On failure the consumer retries the seed's way: it waits the backoff itself, then
 * re-publishes the event at the tail of the bus, and only then pulls again. After its last
 * allowed try the event goes to the dead-letter queue.
 */
public final class Consumer {

  public sealed interface Command {}

  private record Delivered(Event event) implements Command {}

  private record AttemptFinished(Event event, long startNanos, DownstreamService.Reply reply, Throwable failure)
      implements Command {}

  private record BackoffElapsed(Event event) implements Command {}

  private final ActorContext<Command> context;
  private final ConsumerSettings settings;
  private final ActorRef<EventBus.Command> bus;
  private final ActorRef<DownstreamService.Command> service;
  private final ActorRef<DeadLetterQueue.Command> deadLetters;
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final RandomGenerator random;
  private final ActorRef<EventBus.Delivery> deliveries;

  private Consumer(
      ActorContext<Command> context,
      ConsumerSettings settings,
      ActorRef<EventBus.Command> bus,
      ActorRef<DownstreamService.Command> service,
      ActorRef<DeadLetterQueue.Command> deadLetters,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random) {
    this.context = context;
    this.settings = settings;
    this.bus = bus;
    this.service = service;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.random = random;
    this.deliveries = context.messageAdapter(EventBus.Delivery.class, delivery -> new Delivered(delivery.event()));
  }

  public static Behavior<Command> create(
      ConsumerSettings settings,
      ActorRef<EventBus.Command> bus,
      ActorRef<DownstreamService.Command> service,
      ActorRef<DeadLetterQueue.Command> deadLetters,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random) {
    return Behaviors.setup(
        context -> new Consumer(context, settings, bus, service, deadLetters, metrics, random).pullNext());
  }

  private Behavior<Command> pullNext() {
    bus.tell(new EventBus.Pull(deliveries));
    return waitingForEvent();
  }

  private Behavior<Command> waitingForEvent() {
    return Behaviors.receive(Command.class).onMessage(Delivered.class, this::onDelivered).build();
  }

  private Behavior<Command> onDelivered(Delivered delivered) {
    Event event = delivered.event().tried();
    long start = System.nanoTime();
    AttemptId attemptId = new AttemptId(event.requestId(), event.tries());
    context.ask(
        DownstreamService.Reply.class,
        service,
        settings.timeout(),
        replyTo -> new DownstreamService.Handle(attemptId, replyTo),
        (reply, failure) -> new AttemptFinished(event, start, reply, failure));
    return calling();
  }

  private Behavior<Command> calling() {
    return Behaviors.receive(Command.class).onMessage(AttemptFinished.class, this::onAttemptFinished).build();
  }

  private Behavior<Command> onAttemptFinished(AttemptFinished finished) {
    long now = System.nanoTime();
    Event event = finished.event();
    AttemptResult result = DownstreamService.resultOf(finished.reply(), finished.failure());
    // The seed measures an event's latency from dequeue to the end of this try.
    metrics.tell(new MetricsRecorder.AttemptEnded(result, now - finished.startNanos()));
    if (result == AttemptResult.SUCCEEDED) {
      metrics.tell(new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, now - event.intendedNanos()));
      return pullNext();
    }
    if (result == AttemptResult.TIMED_OUT && settings.cancelOnTimeout()) {
      service.tell(new DownstreamService.Cancel(new AttemptId(event.requestId(), event.tries())));
    }
    if (event.tries() <= settings.maxRetries()) {
      metrics.tell(new MetricsRecorder.RetryScheduled());
      context.scheduleOnce(settings.backoff().delay(event.tries(), random), context.getSelf(), new BackoffElapsed(event));
      return backingOff();
    }
    String reason = Reasons.lastAttempt(result);
    deadLetters.tell(
        new DeadLetterQueue.Enqueue(
            new DeadLetterQueue.DeadLetter(event.requestId(), event.tries(), reason, event.intendedNanos())));
    return pullNext();
  }

  private Behavior<Command> backingOff() {
    return Behaviors.receive(Command.class).onMessage(BackoffElapsed.class, this::onBackoffElapsed).build();
  }

  private Behavior<Command> onBackoffElapsed(BackoffElapsed elapsed) {
    bus.tell(new EventBus.Publish(elapsed.event()));
    return pullNext();
  }

}
