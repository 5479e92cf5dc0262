package cascade.metrics;

/** The reasons a request did not succeed, as they appear in reports. */
public final class Reasons {
  /** The circuit breaker refused the request (the tutorial's {@code cb_open}). */
  public static final String BREAKER_OPEN = "breaker-open";
  /** The bulkhead's waiting room was full. */
  public static final String BULKHEAD_FULL = "bulkhead-full";
  /** The bulkhead's maximum wait passed before a permit was free. */
  public static final String BULKHEAD_WAIT_TIMEOUT = "bulkhead-wait-timeout";
  /** The rate limiter had no permit (or not soon enough). */
  public static final String RATE_LIMITED = "rate-limited";
  /** Client-side adaptive throttling rejected the attempt. */
  public static final String THROTTLED = "throttled";
  /** The retry budget had no retry left; the last attempt's failure stands. */
  public static final String RETRY_BUDGET_EXHAUSTED = "retry-budget-exhausted";
  /** The retry token bucket held less than one token; the last attempt's failure stands. */
  public static final String RETRY_TOKEN_BUCKET_EMPTY = "retry-token-bucket-empty";
  /** The request's deadline passed before it could succeed. */
  public static final String DEADLINE_EXCEEDED = "deadline-exceeded";
  /** The event bus was full when the event was published. */
  public static final String BUS_FULL = "bus-full";
  /** The last attempt allowed failed (the service answered with an error). */
  public static final String LAST_ATTEMPT_FAILED = "last-attempt-failed";
  /** The last attempt allowed timed out. */
  public static final String LAST_ATTEMPT_TIMED_OUT = "last-attempt-timed-out";
  /** The service refused the last attempt allowed (load shedding). */
  public static final String LAST_ATTEMPT_SHED = "last-attempt-shed";

  /** Why a request whose last allowed attempt ended with {@code result} did not succeed. */
  public static String lastAttempt(AttemptResult result) {
    return switch (result) {
      case TIMED_OUT -> LAST_ATTEMPT_TIMED_OUT;
      case SHED -> LAST_ATTEMPT_SHED;
      default -> LAST_ATTEMPT_FAILED;
    };
  }

  /** Whether the reason says the service itself refused the work (its reasons start with "shed-"). */
  public static boolean isShed(String reason) {
    return reason != null && reason.startsWith("shed-");
  }

  private Reasons() {}
}
