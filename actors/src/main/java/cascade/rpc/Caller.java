package cascade.rpc;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import cascade.callpath.BulkheadGate;
import cascade.callpath.Gate;
import cascade.callpath.Gates;
import cascade.metrics.AttemptResult;
import cascade.metrics.LatencyHistogram;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Whereabouts;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.policy.CallOutcome;
import cascade.policy.PolicyEvent;
import cascade.policy.Retry;
import cascade.policy.RetryBudget;
import cascade.policy.RetryTokenBucket;
import cascade.runtime.Clock;
import cascade.runtime.CrossesNodes;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The synchronous RPC path: for each request, attempts that each wait for the service's answer
 * (or a timeout), retried after a backoff, within an optional deadline, optionally hedged.
 * Before every attempt the caller asks its {@link Gate}s, in the scenario's order: breakers,
 * limiters, a bulkhead.
 *
 * <p>The bulkhead's waiting room is the caller's bounded {@link StashBuffer}: an attempt that
 * must wait for a permit is stashed until one is released; one that finds the stash full is
 * rejected.
 *
 * <p>Every request ends in exactly one outcome, reported to the metrics recorder: succeeded,
 * failed (its last attempt failed, or the deadline passed), or rejected (refused before its
 * last attempt could be made).
 */
public final class Caller extends AbstractBehavior<Caller.Command> {

  public sealed interface Command {}

  /**
   * A request to serve. {@code intendedNanos} is when the load generator meant to send it
   * ({@link cascade.runtime.Clock#nanos()} scale); end-to-end latency is measured from there.
   * {@code requestClass} is its class's index, passed on to the service and the metrics.
   */
  public record Submit(long requestId, long intendedNanos, int requestClass) implements Command, CrossesNodes {

    /** A request of the one class a load without classes has. */
    public Submit(long requestId, long intendedNanos) {
      this(requestId, intendedNanos, 0);
    }
  }

  /**
   * A request whose end the sender waits for: {@code replyTo} gets {@link DownstreamService.Succeeded}
   * or {@link DownstreamService.Failed} for {@code AttemptId(requestId, attempts made)}, as from a
   * service. A tier of a topology calls its downstream tiers this way.
   */
  public record Call(long requestId, long intendedNanos, ActorRef<DownstreamService.Reply> replyTo) implements Command {}

  /** Go on admitting the request's attempt past the gate it waited at. */
  /**
   * Asks which of {@code requestIds} this caller still holds, and how far each has got: how a
   * stalled run says where its open requests are ({@link Whereabouts}).
   */
  public record WhereAre(List<Long> requestIds, ActorRef<Whereabouts.Answer> replyTo) implements Command, CrossesNodes {
    public WhereAre {
      requestIds = List.copyOf(requestIds);
    }
  }

  private record Resume(long requestId) implements Command {}

  /** The backoff before a retry has passed. */
  private record RetryDue(long requestId) implements Command {}

  /** The hedge delay of a request's attempt has passed. */
  private record HedgeDue(long requestId, int attempt) implements Command {}

  /** An attempt has waited at a gate for as long as it may. */
  private record WaitExpired(long requestId, int attempt) implements Command {}

  private record Answered(DownstreamService.Reply reply) implements Command {}

  private record TimedOut(AttemptId attemptId) implements Command {}

  private final CallerSettings settings;
  private final TimerScheduler<Command> timers;
  private final StashBuffer<Command> waitingForPermit;
  private final ActorRef<DownstreamService.Reply> replies;
  private final ActorRef<DownstreamService.Command> service;
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final RandomGenerator random;
  private final List<Gate> gates;
  /** Null when retries are limited per request only. */
  private final RetryBudget retryBudget;
  /** Null without a success-funded retry token bucket. */
  private final RetryTokenBucket retryTokenBucket;
  private final Duration maxWaitAtGate;
  private final LatencyHistogram attemptLatency = new LatencyHistogram();
  private final Map<Long, RequestState> requests = new HashMap<>();
  /** Monotonic nanoseconds: {@link cascade.runtime.Clock#nanos()}, or a test's clock that moves with ManualTime. */
  private final LongSupplier clock;
  /** True while stale entries are being cleared out of the stash (see {@link #onWaitExpired}). */
  private boolean compactingStash;
  /** Bulkhead permits released to waiting attempts that have not been resumed yet. */
  private int handOffsDue;

  private Caller(
      ActorContext<Command> context,
      StashBuffer<Command> waitingForPermit,
      TimerScheduler<Command> timers,
      CallerSettings settings,
      ActorRef<DownstreamService.Command> service,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random,
      LongSupplier clock) {
    super(context);
    this.clock = clock;
    this.settings = settings;
    this.timers = timers;
    this.waitingForPermit = waitingForPermit;
    this.replies = context.messageAdapter(DownstreamService.Reply.class, Answered::new);
    this.service = service;
    this.metrics = metrics;
    this.random = random;
    this.gates = Gates.build(settings.policies(), this::handOffPermit, this::publish, random);
    CallerSettings.RetryBudget b = settings.retryBudget();
    this.retryBudget = b == null ? null : new RetryBudget(b.ratio(), b.minPerSecond(), b.window(), this::publish);
    CallerSettings.RetryTokens t = settings.retryTokenBucket();
    this.retryTokenBucket = t == null ? null : new RetryTokenBucket(t.capacity(), t.depositPerSuccess(), this::publish);
    this.maxWaitAtGate = Gates.maxWait(settings.policies());
  }

  /**
   * @param random the caller's own stream: backoff jitter, and the draws of its gates
   * @param clock where time is read: {@link Clock#nanos()} in a run, a clock that moves with
   *     ManualTime in a test
   */
  public static Behavior<Command> create(
      CallerSettings settings,
      ActorRef<DownstreamService.Command> service,
      ActorRef<MetricsRecorder.Command> metrics,
      RandomGenerator random,
      LongSupplier clock) {
    // The stash must hold at least one message to exist; the bulkhead decides who may wait.
    int stashCapacity = Math.max(1, Gates.maxWaiting(settings.policies()));
    return Behaviors.withStash(
        stashCapacity,
        stash ->
            Behaviors.withTimers(
                timers ->
                    Behaviors.setup(context -> new Caller(context, stash, timers, settings, service, metrics, random, clock))));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, submit -> begin(submit.requestId(), submit.intendedNanos(), submit.requestClass(), null))
        .onMessage(Call.class, call -> begin(call.requestId(), call.intendedNanos(), 0, call.replyTo()))
        .onMessage(Resume.class, this::onResume)
        .onMessage(RetryDue.class, due -> startAttempt(requests.get(due.requestId()), false))
        .onMessage(HedgeDue.class, this::onHedgeDue)
        .onMessage(WaitExpired.class, this::onWaitExpired)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(TimedOut.class, this::onTimedOut)
        .onMessage(WhereAre.class, this::onWhereAre)
        .build();
  }

  private Behavior<Command> onWhereAre(WhereAre ask) {
    long now = clock.getAsLong();
    Map<Long, String> seen = new java.util.LinkedHashMap<>();
    for (long id : ask.requestIds()) {
      RequestState request = requests.get(id);
      if (request == null) {
        continue;
      }
      if (!request.outstanding.isEmpty()) {
        long sent = request.outstanding.values().stream().mapToLong(Long::longValue).min().orElse(now);
        seen.put(id, String.format(java.util.Locale.ROOT, "attempt %d in flight, sent %.0f ms ago", request.attempts, (now - sent) / 1e6));
      } else if (request.waitingAtGate) {
        seen.put(id, "attempt " + (request.attempts + 1) + " waiting at a gate (bulkhead or rate limiter)");
      } else {
        seen.put(id, "waiting to retry after attempt " + request.attempts);
      }
    }
    ask.replyTo().tell(new Whereabouts.Answer("caller on " + getContext().getSelf().path().address(), seen));
    return this;
  }

  private Behavior<Command> begin(long requestId, long intendedNanos, int requestClass, ActorRef<DownstreamService.Reply> replyTo) {
    long now = clock.getAsLong();
    long deadline = settings.deadline() == null ? Long.MAX_VALUE : now + settings.deadline().toNanos();
    RequestState request = new RequestState(requestId, intendedNanos, now, deadline, requestClass, replyTo);
    requests.put(requestId, request);
    if (retryBudget != null) {
      retryBudget.onRequest(now);
    }
    return startAttempt(request, false);
  }

  /** Begins admitting a new attempt (the first, a retry, or a hedge) through the gates. */
  private Behavior<Command> startAttempt(RequestState request, boolean hedge) {
    long now = clock.getAsLong();
    if (request.pastDeadline(now)) {
      return hedge ? this : end(request, Outcome.FAILED, Reasons.DEADLINE_EXCEEDED, now);
    }
    request.gatesPassed = 0;
    request.admittingHedge = hedge;
    return admit(request, now);
  }

  /** Asks the gates from the first not yet passed; sends the attempt when all have said yes. */
  private Behavior<Command> admit(RequestState request, long now) {
    int attempt = request.attempts + 1;
    while (request.gatesPassed < gates.size()) {
      Gate.Admission admission = gates.get(request.gatesPassed).admit(now, attempt, !request.admittingHedge);
      switch (admission.verdict()) {
        case PASS -> request.gatesPassed++;
        case REJECT -> {
          return refusedLocally(request, admission.reason(), now);
        }
        case WAIT_FOR_PERMIT -> {
          request.gatesPassed++;
          return parkForPermit(request, attempt);
        }
        case WAIT_FOR_TIME -> {
          request.gatesPassed++;
          request.waitingAtGate = true;
          timers.startSingleTimer(gateTimerKey(request), new Resume(request.requestId), Duration.ofNanos(admission.waitNanos()));
          return this;
        }
      }
    }
    send(request, now);
    return this;
  }

  private Behavior<Command> parkForPermit(RequestState request, int attempt) {
    request.waitingAtGate = true;
    waitingForPermit.stash(new Resume(request.requestId));
    if (maxWaitAtGate != null) {
      timers.startSingleTimer(gateTimerKey(request), new WaitExpired(request.requestId, attempt), maxWaitAtGate);
    }
    return this;
  }

  private Behavior<Command> onResume(Resume resume) {
    RequestState request = requests.get(resume.requestId());
    if (compactingStash) {
      if (request != null && request.waitingAtGate) {
        waitingForPermit.stash(resume); // still waiting: back in line, in the same order
      }
      return this;
    }
    if (request == null || !request.waitingAtGate) {
      return this; // it gave up waiting (its entry was cleared) or ended meanwhile
    }
    request.waitingAtGate = false;
    timers.cancel(gateTimerKey(request));
    return admit(request, clock.getAsLong());
  }

  /** A bulkhead permit was released to a waiting attempt: it is resumed once the gates are done. */
  private void handOffPermit() {
    handOffsDue++;
  }

  /**
   * Resumes the oldest waiting attempts, one per permit handed off. Called after a loop over the
   * gates, never inside one, so that a resumed attempt finds every gate up to date.
   */
  private void resumeHandedOff() {
    while (handOffsDue > 0) {
      handOffsDue--;
      waitingForPermit.unstash(this, 1, Function.identity());
    }
  }

  private Behavior<Command> onWaitExpired(WaitExpired expired) {
    RequestState request = requests.get(expired.requestId());
    if (request == null || !request.waitingAtGate || request.attempts + 1 != expired.attempt()) {
      return this;
    }
    request.waitingAtGate = false;
    long now = clock.getAsLong();
    int waitedAt = request.gatesPassed - 1;
    ((BulkheadGate) gates.get(waitedAt)).leaveQueue();
    request.gatesPassed = waitedAt; // the gates before it were passed, the bulkhead was not
    withdrawPassedGates(request, now);
    // Its Resume is still in the stash; sweep it out now so that it does not hold a place.
    compactingStash = true;
    try {
      waitingForPermit.unstashAll(this);
    } finally {
      compactingStash = false;
    }
    return attemptRefused(request, Reasons.BULKHEAD_WAIT_TIMEOUT, now);
  }

  private void send(RequestState request, long now) {
    request.attempts++;
    if (request.admittingHedge) {
      request.hedges++;
      publish(new PolicyEvent("hedge", "sent", now));
    }
    AttemptId attemptId = new AttemptId(request.requestId, request.attempts);
    Duration budget = request.remaining(now, settings.timeout());
    request.outstanding.put(attemptId, now);
    // Timers first, then the message: whoever sees the message finds the timers already running.
    // A message adapter and a timer rather than context.ask: in Akka 2.6 the Java ask completes
    // through an async CompletableFuture stage, and where the common pool has fewer than two
    // threads (any two-core machine) the JDK starts a new thread for each one. Measured: that
    // capped the event path at about 7,000 requests per second with 60 ms of added latency.
    timers.startSingleTimer(attemptId, new TimedOut(attemptId), budget);
    if (settings.hedge() != null && !request.admittingHedge && request.hedges < settings.hedge().maxHedges()) {
      timers.startSingleTimer(hedgeTimerKey(request), new HedgeDue(request.requestId, request.attempts), hedgeDelay());
    }
    service.tell(new DownstreamService.Handle(attemptId, replies, budget, request.requestClass));
  }

  private Behavior<Command> onHedgeDue(HedgeDue due) {
    RequestState request = requests.get(due.requestId());
    if (request == null || !request.outstanding.containsKey(new AttemptId(due.requestId(), due.attempt()))) {
      return this; // answered meanwhile
    }
    return startAttempt(request, true);
  }

  private Behavior<Command> onAnswered(Answered answered) {
    AttemptId attemptId = answered.reply().attemptId();
    RequestState request = requests.get(attemptId.requestId());
    if (request == null || !request.outstanding.containsKey(attemptId)) {
      return this; // the late answer to an attempt that already timed out or lost a hedge race
    }
    timers.cancel(attemptId);
    AttemptResult result = AttemptResult.of(answered.reply());
    String reason = DownstreamService.reasonOf(answered.reply());
    return attemptEnded(request, attemptId, result, reason);
  }

  private Behavior<Command> onTimedOut(TimedOut timedOut) {
    RequestState request = requests.get(timedOut.attemptId().requestId());
    if (request == null || !request.outstanding.containsKey(timedOut.attemptId())) {
      return this;
    }
    if (settings.cancelOnTimeout()) {
      service.tell(new DownstreamService.Cancel(timedOut.attemptId()));
    }
    return attemptEnded(request, timedOut.attemptId(), AttemptResult.TIMED_OUT, null);
  }

  private Behavior<Command> attemptEnded(RequestState request, AttemptId attemptId, AttemptResult result, String reason) {
    long now = clock.getAsLong();
    long duration = now - request.outstanding.remove(attemptId);
    CallOutcome outcome = result.toCallOutcome();
    for (Gate gate : gates) {
      gate.onAttemptEnded(now, outcome, duration);
    }
    resumeHandedOff();
    // The tutorial measures RPC latency from the request's start.
    metrics.tell(new MetricsRecorder.AttemptEnded(result, now - request.startNanos));
    if (result == AttemptResult.SUCCEEDED) {
      attemptLatency.recordNanos(duration);
      if (retryTokenBucket != null) {
        retryTokenBucket.onSuccess();
      }
      return end(request, Outcome.SUCCEEDED, null, now);
    }
    request.lastOutcome = outcome;
    request.lastReason = reason != null ? reason : Reasons.lastAttempt(result);
    if (!request.outstanding.isEmpty()) {
      return this; // a hedge is still out; it may yet succeed
    }
    return retryOrGiveUp(request, now);
  }

  /** A gate refused the attempt being admitted: undo the gates it passed, then decide. */
  private Behavior<Command> refusedLocally(RequestState request, String reason, long now) {
    withdrawPassedGates(request, now);
    if (request.admittingHedge) {
      return this; // no hedge now; the first attempt is still out
    }
    return attemptRefused(request, reason, now);
  }

  private Behavior<Command> attemptRefused(RequestState request, String reason, long now) {
    request.lastOutcome = CallOutcome.REJECTION;
    request.lastReason = reason;
    if (!request.outstanding.isEmpty()) {
      return this;
    }
    return retryOrGiveUp(request, now);
  }

  private void withdrawPassedGates(RequestState request, long now) {
    for (int i = request.gatesPassed - 1; i >= 0; i--) {
      gates.get(i).withdraw(now);
    }
    request.gatesPassed = 0;
    resumeHandedOff();
  }

  private Behavior<Command> retryOrGiveUp(RequestState request, long now) {
    Retry retry = settings.retry();
    if (!retry.allows(request.lastOutcome, request.retries)) {
      return end(request, rejectedOrFailed(request), request.lastReason, now);
    }
    Duration delay = retry.delay(request.retries + 1, request.previousDelay, random);
    if (request.pastDeadline(now + delay.toNanos())) {
      return end(request, Outcome.FAILED, Reasons.DEADLINE_EXCEEDED, now);
    }
    if (retryBudget != null && !retryBudget.tryAcquireRetry(now)) {
      return end(request, rejectedOrFailed(request), Reasons.RETRY_BUDGET_EXHAUSTED, now);
    }
    if (retryTokenBucket != null && !retryTokenBucket.tryAcquireRetry(now)) {
      return end(request, rejectedOrFailed(request), Reasons.RETRY_TOKEN_BUCKET_EMPTY, now);
    }
    request.retries++;
    request.previousDelay = delay;
    timers.startSingleTimer(retryTimerKey(request), new RetryDue(request.requestId), delay);
    metrics.tell(new MetricsRecorder.RetryScheduled(now + delay.toNanos()));
    return this;
  }

  /** A request whose last try never reached the service was rejected; otherwise it failed. */
  private static Outcome rejectedOrFailed(RequestState request) {
    return request.lastOutcome == CallOutcome.REJECTION && !Reasons.isShed(request.lastReason)
        ? Outcome.REJECTED
        : Outcome.FAILED;
  }

  private Behavior<Command> end(RequestState request, Outcome outcome, String reason, long now) {
    requests.remove(request.requestId);
    for (AttemptId loser : request.outstanding.keySet()) {
      // A hedge race was won: the other attempt is cancelled, and counted.
      timers.cancel(loser);
      publish(new PolicyEvent("hedge", "cancelled", now));
      if (settings.cancelOnTimeout()) {
        service.tell(new DownstreamService.Cancel(loser));
      }
      // Its permits are given back, and its result counts for no policy: nobody waits for it.
      for (Gate gate : gates) {
        gate.withdraw(now);
      }
    }
    resumeHandedOff();
    timers.cancel(hedgeTimerKey(request));
    metrics.tell(new MetricsRecorder.RequestEnded(outcome, reason, now - request.intendedNanos, request.requestClass, request.requestId));
    if (request.replyTo != null) {
      AttemptId last = new AttemptId(request.requestId, request.attempts);
      request.replyTo.tell(outcome == Outcome.SUCCEEDED ? new DownstreamService.Succeeded(last) : new DownstreamService.Failed(last));
    }
    return this;
  }

  private Duration hedgeDelay() {
    CallerSettings.Hedge hedge = settings.hedge();
    if (hedge.percentile() > 0 && attemptLatency.count() >= 20) {
      long observed = (long) (attemptLatency.percentileMillis(hedge.percentile()) * 1e6);
      return Duration.ofNanos(Math.max(observed, hedge.delay().toNanos()));
    }
    return hedge.delay();
  }

  private void publish(PolicyEvent event) {
    metrics.tell(new MetricsRecorder.PolicyActed(event));
  }


  private static Object gateTimerKey(RequestState request) {
    return new TimerKey("gate", request.requestId);
  }

  private static Object retryTimerKey(RequestState request) {
    return new TimerKey("retry", request.requestId);
  }

  private static Object hedgeTimerKey(RequestState request) {
    return new TimerKey("hedge", request.requestId);
  }

  private record TimerKey(String purpose, long requestId) {}
}
