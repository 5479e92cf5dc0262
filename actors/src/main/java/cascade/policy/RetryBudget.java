package cascade.policy;

import java.time.Duration;

/**
 * A retry budget, as in Envoy and Finagle: over the last {@code window}, retries may be at most
 * {@code ratio} of the requests plus {@code minPerSecond} for every second of the window.
 *
 * <p>A per-request limit ("three retries each") lets a caller quadruple its load exactly when the
 * service is least able to take it. A budget caps retries across all requests: while most
 * requests succeed it is never felt; when most fail, retries stay a small share of the load.
 */
public final class RetryBudget {

  public static final double DEFAULT_RATIO = 0.2;
  public static final double DEFAULT_MIN_PER_SECOND = 10;
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

  /** Resolution of the window: a tenth of it. */
  private static final int BUCKETS = 10;

  private final double ratio;
  private final double minRetriesInWindow;
  private final SlidingCounter requests;
  private final SlidingCounter retries;
  private final PolicyEvents events;
  private long refused;

  public RetryBudget(double ratio, double minPerSecond, Duration window, PolicyEvents events) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio must be in [0, 1], but was " + ratio);
    }
    if (!(minPerSecond >= 0)) {
      throw new IllegalArgumentException("minPerSecond must be at least 0, but was " + minPerSecond);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be above 0, but was " + window);
    }
    this.ratio = ratio;
    this.minRetriesInWindow = minPerSecond * window.toNanos() / 1e9;
    this.requests = new SlidingCounter(window.toNanos(), BUCKETS);
    this.retries = new SlidingCounter(window.toNanos(), BUCKETS);
    this.events = events;
  }

  /** A request made its first attempt: it adds to what later retries may spend. */
  public void onRequest(long nowNanos) {
    requests.add(nowNanos, 1);
  }

  /** Whether one more retry fits the budget now; if it does, it is counted. */
  public boolean tryAcquireRetry(long nowNanos) {
    double allowed = minRetriesInWindow + ratio * requests.sum(nowNanos);
    if (retries.sum(nowNanos) + 1 > allowed) {
      refused++;
      events.publish(new PolicyEvent("retry-budget", "exhausted", nowNanos));
      return false;
    }
    retries.add(nowNanos, 1);
    return true;
  }

  /** Retries the budget refused so far. */
  public long refused() {
    return refused;
  }
}
