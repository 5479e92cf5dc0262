package cascade.metrics;

/** The reasons a request did not succeed, as they appear in reports. */
public final class Reasons {
  /** The circuit breaker refused the request (the seed's {@code cb_open}). */
  public static final String BREAKER_OPEN = "breaker-open";
  /** The bulkhead's waiting room was full. */
  public static final String BULKHEAD_FULL = "bulkhead-full";
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

  private Reasons() {}
}
