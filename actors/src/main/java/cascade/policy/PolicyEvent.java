package cascade.policy;

/**
 * Something a policy did that a report should be able to show: a breaker changing state, a retry
 * being scheduled, a call being rejected, a hedge being sent.
 *
 * @param policy  which policy acted, e.g. {@code breaker}, {@code retry}, {@code rate-limiter}
 * @param kind    what it did, e.g. {@code closed->open}, {@code retry}, {@code rejected}
 * @param atNanos when, on the same monotonic scale as the times passed to the policy
 */
public record PolicyEvent(String policy, String kind, long atNanos) {

  /** A state machine moved from one state to another; the kind reads {@code from->to}, lower case. */
  public static PolicyEvent transition(String policy, Enum<?> from, Enum<?> to, long atNanos) {
    return new PolicyEvent(policy, from.name().toLowerCase() + "->" + to.name().toLowerCase(), atNanos);
  }

  @Override
  public String toString() {
    return policy + ": " + kind + " at " + atNanos / 1_000_000 + " ms";
  }
}
