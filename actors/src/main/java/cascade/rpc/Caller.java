package cascade.rpc;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import cascade.metrics.AttemptResult;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.policy.Bulkhead;
import cascade.policy.SlidingWindowBreaker;
import cascade.rpc.CallerSettings.BreakerSettings.Consulted;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The synchronous RPC path: for each request, attempts that each wait for the service's answer
 * (or a timeout), with retries after a full-jitter backoff, a circuit breaker, and a bulkhead.
 *
 * <p>The bulkhead is the caller's bounded {@link StashBuffer}: an attempt that finds every permit
 * taken is stashed until one is released, and an attempt that finds the stash full is rejected.
 *
 * <p>Every request ends in exactly one outcome, reported to the metrics recorder: succeeded,
 * failed (its last attempt failed or timed out), or rejected (breaker open, bulkhead full).
 */
public final class Caller extends AbstractBehavior<Caller.Command> {

  public sealed interface Command {}

  /**
   * A request to serve. {@code intendedNanos} is when the load generator meant to send it
   * ({@link System#nanoTime()} scale); end-to-end latency is measured from there.
   */
  public record Submit(long requestId, long intendedNanos) implements Command {}

  /** Make the next attempt of a request (first try, or after a backoff). */
  private record StartAttempt(long requestId) implements Command {}

  /** A stashed attempt now holds a bulkhead permit. */
  private record PermitGranted(long requestId) implements Command {}

  private record Answered(DownstreamService.Reply reply) implements Command {}

  private record TimedOut(AttemptId attemptId) implements Command {}

  /** What the caller remembers of a request until it ends. */
  private static final class RequestState {
    final long intendedNanos;
    final long startNanos;
    int attempts;
    /** True while the latest attempt waits for its answer (or its timeout). */
    boolean awaitingAnswer;

    RequestState(long intendedNanos, long startNanos) {
      this.intendedNanos = intendedNanos;
      this.startNanos = startNanos;
    }
  }

  private final CallerSettings settings;
  private final TimerScheduler<Command> timers;
  private final ActorRef<DownstreamService.Reply> replies;
  private final ActorRef<DownstreamService.Command> service;
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final RandomGenerator random;
  private final StashBuffer<Command> waitingForPermit;
  private final Bulkhead bulkhead;
  /** Null when the scenario has no breaker. */
  private final SlidingWindowBreaker breaker;
  private final Map<Long, RequestState> requests = new HashMap<>();

  private Caller(
      ActorContext<Command> context,
      StashBuffer<Command> waitingForPermit,
      TimerScheduler<Command> timers,
      CallerSettings settings,
      ActorRef<DownstreamService.Command> service,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random) {
    super(context);
    this.settings = settings;
    this.timers = timers;
    this.replies = context.messageAdapter(DownstreamService.Reply.class, Answered::new);
    this.service = service;
    this.metrics = metrics;
    this.random = random;
    this.waitingForPermit = waitingForPermit;
    this.bulkhead = new Bulkhead(settings.maxConcurrent(), settings.maxWaiting());
    CallerSettings.BreakerSettings b = settings.breaker();
    this.breaker = b == null ? null : new SlidingWindowBreaker(b.window(), b.failureThreshold(), b.openFor());
  }

  public static Behavior<Command> create(
      CallerSettings settings,
      ActorRef<DownstreamService.Command> service,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random) {
    // The stash must hold at least one message to exist; the Bulkhead decides who may wait.
    int stashCapacity = Math.max(1, settings.maxWaiting());
    return Behaviors.withStash(
        stashCapacity,
        stash ->
            Behaviors.withTimers(
                timers -> Behaviors.setup(context -> new Caller(context, stash, timers, settings, service, metrics, random))));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(StartAttempt.class, this::onStartAttempt)
        .onMessage(PermitGranted.class, this::onPermitGranted)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(TimedOut.class, this::onTimedOut)
        .build();
  }

  private Behavior<Command> onSubmit(Submit submit) {
    long now = System.nanoTime();
    RequestState request = new RequestState(submit.intendedNanos(), now);
    requests.put(submit.requestId(), request);
    if (breakerConsulted(Consulted.PER_REQUEST) && !breaker.tryAcquirePermission(now)) {
      return reject(submit.requestId(), request, Reasons.BREAKER_OPEN);
    }
    return onStartAttempt(new StartAttempt(submit.requestId()));
  }

  private Behavior<Command> onStartAttempt(StartAttempt start) {
    RequestState request = requests.get(start.requestId());
    if (breakerConsulted(Consulted.PER_ATTEMPT) && !breaker.tryAcquirePermission(System.nanoTime())) {
      return reject(start.requestId(), request, Reasons.BREAKER_OPEN);
    }
    switch (bulkhead.tryAcquire()) {
      case PERMITTED -> callService(start.requestId(), request);
      case WAIT -> waitingForPermit.stash(new PermitGranted(start.requestId()));
      case REJECTED -> {
        return reject(start.requestId(), request, Reasons.BULKHEAD_FULL);
      }
    }
    return this;
  }

  private Behavior<Command> onPermitGranted(PermitGranted granted) {
    callService(granted.requestId(), requests.get(granted.requestId()));
    return this;
  }

  private void callService(long requestId, RequestState request) {
    request.attempts++;
    request.awaitingAnswer = true;
    AttemptId attemptId = new AttemptId(requestId, request.attempts);
    // A message adapter and a timer rather than context.ask: in Akka 2.6 the Java ask completes
    // through an async CompletableFuture stage, and where the common pool has fewer than two
    // threads (any two-core machine) the JDK starts a new thread for each one. Measured: that
    // capped the event path at about 7,000 requests per second with 60 ms of added latency.
    service.tell(new DownstreamService.Handle(attemptId, replies, settings.timeout()));
    // One timer per attempt, keyed by it, so an answer can cancel exactly its own timeout.
    timers.startSingleTimer(attemptId, new TimedOut(attemptId), settings.timeout());
  }

  private Behavior<Command> onAnswered(Answered answered) {
    AttemptId attemptId = answered.reply().attemptId();
    if (!isAwaited(attemptId)) {
      return this; // the late answer to an attempt that already timed out, and was counted
    }
    timers.cancel(attemptId);
    return attemptEnded(attemptId, AttemptResult.of(answered.reply()));
  }

  private Behavior<Command> onTimedOut(TimedOut timedOut) {
    if (settings.cancelOnTimeout()) {
      service.tell(new DownstreamService.Cancel(timedOut.attemptId()));
    }
    return attemptEnded(timedOut.attemptId(), AttemptResult.TIMED_OUT);
  }

  private boolean isAwaited(AttemptId attemptId) {
    RequestState request = requests.get(attemptId.requestId());
    return request != null && request.awaitingAnswer && request.attempts == attemptId.attempt();
  }

  private Behavior<Command> attemptEnded(AttemptId attemptId, AttemptResult result) {
    long now = System.nanoTime();
    long requestId = attemptId.requestId();
    RequestState request = requests.get(requestId);
    request.awaitingAnswer = false;
    metrics.tell(new MetricsRecorder.AttemptEnded(result, now - request.startNanos));
    if (breaker != null) {
      if (result == AttemptResult.SUCCEEDED) {
        breaker.onSuccess(now);
      } else {
        breaker.onFailure(now);
      }
    }

    if (result == AttemptResult.SUCCEEDED) {
      end(requestId, request, Outcome.SUCCEEDED, null, now);
    } else if (request.attempts <= settings.maxRetries()) {
      metrics.tell(new MetricsRecorder.RetryScheduled());
      getContext()
          .scheduleOnce(
              settings.backoff().delay(request.attempts, random), getContext().getSelf(), new StartAttempt(requestId));
    } else {
      String reason = Reasons.lastAttempt(result);
      end(requestId, request, Outcome.FAILED, reason, now);
    }
    return releasePermit();
  }

  /** Gives the attempt's permit back and, if an attempt was waiting for one, lets it go now. */
  private Behavior<Command> releasePermit() {
    if (bulkhead.release()) {
      bulkhead.handOver();
      return waitingForPermit.unstash(this, 1, Function.identity());
    }
    return this;
  }


  private boolean breakerConsulted(Consulted when) {
    return breaker != null && settings.breaker().consulted() == when;
  }

  private Behavior<Command> reject(long requestId, RequestState request, String reason) {
    end(requestId, request, Outcome.REJECTED, reason, System.nanoTime());
    return this;
  }

  private void end(long requestId, RequestState request, Outcome outcome, String reason, long now) {
    requests.remove(requestId);
    metrics.tell(new MetricsRecorder.RequestEnded(outcome, reason, now - request.intendedNanos));
  }
}
