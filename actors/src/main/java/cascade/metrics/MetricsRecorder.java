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
import java.util.Map;

/**
 * Counts what happens in one architecture's run. Callers, consumers and the bus report attempts,
 * retries and outcomes here; the run asks to be told when every request has its outcome.
 */
public final class MetricsRecorder extends AbstractBehavior<MetricsRecorder.Command> {

  public sealed interface Command {}

  /** One call to the downstream service ended; the latency counts only when it succeeded. */
  public record AttemptEnded(AttemptResult result, long seedLatencyNanos) implements Command, CrossesNodes {}

  /**
   * A retry (or a re-publish) was scheduled, to go out at {@code dueNanos}
   * ({@link cascade.runtime.Clock#nanos()} scale).
   */
  public record RetryScheduled(long dueNanos) implements Command, CrossesNodes {}

  /** A resilience policy acted: a breaker changed state, a hedge went out, a call was refused. */
  public record PolicyActed(PolicyEvent event) implements Command, CrossesNodes {}

  /** A service instance started, crashed, or stopped. */
  public record InstanceChanged(DownstreamService.InstanceEvent event) implements Command, CrossesNodes {}

  /** Asks for Akka's dead letters counted so far (the run goes on). */
  public record GetAkkaDeadLetters(ActorRef<AkkaDeadLetters> replyTo) implements Command {}

  public record AkkaDeadLetters(Map<String, Long> counts) {}

  /** Akka could not deliver a message (subscribed from the event stream). */
  private record Undelivered(String recipientPath, String recipient, String message) implements Command {}

  /**
   * A request reached its one outcome.
   *
   * @param requestId the request, or -1 when the sender cannot end it twice: a durable bus
   *     delivers again after a crash, so the same request may end twice, and the second is
   *     counted as a duplicate, not as an outcome
   */
  public record RequestEnded(Outcome outcome, String reason, long endToEndNanos, long requestId)
      implements Command, CrossesNodes {
    public RequestEnded(Outcome outcome, String reason, long endToEndNanos) {
      this(outcome, reason, endToEndNanos, -1);
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

  /** Every request has an outcome. Hands over the metrics; the recorder stops counting. */
  public record AllEnded(RunMetrics metrics, long lastOutcomeNanos) {}

  private final RunMetrics metrics;
  private long expected = -1;
  private ActorRef<AllEnded> waiting;
  private long lastOutcomeNanos;

  private MetricsRecorder(ActorContext<Command> context, long startNanos) {
    super(context);
    this.metrics = new RunMetrics(startNanos);
    // Akka's own dead letters (mailbox overflow, messages to stopped actors), kept apart from
    // the application's dead-letter queue.
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

  /** A recorder for a run that starts now. */
  public static Behavior<Command> create() {
    return create(Clock.nanos());
  }

  /**
   * @param startNanos the run's t=0: intervals of the time series count from it. Passed in, not
   *     read in setup, because setup runs later, on the recorder's own thread.
   */
  public static Behavior<Command> create(long startNanos) {
    return Behaviors.setup(context -> new MetricsRecorder(context, startNanos));
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
        .build();
  }

  private Behavior<Command> onAttemptEnded(AttemptEnded attempt) {
    metrics.attemptEnded(attempt.result(), attempt.seedLatencyNanos());
    return this;
  }

  private Behavior<Command> onRetryScheduled(RetryScheduled retry) {
    metrics.retryScheduled(retry.dueNanos());
    return this;
  }

  private Behavior<Command> onPolicyActed(PolicyActed acted) {
    metrics.policyActed(acted.event());
    return this;
  }

  private Behavior<Command> onRequestEnded(RequestEnded ended) {
    if (!metrics.firstEnd(ended.requestId())) {
      return this;
    }
    metrics.requestEnded(ended.outcome(), ended.reason(), ended.endToEndNanos());
    lastOutcomeNanos = Clock.nanos();
    return notifyIfAllEnded();
  }

  private Behavior<Command> onWhenAllEnded(WhenAllEnded request) {
    expected = request.requests();
    waiting = request.replyTo();
    return notifyIfAllEnded();
  }

  private Behavior<Command> notifyIfAllEnded() {
    if (waiting != null && metrics.requestsEnded() >= expected) {
      waiting.tell(new AllEnded(metrics, lastOutcomeNanos));
      // The metrics object now belongs to the receiver; anything arriving later (late replies of
      // attempts that already timed out) must not change it behind its back.
      return Behaviors.ignore();
    }
    return this;
  }
}
