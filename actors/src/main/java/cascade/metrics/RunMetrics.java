package cascade.metrics;

import cascade.policy.PolicyEvent;
import cascade.runtime.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one architecture's run counts, in memory that does not grow with the number of
 * requests: counters and two latency histograms.
 *
 * <p>Two latency definitions are kept side by side. The tutorial's ({@code lat_*}) is recorded on
 * each successful attempt and measured the way the tutorial measures it (RPC: from the request's
 * start; events: from dequeue). End to end ({@code e2e_*}) is recorded once per request, whatever
 * its outcome, from the time the load generator intended to send it until its outcome is known,
 * so queueing before the first attempt is never hidden (no coordinated omission).
 *
 * <p>Not thread-safe: one actor owns it.
 */
public final class RunMetrics {

  private final LatencyHistogram tutorialLatency = new LatencyHistogram();
  private final LatencyHistogram endToEnd = new LatencyHistogram();
  private final EnumMap<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
  private final Map<String, Long> reasons = new TreeMap<>();
  private final Map<String, Long> policyEvents = new TreeMap<>();
  private final ServiceHealth health = new ServiceHealth();
  private final TimeSeries timeSeries;
  private long lastNonSuccessNanos;
  private long attempts;
  private long succeededAttempts;
  private long failedAttempts;
  private long timeouts;
  private long shedAttempts;
  private long retries;
  private long requestsEnded;
  private final PeakRate retryPeak;
  private final ClassTally byClass = new ClassTally();
  /** A bit per request id that has ended, for senders that may end a request twice. */
  private final java.util.BitSet ended = new java.util.BitSet();
  private long duplicates;
  private long redelivered;
  /** A topology's tiers, counted here or on the nodes that run them; empty for other architectures. */
  private final TierTally tiers;

  /** Metrics of a run that starts now. */
  public RunMetrics() {
    this(Clock.nanos());
  }

  /** @param startNanos the run's t=0, from which intervals are counted ({@link cascade.runtime.Clock#nanos()} scale) */
  public RunMetrics(long startNanos) {
    this.timeSeries = new TimeSeries(startNanos, TimeSeries.DEFAULT_INTERVAL_NANOS);
    this.retryPeak = new PeakRate(startNanos, 10_000_000L);
    this.tiers = new TierTally(startNanos, TimeSeries.DEFAULT_INTERVAL_NANOS);
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, 0L);
    }
  }

  /** One attempt ended; {@code tutorialLatencyNanos} is only used when it succeeded. */
  public void attemptEnded(AttemptResult result, long tutorialLatencyNanos) {
    attempts++;
    timeSeries.attempt(Clock.nanos());
    switch (result) {
      case SUCCEEDED -> {
        succeededAttempts++;
        tutorialLatency.recordNanos(tutorialLatencyNanos);
      }
      case FAILED -> failedAttempts++;
      case TIMED_OUT -> {
        failedAttempts++;
        timeouts++;
      }
      case SHED -> {
        failedAttempts++;
        shedAttempts++;
      }
    }
  }

  /**
   * Whether this is the first outcome of request {@code requestId} (always, for -1: a sender that
   * cannot end a request twice). A second one is counted as a duplicate and must be ignored.
   */
  public boolean firstEnd(long requestId) {
    if (requestId < 0 || requestId > Integer.MAX_VALUE) {
      return true;
    }
    int bit = (int) requestId;
    if (ended.get(bit)) {
      duplicates++;
      return false;
    }
    ended.set(bit);
    return true;
  }

  /** Outcomes reported a second time for the same request (after a redelivery), and ignored. */
  /**
   * Up to {@code limit} ids below {@code total} that have no outcome, lowest first: the requests a
   * stalled run is still waiting for. Exact when every sender reports its request's id.
   */
  public java.util.List<Long> openRequests(long total, int limit) {
    java.util.List<Long> open = new java.util.ArrayList<>();
    for (int id = ended.nextClearBit(0); id < total && open.size() < limit; id = ended.nextClearBit(id + 1)) {
      open.add((long) id);
    }
    return open;
  }

  public long duplicates() {
    return duplicates;
  }

  public void redelivered(long events) {
    redelivered += events;
  }

  /** Events a durable bus recovered from its journal and delivered again. */
  public long redelivered() {
    return redelivered;
  }

  public void retryScheduled(long dueNanos) {
    retries++;
    retryPeak.record(dueNanos);
    timeSeries.retry(Clock.nanos());
  }

  /** The most retries sent in any 10 ms of the run: how bunched up they were. */
  public int retryPeakPer10Ms() {
    return retryPeak.peak();
  }

  /**
   * A request reached its outcome. {@code reason} says why for anything but success (for
   * example {@code breaker-open}); it may be null.
   */
  public void requestEnded(Outcome outcome, String reason, long endToEndNanos) {
    requestEnded(outcome, reason, endToEndNanos, 0);
  }

  /** As above, for a request of class {@code requestClass}, which is counted apart too. */
  public void requestEnded(Outcome outcome, String reason, long endToEndNanos, int requestClass) {
    byClass.ended(requestClass, outcome, endToEndNanos);
    outcomes.merge(outcome, 1L, Long::sum);
    requestsEnded++;
    if (reason != null) {
      reasons.merge(reason, 1L, Long::sum);
    }
    endToEnd.recordNanos(endToEndNanos);
    timeSeries.completed(Clock.nanos(), outcome, endToEndNanos);
    if (outcome != Outcome.SUCCEEDED) {
      lastNonSuccessNanos = Clock.nanos();
    }
  }

  /** Adds what a node counted and shipped (see {@link MetricsRelay}). */
  public void merge(MetricsDelta delta) {
    delta.attemptsByResult().forEach((name, count) -> {
      AttemptResult result = AttemptResult.valueOf(name);
      attempts += count;
      switch (result) {
        case SUCCEEDED -> succeededAttempts += count;
        case FAILED -> failedAttempts += count;
        case TIMED_OUT -> {
          failedAttempts += count;
          timeouts += count;
        }
        case SHED -> {
          failedAttempts += count;
          shedAttempts += count;
        }
      }
    });
    tutorialLatency.add(delta.tutorialLatencyHistogram());
    java.util.SortedSet<Long> intervals = new java.util.TreeSet<>(delta.attemptsPerInterval().keySet());
    intervals.addAll(delta.retriesPerInterval().keySet());
    for (long interval : intervals) {
      timeSeries.addCounted(
          interval, delta.attemptsPerInterval().getOrDefault(interval, 0L), delta.retriesPerInterval().getOrDefault(interval, 0L));
    }
    delta.retriesDuePer10Ms().forEach((slot, count) -> {
      retries += count;
      retryPeak.add(slot, count);
    });
    delta.policyEvents().forEach((key, count) -> policyEvents.merge(key, count, Long::sum));
    delta.deadLetters().forEach((key, count) -> {
      int bar = key.indexOf('|');
      for (long i = 0; i < count; i++) {
        health.deadLetter(key.substring(0, bar), key.substring(bar + 1));
      }
    });
  }

  /** Per-interval counts of the run. */
  public TierTally tiers() {
    return tiers;
  }

  public TimeSeries timeSeries() {
    return timeSeries;
  }

  /** The service's instances and Akka's dead letters. */
  public ServiceHealth health() {
    return health;
  }

  /** When the last request that did not succeed ended (0 if all succeeded). */
  public long lastNonSuccessNanos() {
    return lastNonSuccessNanos;
  }

  /** Counts what the policies did, by "policy: kind" (for example "breaker: closed->open"). */
  public void policyActed(PolicyEvent event) {
    policyEvents.merge(event.policy() + ": " + event.kind(), 1L, Long::sum);
    int arrow = event.kind().indexOf("->");
    if (event.policy().equals("breaker") && arrow >= 0) {
      timeSeries.breaker(Clock.nanos(), event.kind().substring(arrow + 2));
    }
  }

  /** Counts per policy event, sorted by name. */
  public Map<String, Long> policyEvents() {
    return Map.copyOf(policyEvents);
  }

  /** Requests with an outcome so far; asked on every outcome, so kept as a count, not summed. */
  public long requestsEnded() {
    return requestsEnded;
  }

  public long attempts() {
    return attempts;
  }

  public long succeededAttempts() {
    return succeededAttempts;
  }

  public long failedAttempts() {
    return failedAttempts;
  }

  public long timeouts() {
    return timeouts;
  }

  /** Attempts the service refused without serving them (load shedding). */
  public long shedAttempts() {
    return shedAttempts;
  }

  public long retries() {
    return retries;
  }

  public long outcome(Outcome outcome) {
    return outcomes.get(outcome);
  }

  public long reason(String reason) {
    return reasons.getOrDefault(reason, 0L);
  }

  /** Counts per reason, sorted by name. */
  public Map<String, Long> reasons() {
    return Map.copyOf(reasons);
  }

  public LatencyHistogram tutorialLatency() {
    return tutorialLatency;
  }

  /** Outcomes and end-to-end latency per request class. */
  public ClassTally byClass() {
    return byClass;
  }

  public LatencyHistogram endToEnd() {
    return endToEnd;
  }
}
