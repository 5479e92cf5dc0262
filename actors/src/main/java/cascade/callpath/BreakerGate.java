package cascade.callpath;

import cascade.metrics.Reasons;
import cascade.policy.Breaker;
import cascade.policy.CallOutcome;

/** A circuit breaker on the call path, asked before every attempt or only before the first. */
final class BreakerGate implements Gate {

  private final Breaker breaker;
  private final boolean onlyFirstAttempt;

  BreakerGate(Breaker breaker, boolean onlyFirstAttempt) {
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
