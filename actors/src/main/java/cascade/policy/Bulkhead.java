package cascade.policy;

/**
 * A bulkhead's arithmetic: at most {@code maxConcurrent} calls hold a permit, and at most
 * {@code maxWaiting} more may wait for one. Where the waiting calls are kept is the owner's
 * business (the RPC caller keeps them in a bounded {@code StashBuffer}).
 *
 * <p>Plain Java and not thread-safe: one actor owns each instance.
 */
public final class Bulkhead {

  public static final int DEFAULT_MAX_CONCURRENT = 40;
  public static final int DEFAULT_MAX_WAITING = 100_000;

  /** What happens to a call that asks for a permit. */
  public enum Admission {
    /** It holds a permit now and must {@link #release()} it when done. */
    PERMITTED,
    /** It must wait; it will be handed a permit through {@link #handOver()}. */
    WAIT,
    /** Every permit is taken and the waiting room is full: the call is rejected. */
    REJECTED
  }

  private final int maxConcurrent;
  private final int maxWaiting;
  private int inUse;
  private int waiting;
  private long rejected;

  public Bulkhead(int maxConcurrent, int maxWaiting) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, but was " + maxConcurrent);
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("maxWaiting must be at least 0, but was " + maxWaiting);
    }
    this.maxConcurrent = maxConcurrent;
    this.maxWaiting = maxWaiting;
  }

  public Admission tryAcquire() {
    if (inUse < maxConcurrent && waiting == 0) {
      inUse++;
      return Admission.PERMITTED;
    }
    if (waiting < maxWaiting) {
      waiting++;
      return Admission.WAIT;
    }
    rejected++;
    return Admission.REJECTED;
  }

  /** A permit now or nothing: for calls that must not queue (a hedge, say). */
  public boolean tryAcquireWithoutWaiting() {
    if (inUse < maxConcurrent && waiting == 0) {
      inUse++;
      return true;
    }
    rejected++;
    return false;
  }

  /** A waiting call gave up (its maximum wait passed) and leaves the queue. */
  public void leaveQueue() {
    if (waiting == 0) {
      throw new IllegalStateException("no waiting call to leave");
    }
    waiting--;
  }

  /**
   * Gives a permit back. Returns true when a waiting call should now be resumed; it then holds
   * the permit that was just released (the owner calls {@link #handOver()} as it resumes it).
   */
  public boolean release() {
    if (inUse == 0) {
      throw new IllegalStateException("release without a permit");
    }
    inUse--;
    return waiting > 0;
  }

  /** Moves one waiting call to a permit. */
  public void handOver() {
    if (waiting == 0 || inUse >= maxConcurrent) {
      throw new IllegalStateException("no waiting call or no free permit");
    }
    waiting--;
    inUse++;
  }

  public int inUse() {
    return inUse;
  }

  public int waiting() {
    return waiting;
  }

  public long rejected() {
    return rejected;
  }
}
