package cascade.policy;

/** How one call (one attempt at the downstream service) ended, as the policies judge it. */
public enum CallOutcome {
  /** The service answered with success. */
  SUCCESS("success"),
  /** The service answered with an error. */
  ERROR("error"),
  /** No answer within the attempt's timeout. */
  TIMEOUT("timeout"),
  /** Refused before reaching the service: by a local policy (breaker, limiter, bulkhead) or shed by the service. */
  REJECTION("rejection");

  /** The name used in scenario files (for example in {@code retry-on = [error, timeout]}). */
  public final String key;

  CallOutcome(String key) {
    this.key = key;
  }
}
