package cascade.experiment;

import cascade.policy.Retry;
import java.time.Duration;

/**
 * How long a run may go without anything ending (no attempt, no request) while requests are open,
 * before it is declared stalled: derived from the scenario, not a fixed ten minutes.
 *
 * <p>While requests are open, something ends at least every so often: each attempt has a timeout,
 * each retry a capped backoff, and after the last allowed try a request fails (or is
 * dead-lettered). So the longest a single request can take, {@code (retries + 1) × (timeout +
 * longest backoff)}, bounds the quiet time of a healthy run; the patience is three times that, and
 * never less than {@link #AT_LEAST}. A durable event path adds its publisher's resend period twice
 * (an offer lost with a node is sent again after it); runs whose nodes are killed add the time the
 * cluster takes to notice and remove a dead node and to start the killed part again (passed in).
 */
public final class StallPatience {

  /** The least patience: below it, a busy machine's pause could pass for a stall. */
  public static final Duration AT_LEAST = Duration.ofSeconds(10);

  private StallPatience() {}

  /**
   * @param allowance extra time for what the plan does not show (node kills and restarts), or zero
   */
  public static Duration of(ExperimentPlan plan, Duration allowance) {
    Duration longest;
    if (plan.architecture() instanceof ExperimentPlan.Rpc rpc) {
      longest = longestRequest(rpc.caller().timeout(), rpc.caller().retry());
    } else if (plan.architecture() instanceof ExperimentPlan.Topology topology) {
      longest = longestRequest(topology.caller().timeout(), topology.caller().retry());
    } else {
      ExperimentPlan.EventDriven events = (ExperimentPlan.EventDriven) plan.architecture();
      longest = longestRequest(events.consumer().timeout(), events.consumer().retry());
      if (events.durability().journaled()) {
        longest = longest.plus(Experiment.RESEND_EVERY.multipliedBy(2));
      }
    }
    Duration patience = longest.multipliedBy(3);
    return (patience.compareTo(AT_LEAST) < 0 ? AT_LEAST : patience).plus(allowance);
  }

  private static Duration longestRequest(Duration timeout, Retry retry) {
    return timeout.plus(retry.backoff().maxDelay()).multipliedBy(retry.maxRetries() + 1L);
  }
}
