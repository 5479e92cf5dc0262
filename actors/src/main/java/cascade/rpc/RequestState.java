package cascade.rpc;

import akka.actor.typed.ActorRef;
import cascade.policy.CallOutcome;
import cascade.service.DownstreamService;
import cascade.service.AttemptId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** What the caller remembers of one request until it ends. Owned by the caller actor. */
final class RequestState {

  final long requestId;
  final long intendedNanos;
  final long startNanos;
  /** No attempt starts at or after this time; {@code Long.MAX_VALUE} when there is no deadline. */
  final long deadlineNanos;
  /** The request's class (an index into the load's classes). */
  final int requestClass;
  /** Who waits for the request's end ({@link Caller.Call}); null when only the metrics do. */
  final ActorRef<DownstreamService.Reply> replyTo;

  /** Attempts started so far, hedges included; also the number of the latest one. */
  int attempts;
  /** Retries scheduled so far (hedges are not retries). */
  int retries;
  /** Hedges sent so far. */
  int hedges;
  /** While an attempt is being admitted: how many gates it has passed. */
  int gatesPassed;
  /** While an attempt is being admitted: whether it is a hedge (hedges never wait). */
  boolean admittingHedge;
  /** Whether an attempt waits for a gate right now (a bulkhead permit, a rate-limiter slot). */
  boolean waitingAtGate;
  /** Attempts sent and not yet answered, with the time each was sent. */
  final Map<AttemptId, Long> outstanding = new HashMap<>(2);
  /** The previous retry's wait, for backoffs that depend on it. */
  Duration previousDelay = Duration.ZERO;
  /** How the latest attempt ended, and why, to name the outcome if it was the last. */
  CallOutcome lastOutcome;
  String lastReason;

  RequestState(
      long requestId, long intendedNanos, long startNanos, long deadlineNanos, int requestClass, ActorRef<DownstreamService.Reply> replyTo) {
    this.requestClass = requestClass;
    this.replyTo = replyTo;
    this.requestId = requestId;
    this.intendedNanos = intendedNanos;
    this.startNanos = startNanos;
    this.deadlineNanos = deadlineNanos;
  }

  boolean pastDeadline(long nowNanos) {
    return nowNanos - deadlineNanos >= 0;
  }

  /** Time left before the deadline, or {@code cap} if that is shorter. */
  Duration remaining(long nowNanos, Duration cap) {
    if (deadlineNanos == Long.MAX_VALUE) {
      return cap;
    }
    long left = deadlineNanos - nowNanos;
    return left < cap.toNanos() ? Duration.ofNanos(Math.max(0, left)) : cap;
  }
}
