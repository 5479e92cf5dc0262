package cascade.metrics;

import java.util.List;

/**
 * What one tier of a topology did in a run. Amplifications are relative to the requests the load
 * sent into the system, so a chain's tiers can be compared with the analytic bound
 * {@code (retries + 1)^depth}.
 *
 * @param name          the tier's name in the scenario
 * @param received      attempts that reached the tier (each is a request to it)
 * @param amplification {@code received / requests of the load}
 * @param succeeded     attempts it answered with success (its own work and its downstream calls succeeded)
 * @param failed        attempts it answered with a failure, a rejection or a loss
 * @param serviceP50Ms  its own service time (without downstream calls), 50th percentile; null if none
 * @param serviceP99Ms  its own service time, 99th percentile
 * @param calls         what it sent to each downstream tier, in the order of its edges
 * @param series        the same per interval of the run (written as CSV, not in the JSON)
 */
public record TierResult(
    String name,
    long received,
    double amplification,
    long succeeded,
    long failed,
    Double serviceP50Ms,
    Double serviceP99Ms,
    List<Calls> calls,
    List<TierSeries.Row> series) {

  public TierResult {
    calls = List.copyOf(calls);
    series = List.copyOf(series);
  }

  /**
   * One downstream target of one of the tier's edges.
   *
   * @param to            the tier called
   * @param call          {@code rpc} or {@code event}
   * @param requests      calls toward it that ended by the end of the run (one per request it served, per edge)
   * @param attempts      attempts made toward it, retries included
   * @param retries       retries scheduled (re-publishes for events)
   * @param succeeded     calls that ended in success
   * @param failed        calls that ended otherwise (failed, rejected, dropped, dead-lettered)
   */
  public record Calls(String to, String call, long requests, long attempts, long retries, long succeeded, long failed) {}
}
