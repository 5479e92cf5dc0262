package cascade.policy;

/**
 * What a call path needs from a circuit breaker, whichever kind: the tutorial's
 * {@link SlidingWindowBreaker} or the full {@link CircuitBreaker}.
 */
public interface Breaker {

  /** Whether a call may go ahead now. */
  boolean tryAcquirePermission(long nowNanos);

  /** A call it permitted ended this way, after this long. */
  void onResult(long nowNanos, CallOutcome outcome, long durationNanos);

  /** A call it permitted will not be made after all. */
  void releasePermission();
}
