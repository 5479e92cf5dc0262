package cascade.callpath;

import cascade.policy.CallOutcome;

/**
 * One admission check on a call path (the RPC caller's or a consumer's), asked before every attempt in the order the scenario
 * lists the policies (a breaker, a rate limiter, a bulkhead, ...). Each gate wraps one plain-Java
 * policy; the caller knows only this interface, so policies compose in any order.
 */
public interface Gate {

  /** What a gate says to an attempt. */
  record Admission(Verdict verdict, String reason, long waitNanos) {
    public static final Admission PASS = new Admission(Verdict.PASS, null, 0);

    public static Admission reject(String reason) {
      return new Admission(Verdict.REJECT, reason, 0);
    }

    /** Admitted once a permit is handed over (the caller parks the attempt until then). */
    public static Admission waitForPermit() {
      return new Admission(Verdict.WAIT_FOR_PERMIT, null, 0);
    }

    /** Admitted after {@code nanos} (the permit is already reserved). */
    public static Admission waitFor(long nanos) {
      return new Admission(Verdict.WAIT_FOR_TIME, null, nanos);
    }
  }

  public enum Verdict {
    PASS,
    REJECT,
    WAIT_FOR_PERMIT,
    WAIT_FOR_TIME
  }

  /**
   * @param attempt the attempt's number within its request (1 for the first)
   * @param mayWait false for an attempt that must go now or not at all (a hedge)
   */
  Admission admit(long nowNanos, int attempt, boolean mayWait);

  /** An attempt this gate admitted will not be made after all (a later gate refused it). */
  default void withdraw(long nowNanos) {}

  /** An attempt this gate admitted has ended. */
  default void onAttemptEnded(long nowNanos, CallOutcome outcome, long durationNanos) {}
}
