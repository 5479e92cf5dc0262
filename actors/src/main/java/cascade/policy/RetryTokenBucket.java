package cascade.policy;

/**
 * A success-funded retry token bucket: the AWS SDKs' retry quota, and the "adaptive retries" of
 * Brooker's "Fixing retries with token buckets and circuit breakers" (2022). Each request that
 * succeeds deposits {@code depositPerSuccess} of a token; each retry spends one whole token; a
 * retry that finds less than one token in the bucket is not made. The bucket holds at most
 * {@code capacity} tokens and starts full, as the SDKs' quota does (it starts at its maximum).
 *
 * <p>Unlike a {@link RetryBudget}, which is funded by requests, this one is funded by successes:
 * when nothing succeeds nothing is deposited, so once the first {@code capacity} retries are spent
 * a service failing every call sees one attempt per request. While failures are rarer than
 * {@code depositPerSuccess} it behaves like plain retries.
 *
 * <p>Tokens are counted in millionths, so that ten deposits of 0.1 make exactly one token (in
 * doubles they make 0.9999999999999999, and the retry they paid for would be refused).
 *
 * <p>Plain Java and not thread-safe: one actor owns each instance. Time is passed in only to date
 * the events it publishes.
 */
public final class RetryTokenBucket {

  public static final double DEFAULT_CAPACITY = 100;
  public static final double DEFAULT_DEPOSIT_PER_SUCCESS = 0.1;

  private static final long MICROS_PER_TOKEN = 1_000_000L;

  private final long capacityMicros;
  private final long depositMicros;
  private final PolicyEvents events;
  private long tokensMicros;
  private long refused;

  public RetryTokenBucket(double capacity, double depositPerSuccess, PolicyEvents events) {
    if (!(capacity >= 1 && capacity <= 1e9)) {
      throw new IllegalArgumentException("capacity must be between 1 and 1e9 tokens, but was " + capacity);
    }
    if (!(depositPerSuccess > 0 && depositPerSuccess <= 1)) {
      throw new IllegalArgumentException("depositPerSuccess must be in (0, 1], but was " + depositPerSuccess);
    }
    this.capacityMicros = Math.round(capacity * MICROS_PER_TOKEN);
    this.depositMicros = Math.max(1, Math.round(depositPerSuccess * MICROS_PER_TOKEN));
    this.events = events;
    this.tokensMicros = capacityMicros;
  }

  /** A request succeeded: it deposits its share of a token, up to the capacity. */
  public void onSuccess() {
    tokensMicros = Math.min(capacityMicros, tokensMicros + depositMicros);
  }

  /** Whether a whole token is there for one more retry; if it is, the retry spends it. */
  public boolean tryAcquireRetry(long nowNanos) {
    if (tokensMicros < MICROS_PER_TOKEN) {
      refused++;
      events.publish(new PolicyEvent("retry-token-bucket", "empty", nowNanos));
      return false;
    }
    tokensMicros -= MICROS_PER_TOKEN;
    return true;
  }

  /** The tokens in the bucket now. */
  public double tokens() {
    return (double) tokensMicros / MICROS_PER_TOKEN;
  }

  /** Retries refused so far for want of a token. */
  public long refused() {
    return refused;
  }
}
