package cascade.callpath;

import cascade.metrics.Reasons;
import cascade.policy.Bulkhead;
import cascade.policy.CallOutcome;

/**
 * The bulkhead on the call path. A waiting attempt is parked by the caller (in its bounded stash);
 * when a permit is released and an attempt waits, {@code handOff} is told to resume the oldest.
 */
public final class BulkheadGate implements Gate {

  private final Bulkhead bulkhead;
  private final Runnable handOff;

  BulkheadGate(Bulkhead bulkhead, Runnable handOff) {
    this.bulkhead = bulkhead;
    this.handOff = handOff;
  }

  @Override
  public Admission admit(long nowNanos, int attempt, boolean mayWait) {
    if (!mayWait) {
      return bulkhead.tryAcquireWithoutWaiting() ? Admission.PASS : Admission.reject(Reasons.BULKHEAD_FULL);
    }
    return switch (bulkhead.tryAcquire()) {
      case PERMITTED -> Admission.PASS;
      case WAIT -> Admission.waitForPermit();
      case REJECTED -> Admission.reject(Reasons.BULKHEAD_FULL);
    };
  }

  @Override
  public void withdraw(long nowNanos) {
    release();
  }

  @Override
  public void onAttemptEnded(long nowNanos, CallOutcome outcome, long durationNanos) {
    release();
  }

  /** A waiting attempt gave up; its place in the queue is free. */
  public void leaveQueue() {
    bulkhead.leaveQueue();
  }

  private void release() {
    if (bulkhead.release()) {
      bulkhead.handOver();
      handOff.run();
    }
  }
}
