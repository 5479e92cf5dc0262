package cascade.metrics;

/** How one attempt (one call to a downstream service) ended. */
public enum AttemptResult {
  SUCCEEDED,
  /** The service answered with a failure. */
  FAILED,
  /** No answer within the caller's timeout. */
  TIMED_OUT
}
