package cascade.policy;

import java.time.Duration;

/**
 * A token bucket: {@code permitsPerPeriod} tokens are added every {@code period}, continuously, up
 * to {@code burst}; the bucket starts full. An acquisition takes one token per permit.
 *
 * <p>Two ways to ask: {@link #tryAcquire} takes the tokens now or refuses; {@link #reserve} takes
 * them now even if that leaves the bucket in debt, and says how long the caller must wait before
 * going ahead, so callers queue behind each other in order.
 */
public final class RateLimiter {

  private final double tokensPerNano;
  private final double burst;
  private final PolicyEvents events;
  private double tokens;
  private boolean started;
  private long lastRefill;
  private long refused;

  public RateLimiter(int permitsPerPeriod, Duration period, int burst, PolicyEvents events) {
    if (permitsPerPeriod < 1) {
      throw new IllegalArgumentException("permitsPerPeriod must be at least 1, but was " + permitsPerPeriod);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be above 0, but was " + period);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, but was " + burst);
    }
    this.tokensPerNano = (double) permitsPerPeriod / period.toNanos();
    this.burst = burst;
    this.tokens = burst;
    this.events = events;
  }

  /** Takes {@code permits} tokens if the bucket holds them now; otherwise takes nothing and refuses. */
  public boolean tryAcquire(long nowNanos, int permits) {
    refill(nowNanos, permits);
    if (tokens >= permits) {
      tokens -= permits;
      return true;
    }
    refused++;
    events.publish(new PolicyEvent("rate-limiter", "rejected", nowNanos));
    return false;
  }

  /** How long until {@code permits} tokens would be there, without taking them. */
  public long nanosUntilAvailable(long nowNanos, int permits) {
    refill(nowNanos, permits);
    return tokens >= permits ? 0 : (long) Math.ceil((permits - tokens) / tokensPerNano);
  }

  /**
   * Takes {@code permits} tokens and returns how long the caller must wait before using them (0
   * if they were there). Later callers wait behind this one.
   */
  public long reserve(long nowNanos, int permits) {
    long wait = nanosUntilAvailable(nowNanos, permits);
    tokens -= permits;
    return wait;
  }

  /** Acquisitions refused so far. */
  public long refused() {
    return refused;
  }

  private void refill(long nowNanos, int permits) {
    if (permits < 1 || permits > burst) {
      throw new IllegalArgumentException("permits must be in [1, " + (long) burst + "], but was " + permits);
    }
    if (started) {
      tokens = Math.min(burst, tokens + (nowNanos - lastRefill) * tokensPerNano);
    }
    started = true;
    lastRefill = nowNanos;
  }
}
