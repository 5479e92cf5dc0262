package cascade.callpath;

import cascade.metrics.Reasons;
import cascade.policy.RateLimiter;
import java.time.Duration;

/**
 * A token bucket on the call path. With a maximum wait of zero an attempt without a token is
 * rejected at once; otherwise it reserves its token and waits for it, unless that wait would be
 * longer than the maximum (or the attempt is a hedge, which never waits).
 */
final class RateLimiterGate implements Gate {

  private final RateLimiter limiter;
  private final long maxWaitNanos;

  RateLimiterGate(RateLimiter limiter, Duration maxWait) {
    this.limiter = limiter;
    this.maxWaitNanos = maxWait.toNanos();
  }

  @Override
  public Admission admit(long nowNanos, int attempt, boolean mayWait) {
    if (maxWaitNanos == 0 || !mayWait) {
      return limiter.tryAcquire(nowNanos, 1) ? Admission.PASS : Admission.reject(Reasons.RATE_LIMITED);
    }
    if (limiter.nanosUntilAvailable(nowNanos, 1) > maxWaitNanos) {
      // Counted and published as a refusal by the limiter itself.
      limiter.tryAcquire(nowNanos, 1);
      return Admission.reject(Reasons.RATE_LIMITED);
    }
    long wait = limiter.reserve(nowNanos, 1);
    return wait == 0 ? Admission.PASS : Admission.waitFor(wait);
  }
}
