package cascade.policy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Client-side adaptive throttling, from Google's SRE book ("Handling Overload"): over the last
 * {@code window} the client counts the attempts it wanted to make ({@code requests}) and those the
 * backend accepted ({@code accepts}), and rejects a new attempt locally with probability
 * {@code max(0, (requests - k * accepts) / (requests + 1))}.
 *
 * <p>While the backend accepts nearly everything, nothing is rejected. When it starts refusing or
 * failing, the client sheds the excess itself, before it costs the backend anything. A lower
 * {@code k} rejects sooner.
 *
 * <p>A request is counted once its fate is known: when it is rejected here, or when its answer
 * comes back ({@link #onResult}), as gRPC's throttler does. Counting it when it is sent would
 * make a burst at start-up reject itself: its own requests would be counted before any answer
 * could be accepted.
 */
public final class AdaptiveThrottle {

  public static final double DEFAULT_K = 2.0;
  /** Shorter than the book's two minutes: simulations last seconds, not hours. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

  private static final int BUCKETS = 10;

  private final double k;
  private final SlidingCounter requests;
  private final SlidingCounter accepts;
  private final PolicyEvents events;
  private long rejected;

  public AdaptiveThrottle(double k, Duration window, PolicyEvents events) {
    if (!(k > 0)) {
      throw new IllegalArgumentException("k must be above 0, but was " + k);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be above 0, but was " + window);
    }
    this.k = k;
    this.requests = new SlidingCounter(window.toNanos(), BUCKETS);
    this.accepts = new SlidingCounter(window.toNanos(), BUCKETS);
    this.events = events;
  }

  /** The probability that an attempt made now is rejected locally. */
  public double rejectionProbability(long nowNanos) {
    long wanted = requests.sum(nowNanos);
    return Math.max(0.0, (wanted - k * accepts.sum(nowNanos)) / (wanted + 1));
  }

  /** Lets the attempt through, or rejects it (and counts it) with the throttle's probability. */
  public boolean tryAcquire(long nowNanos, RandomGenerator random) {
    if (random.nextDouble() < rejectionProbability(nowNanos)) {
      requests.add(nowNanos, 1);
      rejected++;
      events.publish(new PolicyEvent("adaptive-throttle", "rejected", nowNanos));
      return false;
    }
    return true;
  }

  /** An attempt that went through ended: it counts as a request, and as accepted if it succeeded. */
  public void onResult(long nowNanos, CallOutcome outcome) {
    requests.add(nowNanos, 1);
    if (outcome == CallOutcome.SUCCESS) {
      accepts.add(nowNanos, 1);
    }
  }

  public long rejected() {
    return rejected;
  }
}
