package cascade.metrics;

import cascade.runtime.CrossesNodes;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What a node's {@link MetricsRelay} counted since its last shipment, in the form it crosses to
 * the coordinator: counters, a compressed histogram, and counts keyed by the interval they fell
 * in (so the coordinator's time series puts them where they happened, not where they arrived).
 * Its size depends on the shipment's length, never on the number of requests.
 *
 * @param attemptsByResult     attempts ended, by {@link AttemptResult} name
 * @param tutorialLatency      successful attempts' tutorial-definition latencies, micros, HdrHistogram compressed
 * @param attemptsPerInterval  attempts ended, by time-series interval index
 * @param retriesPerInterval   retries scheduled, by time-series interval index
 * @param retriesDuePer10Ms    retries by the 10 ms slot they are due in (for the retry peak)
 * @param policyEvents         policy events by "policy: kind"
 * @param deadLetters          Akka dead letters on the node, by "recipient|message"
 */
public record MetricsDelta(
    Map<String, Long> attemptsByResult,
    byte[] tutorialLatency,
    Map<Long, Long> attemptsPerInterval,
    Map<Long, Long> retriesPerInterval,
    Map<Long, Long> retriesDuePer10Ms,
    Map<String, Long> policyEvents,
    Map<String, Long> deadLetters)
    implements CrossesNodes {

  /** The tutorial latencies as a histogram again. */
  public Histogram tutorialLatencyHistogram() {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(tutorialLatency), 0);
    } catch (DataFormatException e) {
      throw new IllegalStateException("a node shipped a histogram that does not decode", e);
    }
  }

  /**
   * Counts accumulating on a node between shipments. Not thread-safe: the relay owns it.
   */
  static final class Accumulator {
    private final long startNanos;
    private final long intervalNanos;
    private final Histogram tutorialLatency = LatencyHistogram.emptyHistogram();
    private Map<String, Long> attemptsByResult = new TreeMap<>();
    private Map<Long, Long> attemptsPerInterval = new TreeMap<>();
    private Map<Long, Long> retriesPerInterval = new TreeMap<>();
    private Map<Long, Long> retriesDuePer10Ms = new TreeMap<>();
    private Map<String, Long> policyEvents = new TreeMap<>();
    private Map<String, Long> deadLetters = new TreeMap<>();
    private boolean empty = true;

    Accumulator(long startNanos, long intervalNanos) {
      this.startNanos = startNanos;
      this.intervalNanos = intervalNanos;
    }

    void attempt(AttemptResult result, long tutorialLatencyNanos, long nowNanos) {
      attemptsByResult.merge(result.name(), 1L, Long::sum);
      attemptsPerInterval.merge(interval(nowNanos, intervalNanos), 1L, Long::sum);
      if (result == AttemptResult.SUCCEEDED) {
        LatencyHistogram.record(tutorialLatency, tutorialLatencyNanos);
      }
      empty = false;
    }

    void retry(long dueNanos, long nowNanos) {
      retriesPerInterval.merge(interval(nowNanos, intervalNanos), 1L, Long::sum);
      retriesDuePer10Ms.merge(interval(dueNanos, 10_000_000L), 1L, Long::sum);
      empty = false;
    }

    void policy(String key) {
      policyEvents.merge(key, 1L, Long::sum);
      empty = false;
    }

    void deadLetter(String recipient, String message) {
      deadLetters.merge(recipient + "|" + message, 1L, Long::sum);
      empty = false;
    }

    boolean isEmpty() {
      return empty;
    }

    /** Everything counted so far, and a fresh start. */
    MetricsDelta drain() {
      ByteBuffer buffer = ByteBuffer.allocate(tutorialLatency.getNeededByteBufferCapacity());
      int length = tutorialLatency.encodeIntoCompressedByteBuffer(buffer);
      byte[] latency = new byte[length];
      buffer.flip();
      buffer.get(latency);
      MetricsDelta delta =
          new MetricsDelta(
              attemptsByResult, latency, attemptsPerInterval, retriesPerInterval, retriesDuePer10Ms, policyEvents, deadLetters);
      tutorialLatency.reset();
      attemptsByResult = new TreeMap<>();
      attemptsPerInterval = new TreeMap<>();
      retriesPerInterval = new TreeMap<>();
      retriesDuePer10Ms = new TreeMap<>();
      policyEvents = new TreeMap<>();
      deadLetters = new TreeMap<>();
      empty = true;
      return delta;
    }

    private long interval(long atNanos, long length) {
      return Math.max(0, (atNanos - startNanos) / length);
    }
  }

  // Records compare arrays by identity; a shipped delta is compared by content (in tests).
  @Override
  public boolean equals(Object other) {
    return other instanceof MetricsDelta d
        && attemptsByResult.equals(d.attemptsByResult)
        && java.util.Arrays.equals(tutorialLatency, d.tutorialLatency)
        && attemptsPerInterval.equals(d.attemptsPerInterval)
        && retriesPerInterval.equals(d.retriesPerInterval)
        && retriesDuePer10Ms.equals(d.retriesDuePer10Ms)
        && policyEvents.equals(d.policyEvents)
        && deadLetters.equals(d.deadLetters);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(attemptsByResult, java.util.Arrays.hashCode(tutorialLatency), attemptsPerInterval, policyEvents);
  }
}
