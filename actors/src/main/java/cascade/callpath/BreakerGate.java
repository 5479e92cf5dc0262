package cascade.callpath;

import cascade.metrics.Reasons;
import cascade.policy.Breaker;
import cascade.policy.CallOutcome;

/** A circuit breaker on the call path, asked before the attempts {@link BreakerConsulted} says. */
final class BreakerGate implements Gate {

  private final Breaker breaker;
  private final BreakerConsulted consulted;

  BreakerGate(Breaker breaker, BreakerConsulted consulted) {
    this.breaker = breaker;
    this.consulted = consulted;
  }

  @Override
  public Admission admit(long nowNanos, int attempt, boolean mayWait) {
    if (!consulted.asks(attempt)) {
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
