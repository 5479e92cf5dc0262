package cascade.callpath;

import cascade.metrics.Reasons;
import cascade.policy.CallOutcome;
import cascade.policy.CircuitBreaker;

/** A CLOSED / OPEN / HALF_OPEN breaker on the call path, asked before every attempt or only the first. */
final class CircuitBreakerGate implements Gate {

  private final CircuitBreaker breaker;
  private final boolean onlyFirstAttempt;

  CircuitBreakerGate(CircuitBreaker breaker, boolean onlyFirstAttempt) {
    this.breaker = breaker;
    this.onlyFirstAttempt = onlyFirstAttempt;
  }

  @Override
  public Admission admit(long nowNanos, int attempt, boolean mayWait) {
    if (onlyFirstAttempt && attempt > 1) {
      return Admission.PASS;
    }
    return breaker.tryAcquirePermission(nowNanos) ? Admission.PASS : Admission.reject(Reasons.BREAKER_OPEN);
  }

  @Override
  public void withdraw(long nowNanos) {
    breaker.releasePermission();
  }

  @Override
  public void onAttemptEnded(long nowNanos, CallOutcome outcome, long durationNanos) {
    breaker.onResult(nowNanos, outcome, durationNanos);
  }
}
