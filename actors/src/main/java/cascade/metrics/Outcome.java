package cascade.metrics;

/** How a request ended. Every request ends in exactly one of these. */
public enum Outcome {
  /** An attempt succeeded. */
  SUCCEEDED("succeeded"),
  /** Every attempt it was allowed failed or timed out, and the caller gave up. */
  FAILED("failed"),
  /** Refused before an attempt could be made: breaker open, bulkhead full, limiter, shed. */
  REJECTED("rejected"),
  /** A queue it had to enter was full. */
  DROPPED("dropped"),
  /** Put in the dead-letter queue after its last try failed. */
  DEAD_LETTERED("dead_lettered");

  /** The name used in reports (snake_case, like the tutorial's keys). */
  public final String key;

  Outcome(String key) {
    this.key = key;
  }
}
