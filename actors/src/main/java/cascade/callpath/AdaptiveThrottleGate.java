package cascade.callpath;

import cascade.metrics.Reasons;
import cascade.policy.AdaptiveThrottle;
import cascade.policy.CallOutcome;
import java.util.random.RandomGenerator;

/** Client-side adaptive throttling on the call path: rejects locally as the backend stops accepting. */
final class AdaptiveThrottleGate implements Gate {

  private final AdaptiveThrottle throttle;
  private final RandomGenerator random;

  AdaptiveThrottleGate(AdaptiveThrottle throttle, RandomGenerator random) {
    this.throttle = throttle;
    this.random = random;
  }

  @Override
  public Admission admit(long nowNanos, int attempt, boolean mayWait) {
    return throttle.tryAcquire(nowNanos, random) ? Admission.PASS : Admission.reject(Reasons.THROTTLED);
  }

  @Override
  public void onAttemptEnded(long nowNanos, CallOutcome outcome, long durationNanos) {
    throttle.onResult(nowNanos, outcome);
  }
}
