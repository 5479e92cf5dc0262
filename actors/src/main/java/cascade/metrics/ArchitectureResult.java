package cascade.metrics;

import cascade.service.FaultSchedule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The result of running one architecture, a record per concern. Latencies are in milliseconds and
 * null when nothing was recorded. How each figure is named and shown in the reports is described
 * once, in the runner's {@code cascade.report.ResultFigures}.
 *
 * @param name        the tutorial's name for the architecture ({@code RPC}, {@code EventDriven})
 * @param kind        the architecture's key ({@code rpc}, {@code event-driven})
 * @param outcomes    how the requests ended
 * @param attempts    the calls made to the downstream service, and what the policies did
 * @param latency     the tutorial's latency and the end-to-end latency
 * @param health      what happened to the service's instances, and how long the faults' trouble lasted
 * @param recovery    when faults have a trigger that ends: whether and when goodput came back
 *                    (see {@link Recovery}); null otherwise
 * @param durability  what a durable bus delivered again
 * @param classes     the outcomes per request class, in the load's order (one, {@code default},
 *                    when the load has no classes)
 * @param tiers       for a topology, what each tier did; empty otherwise
 * @param timeSeries  what happened in each interval of the run (written as CSV, not in the JSON)
 * @param wallMs      from the first arrival to the last outcome
 */
public record ArchitectureResult(
    String name,
    String kind,
    Outcomes outcomes,
    Attempts attempts,
    Latency latency,
    Health health,
    Recovery recovery,
    Durability durability,
    List<ClassResult> classes,
    List<TierResult> tiers,
    List<TimeSeries.Row> timeSeries,
    double wallMs) {

  public ArchitectureResult {
    classes = List.copyOf(classes);
    tiers = List.copyOf(tiers);
    timeSeries = List.copyOf(timeSeries);
  }

  /**
   * How the requests ended.
   *
   * @param requests requests the load generator sent
   * @param counts   requests per outcome; they add up to {@code requests} minus {@code lost}
   * @param reasons  requests per reason, for every outcome but success
   * @param lost     requests without an outcome: always 0, or the run is broken
   */
  public record Outcomes(long requests, Map<Outcome, Long> counts, Map<String, Long> reasons, long lost) {
    public Outcomes {
      counts = Map.copyOf(counts);
      reasons = Map.copyOf(reasons);
    }

    public long count(Outcome outcome) {
      return counts.getOrDefault(outcome, 0L);
    }

    public long reason(String reason) {
      return reasons.getOrDefault(reason, 0L);
    }

    static Outcomes of(long requests, RunMetrics m) {
      Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
      for (Outcome outcome : Outcome.values()) {
        counts.put(outcome, m.outcome(outcome));
      }
      return new Outcomes(requests, counts, m.reasons(), requests - m.requestsEnded());
    }
  }

  /**
   * The calls made to the downstream service.
   *
   * @param total         calls made to the downstream service
   * @param amplification attempts per request: the number that drives cascades
   * @param ok            successful attempts (one per succeeded request)
   * @param fail          failed attempts plus breaker rejections, as the tutorial counts them
   * @param retries       retries scheduled (re-publishes for events)
   * @param retryPeak     the most retries sent in any 10 ms: how bunched up they were
   * @param timeouts      attempts that timed out
   * @param shed          attempts the service refused without serving them (load shedding)
   * @param policyEvents  what the resilience policies did, counted by "policy: kind"
   */
  public record Attempts(
      long total, double amplification, long ok, long fail, long retries, int retryPeak, long timeouts, long shed, Map<String, Long> policyEvents) {
    public Attempts {
      policyEvents = Map.copyOf(policyEvents);
    }

    static Attempts of(long requests, RunMetrics m) {
      return new Attempts(
          m.attempts(),
          requests == 0 ? 0.0 : (double) m.attempts() / requests,
          m.succeededAttempts(),
          m.failedAttempts() + m.reason(Reasons.BREAKER_OPEN),
          m.retries(),
          m.retryPeakPer10Ms(),
          m.timeouts(),
          m.shedAttempts(),
          m.policyEvents());
    }
  }

  /**
   * Latency two ways: the tutorial's definition (RPC from the request's start, events from dequeue,
   * successful attempts only) and end to end (from the intended send time, every request).
   *
   * @param latP50Ms     tutorial-definition latency, 50th percentile
   * @param latP95Ms     tutorial-definition latency, 95th percentile
   * @param latP99Ms     tutorial-definition latency, 99th percentile
   * @param latMeanMs    tutorial-definition latency, mean
   * @param e2eP50Ms     end-to-end latency, 50th percentile
   * @param e2eP95Ms     end-to-end latency, 95th percentile
   * @param e2eP99Ms     end-to-end latency, 99th percentile
   * @param e2eMaxMs     end-to-end latency, maximum
   * @param e2eHistogram end-to-end latency, the whole distribution (for min, deviation, p99.9 and the .hgrm file)
   */
  public record Latency(
      Double latP50Ms,
      Double latP95Ms,
      Double latP99Ms,
      Double latMeanMs,
      Double e2eP50Ms,
      Double e2eP95Ms,
      Double e2eP99Ms,
      Double e2eMaxMs,
      LatencyHistogram e2eHistogram) {

    static Latency of(RunMetrics m) {
      LatencyHistogram tutorial = m.tutorialLatency();
      LatencyHistogram e2e = m.endToEnd();
      return new Latency(
          tutorial.percentileMillis(50), tutorial.percentileMillis(95), tutorial.percentileMillis(99), tutorial.meanMillis(),
          e2e.percentileMillis(50), e2e.percentileMillis(95), e2e.percentileMillis(99), e2e.maxMillis(), e2e.copy());
    }
  }

  /**
   * What happened to the service's instances.
   *
   * @param crashes           times a service instance crashed
   * @param restarts          times an instance was restarted after a crash
   * @param lostWithInstances attempts an instance took with it when it crashed, restarted or stopped
   *                          (each answered as lost, so its request still ended in one outcome)
   * @param unavailableMs     time instances spent down (restarting, or stopped until the end)
   * @param akkaDeadLetters   Akka's dead letters, by "actor kind: message (reason)"
   * @param recoveryMs        when faults have an end: how long after it the last failed request ended
   */
  public record Health(
      long crashes, long restarts, long lostWithInstances, double unavailableMs, Map<String, Long> akkaDeadLetters, Double recoveryMs) {
    public Health {
      akkaDeadLetters = Map.copyOf(akkaDeadLetters);
    }

    static Health of(RunMetrics m, long endNanos, Long faultsEndNanos) {
      ServiceHealth h = m.health();
      return new Health(
          h.crashes(),
          h.restarts(),
          h.attemptsLost(),
          h.unavailableNanos(endNanos) / 1e6,
          h.deadLetters(),
          faultsEndNanos == null ? null : Math.max(0, m.lastNonSuccessNanos() - faultsEndNanos) / 1e6);
    }
  }

  /**
   * What a durable bus delivered again after it recovered.
   *
   * @param redelivered events a durable bus recovered from its journal and delivered again
   * @param duplicates  outcomes reported twice for one request (after a redelivery), not counted
   */
  public record Durability(long redelivered, long duplicates) {}

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

  /**
   * Builds the result from what the recorder counted.
   *
   * @param requests        requests the load generator sent
   * @param wallNanos       from the first arrival to the last outcome
   * @param endNanos        when the run ended, for instances that are still down
   * @param faultsEndNanos  when faults stopped, or null if they never do
   * @param offeredIn       requests the arrival schedule offered in time-series interval {@code i}
   * @param classNames      the load's request classes, by class index ({@code default} without classes)
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
      List<String> classNames,
      FaultSchedule.Window trigger) {
    List<TimeSeries.Row> rows = m.timeSeries().finish(endNanos, offeredIn);
    double intervalMs = m.timeSeries().intervalNanos() / 1e6;
    Recovery recovery = trigger == null ? null : Recovery.of(rows, intervalMs, trigger.startNanos() / 1e6, trigger.endNanos() / 1e6);
    return new ArchitectureResult(
        name,
        kind,
        Outcomes.of(requests, m),
        Attempts.of(requests, m),
        Latency.of(m),
        Health.of(m, endNanos, faultsEndNanos),
        recovery,
        new Durability(m.redelivered(), m.duplicates()),
        classes(m, classNames),
        List.of(),
        rows,
        wallNanos / 1e6);
  }

  private static List<ClassResult> classes(RunMetrics m, List<String> classNames) {
    List<ClassResult> classes = new ArrayList<>();
    for (int i = 0; i < classNames.size(); i++) {
      ClassTally.Tally tally = m.byClass().of(i);
      LatencyHistogram e2e = tally.endToEnd();
      classes.add(new ClassResult(classNames.get(i), tally.requests(), tally.outcomes(), e2e.percentileMillis(50), e2e.percentileMillis(99)));
    }
    return classes;
  }

  /** The same result with the tiers of a topology. */
  public ArchitectureResult withTiers(List<TierResult> tiers) {
    return new ArchitectureResult(name, kind, outcomes, attempts, latency, health, recovery, durability, classes, tiers, timeSeries, wallMs);
  }
}
