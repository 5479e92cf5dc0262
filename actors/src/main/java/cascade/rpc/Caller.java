package cascade.rpc;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
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

  private record AttemptFinished(AttemptId attemptId, DownstreamService.Reply reply, Throwable failure)
      implements Command {}

  /** What the caller remembers of a request until it ends. */
  private static final class RequestState {
    final long intendedNanos;
    final long startNanos;
    int attempts;

    RequestState(long intendedNanos, long startNanos) {
      this.intendedNanos = intendedNanos;
      this.startNanos = startNanos;
    }
  }

  private final CallerSettings settings;
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
      CallerSettings settings,
      ActorRef<DownstreamService.Command> service,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random) {
    super(context);
    this.settings = settings;
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
        stash -> Behaviors.setup(context -> new Caller(context, stash, settings, service, metrics, random)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(StartAttempt.class, this::onStartAttempt)
        .onMessage(PermitGranted.class, this::onPermitGranted)
        .onMessage(AttemptFinished.class, this::onAttemptFinished)
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
    AttemptId attemptId = new AttemptId(requestId, request.attempts);
    getContext()
        .ask(
            DownstreamService.Reply.class,
            service,
            settings.timeout(),
            replyTo -> new DownstreamService.Handle(attemptId, replyTo),
            (reply, failure) -> new AttemptFinished(attemptId, reply, failure));
  }

  private Behavior<Command> onAttemptFinished(AttemptFinished finished) {
    long now = System.nanoTime();
    long requestId = finished.attemptId().requestId();
    RequestState request = requests.get(requestId);
    AttemptResult result = DownstreamService.resultOf(finished.reply(), finished.failure());
    metrics.tell(new MetricsRecorder.AttemptEnded(result, now - request.startNanos));
    if (result == AttemptResult.TIMED_OUT && settings.cancelOnTimeout()) {
      service.tell(new DownstreamService.Cancel(finished.attemptId()));
    }
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
