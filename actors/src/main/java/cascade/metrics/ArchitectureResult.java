package cascade.metrics;

import cascade.service.FaultSchedule;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

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
 * @param crashes       times a service instance crashed
 * @param restarts      times an instance was restarted after a crash
 * @param lostWithInstances attempts an instance took with it when it crashed, restarted or stopped
 *                      (each answered as lost, so its request still ended in one outcome)
 * @param unavailableMs time instances spent down (restarting, or stopped until the end)
 * @param akkaDeadLetters Akka's dead letters, by "actor kind: message (reason)"
 * @param recoveryMs    when faults have an end: how long after it the last failed request ended
 * @param timeSeries    what happened in each interval of the run (written as CSV, not in the JSON)
 * @param lost          requests without an outcome: always 0, or the run is broken
 * @param e2eP50Ms      end-to-end latency from the intended send time, 50th percentile
 * @param e2eP95Ms      end-to-end latency, 95th percentile
 * @param e2eP99Ms      end-to-end latency, 99th percentile
 * @param e2eMaxMs      end-to-end latency, maximum
 * @param classes       the same per request class, in the load's order (one, {@code default},
 *                      when the load has no classes)
 * @param recovery      when faults have a trigger that ends: whether and when goodput came back
 *                      (see {@link Recovery}); null otherwise
 * @param tiers         for a topology, what each tier did; empty otherwise
 * @param redelivered   events a durable bus recovered from its journal and delivered again
 * @param duplicates    outcomes reported twice for one request (after a redelivery), not counted
 * @param e2eHistogram  end-to-end latency, the whole distribution (for min, deviation, p99.9 and the .hgrm file)
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
    long crashes,
    long restarts,
    long lostWithInstances,
    double unavailableMs,
    Map<String, Long> akkaDeadLetters,
    Double recoveryMs,
    List<TimeSeries.Row> timeSeries,
    long lost,
    Double e2eP50Ms,
    Double e2eP95Ms,
    Double e2eP99Ms,
    Double e2eMaxMs,
    List<ClassResult> classes,
    Recovery recovery,
    List<TierResult> tiers,
    long redelivered,
    long duplicates,
    LatencyHistogram e2eHistogram) {

  /**
   * What the requests of one class came to.
   *
   * @param requests  requests of the class that ended
   * @param outcomes  its requests per outcome
   * @param e2eP50Ms  its end-to-end latency, 50th percentile
   * @param e2eP99Ms  its end-to-end latency, 99th percentile
   */
  public record ClassResult(String name, long requests, Map<Outcome, Long> outcomes, Double e2eP50Ms, Double e2eP99Ms) {
    public ClassResult {
      outcomes = Map.copyOf(outcomes);
    }
  }

  public ArchitectureResult {
    classes = List.copyOf(classes);
    tiers = List.copyOf(tiers);
    outcomes = Map.copyOf(outcomes);
    reasons = Map.copyOf(reasons);
    policyEvents = Map.copyOf(policyEvents);
    akkaDeadLetters = Map.copyOf(akkaDeadLetters);
    timeSeries = List.copyOf(timeSeries);
  }

  /** Builds the result of a run without faults from what the recorder counted. */
  public static ArchitectureResult of(String name, String kind, long requests, long wallNanos, RunMetrics m) {
    return of(name, kind, requests, wallNanos, m, 0, null, i -> 0, null);
  }

  /**
   * Builds the result from what the recorder counted.
   *
   * @param endNanos        when the run ended, for instances that are still down
   * @param faultsEndNanos  when faults stopped, or null if they never do
   * @param offeredIn       requests the arrival schedule offered in time-series interval {@code i}
   * @param trigger         when the faults started and ended, from the start of the time series;
   *                        null when nothing has a trigger that ends
   */
  public static ArchitectureResult of(
      String name,
      String kind,
      long requests,
      long wallNanos,
      RunMetrics m,
      long endNanos,
      Long faultsEndNanos,
      LongUnaryOperator offeredIn,
      FaultSchedule.Window trigger) {
    return of(name, kind, requests, wallNanos, m, endNanos, faultsEndNanos, offeredIn, List.of("default"), trigger);
  }

  /** As above, for a load of request classes named {@code classNames} (by class index). */
  public static ArchitectureResult of(
      String name,
      String kind,
      long requests,
      long wallNanos,
      RunMetrics m,
      long endNanos,
      Long faultsEndNanos,
      LongUnaryOperator offeredIn,
      List<String> classNames,
      FaultSchedule.Window trigger) {
    List<ClassResult> classes = new java.util.ArrayList<>();
    for (int i = 0; i < classNames.size(); i++) {
      ClassTally.Tally tally = m.byClass().of(i);
      classes.add(
          new ClassResult(
              classNames.get(i), tally.requests(), tally.outcomes(), tally.endToEnd().percentileMillis(50), tally.endToEnd().percentileMillis(99)));
    }
    Map<Outcome, Long> outcomes = new java.util.EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, m.outcome(outcome));
    }
    long cbOpen = m.reason(Reasons.BREAKER_OPEN);
    List<TimeSeries.Row> rows = m.timeSeries().finish(endNanos, offeredIn);
    double intervalMs = m.timeSeries().intervalNanos() / 1e6;
    Recovery recovery = trigger == null ? null : Recovery.of(rows, intervalMs, trigger.startNanos() / 1e6, trigger.endNanos() / 1e6);
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
        m.health().crashes(),
        m.health().restarts(),
        m.health().attemptsLost(),
        m.health().unavailableNanos(endNanos) / 1e6,
        m.health().deadLetters(),
        faultsEndNanos == null ? null : Math.max(0, m.lastNonSuccessNanos() - faultsEndNanos) / 1e6,
        rows,
        requests - m.requestsEnded(),
        m.endToEnd().percentileMillis(50),
        m.endToEnd().percentileMillis(95),
        m.endToEnd().percentileMillis(99),
        m.endToEnd().maxMillis(),
        classes,
        recovery,
        List.of(),
        m.redelivered(),
        m.duplicates(),
        m.endToEnd().copy());
  }

  /** The same result with the tiers of a topology. */
  public ArchitectureResult withTiers(List<TierResult> tiers) {
    return new ArchitectureResult(
        name, kind, ok, fail, dropped, retries, retryPeak, timeouts, shed, cbOpen, dlq, latP50Ms, latP95Ms, latP99Ms,
        latMeanMs, wallMs, requests, attempts, amplification, outcomes, reasons, policyEvents, crashes, restarts,
        lostWithInstances, unavailableMs, akkaDeadLetters, recoveryMs, timeSeries, lost, e2eP50Ms, e2eP95Ms, e2eP99Ms,
        e2eMaxMs, classes, recovery, tiers, redelivered, duplicates, e2eHistogram);
  }
}
