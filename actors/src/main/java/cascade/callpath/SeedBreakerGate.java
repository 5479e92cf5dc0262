package cascade.callpath;

import cascade.metrics.Reasons;
import cascade.policy.CallOutcome;
import cascade.policy.SlidingWindowBreaker;

/** The seed tutorial's breaker on the call path, asked before every attempt or only the first. */
final class SeedBreakerGate implements Gate {

  private final SlidingWindowBreaker breaker;
  private final boolean onlyFirstAttempt;

  SeedBreakerGate(SlidingWindowBreaker breaker, boolean onlyFirstAttempt) {
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
  public void onAttemptEnded(long nowNanos, CallOutcome outcome, long durationNanos) {
    if (outcome == CallOutcome.SUCCESS) {
      breaker.onSuccess(nowNanos);
    } else {
      breaker.onFailure(nowNanos);
    }
  }
}
