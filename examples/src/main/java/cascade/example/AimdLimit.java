package cascade.example;

/**
 * A concurrency limit that finds itself: additive increase, multiplicative decrease, as TCP finds
 * its congestion window. Each success while the limit is in use raises it by one; each failure or
 * timeout cuts it by {@code backoff}. A caller behind it sends only as many attempts at once as the
 * service has lately been able to take, with no limit to tune by hand.
 *
 * <p>A plain object, no Akka, no clock: the gate in {@link AimdLimitPolicy} drives it.
 */
public final class AimdLimit {

  private final int minLimit;
  private final int maxLimit;
  private final double backoff;
  private double limit;
  private int inFlight;

  /**
   * @param initialLimit where the limit starts, between min and max
   * @param backoff      what a failure multiplies the limit by, in (0, 1)
   */
  public AimdLimit(int initialLimit, int minLimit, int maxLimit, double backoff) {
    if (minLimit < 1 || maxLimit < minLimit || initialLimit < minLimit || initialLimit > maxLimit) {
      throw new IllegalArgumentException("need 1 <= min <= initial <= max, but got " + minLimit + " <= " + initialLimit + " <= " + maxLimit);
    }
    if (!(backoff > 0 && backoff < 1)) {
      throw new IllegalArgumentException("backoff must be between 0 and 1, but was " + backoff);
    }
    this.minLimit = minLimit;
    this.maxLimit = maxLimit;
    this.backoff = backoff;
    this.limit = initialLimit;
  }

  /** Takes a place if one is free. */
  public boolean tryAcquire() {
    if (inFlight >= limit()) {
      return false;
    }
    inFlight++;
    return true;
  }

  /** Gives a place back without judging the service (the attempt was never sent). */
  public void release() {
    inFlight = Math.max(0, inFlight - 1);
  }

  /** Gives a place back and learns from how the attempt ended. */
  public void release(boolean succeeded) {
    // Judged with the attempt still counted: was the limit in use when it ended?
    boolean limitInUse = inFlight * 2 >= limit();
    release();
    if (!succeeded) {
      limit = Math.max(minLimit, Math.floor(limit * backoff));
    } else if (limitInUse) {
      limit = Math.min(maxLimit, limit + 1);
    }
  }

  public int limit() {
    return (int) limit;
  }

  public int inFlight() {
    return inFlight;
  }
}
