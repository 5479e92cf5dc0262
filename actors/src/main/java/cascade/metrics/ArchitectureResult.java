package cascade.metrics;

import java.util.Map;

/**
 * The result of running one architecture: the seed's keys, then what Cascade Lab adds.
 * Latencies are in milliseconds and null when nothing was recorded.
 *
 * @param name          the seed's name for the architecture ({@code RPC}, {@code EventDriven})
 * @param kind          the architecture's key ({@code rpc}, {@code event-driven})
 * @param ok            successful attempts (one per succeeded request)
 * @param fail          failed attempts plus breaker rejections, as the seed counts them
 * @param dropped       events dropped because the bus was full
 * @param retries       retries scheduled (re-publishes for events)
 * @param retryPeak     the most retries sent in any 10 ms: how bunched up they were
 * @param timeouts      attempts that timed out
 * @param shed          attempts the service refused without serving them (load shedding)
 * @param cbOpen        requests the breaker refused
 * @param dlq           events put in the dead-letter queue
 * @param latP50Ms      seed-definition latency, 50th percentile
 * @param latP95Ms      seed-definition latency, 95th percentile
 * @param latP99Ms      seed-definition latency, 99th percentile
 * @param latMeanMs     seed-definition latency, mean
 * @param wallMs        from the first arrival to the last outcome
 * @param requests      requests the load generator sent
 * @param attempts      calls made to the downstream service
 * @param amplification attempts per request: the number that drives cascades
 * @param outcomes      requests per outcome; they add up to {@code requests} minus {@code lost}
 * @param reasons       requests per reason, for every outcome but success
 * @param policyEvents  what the resilience policies did, counted by "policy: kind"
 * @param lost          requests without an outcome: always 0, or the run is broken
 * @param e2eP50Ms      end-to-end latency from the intended send time, 50th percentile
 * @param e2eP95Ms      end-to-end latency, 95th percentile
 * @param e2eP99Ms      end-to-end latency, 99th percentile
 * @param e2eMaxMs      end-to-end latency, maximum
 */
public record ArchitectureResult(
    String name,
    String kind,
    long ok,
    long fail,
    long dropped,
    long retries,
    int retryPeak,
    long timeouts,
    long shed,
    long cbOpen,
    long dlq,
    Double latP50Ms,
    Double latP95Ms,
    Double latP99Ms,
    Double latMeanMs,
    double wallMs,
    long requests,
    long attempts,
    double amplification,
    Map<Outcome, Long> outcomes,
    Map<String, Long> reasons,
    Map<String, Long> policyEvents,
    long lost,
    Double e2eP50Ms,
    Double e2eP95Ms,
    Double e2eP99Ms,
    Double e2eMaxMs) {

  public ArchitectureResult {
    outcomes = Map.copyOf(outcomes);
    reasons = Map.copyOf(reasons);
    policyEvents = Map.copyOf(policyEvents);
  }

  /** Builds the result from what the recorder counted. */
  public static ArchitectureResult of(String name, String kind, long requests, long wallNanos, RunMetrics m) {
    Map<Outcome, Long> outcomes = new java.util.EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, m.outcome(outcome));
    }
    long cbOpen = m.reason(Reasons.BREAKER_OPEN);
    return new ArchitectureResult(
        name,
        kind,
        m.succeededAttempts(),
        m.failedAttempts() + cbOpen,
        m.outcome(Outcome.DROPPED),
        m.retries(),
        m.retryPeakPer10Ms(),
        m.timeouts(),
        m.shedAttempts(),
        cbOpen,
        m.outcome(Outcome.DEAD_LETTERED),
        m.seedLatency().percentileMillis(50),
        m.seedLatency().percentileMillis(95),
        m.seedLatency().percentileMillis(99),
        m.seedLatency().meanMillis(),
        wallNanos / 1e6,
        requests,
        m.attempts(),
        requests == 0 ? 0.0 : (double) m.attempts() / requests,
        outcomes,
        m.reasons(),
        m.policyEvents(),
        requests - m.requestsEnded(),
        m.endToEnd().percentileMillis(50),
        m.endToEnd().percentileMillis(95),
        m.endToEnd().percentileMillis(99),
        m.endToEnd().maxMillis());
  }
}
