package cascade.metrics;

import cascade.runtime.CrossesNodes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Per tier of a topology: what reached it, how it answered, its own service time, what it sent
 * downstream, in totals and per interval of the run. The run's recorder keeps one for the whole
 * run; a {@link MetricsRelay} on a node that runs tiers keeps one between shipments and ships it
 * as a {@link Delta}, so the figures of a tier on another node reach the recorder exactly, in the
 * intervals they fell in, without one message per attempt. Not thread-safe: one actor owns it.
 */
public final class TierTally {

  /** What a tier (or the caller or consumers of one of its edges) reports. */
  public sealed interface Event {}

  /** An attempt reached {@code tier}. */
  public record Received(String tier) implements Event {}

  /** {@code tier}'s own service answered one of its attempts after {@code serviceNanos}. */
  public record Served(String tier, long serviceNanos) implements Event {}

  /** {@code tier} answered an attempt. */
  public record Answered(String tier, boolean succeeded) implements Event {}

  /** An attempt went from {@code from} to {@code to}. */
  public record EdgeAttempt(String from, String to) implements Event {}

  /** A retry from {@code from} to {@code to} was scheduled (a re-publish, for an event edge). */
  public record EdgeRetry(String from, String to) implements Event {}

  /** A call from {@code from} to {@code to} (with all its retries) ended. */
  public record EdgeEnded(String from, String to, boolean succeeded) implements Event {}

  /** One tier's figures; {@code series} is this tally's own, not a copy. */
  public record TierFigures(long received, long succeeded, long failed, LatencyHistogram service, TierSeries series) {}

  /** One edge target's figures. */
  public record EdgeFigures(long requests, long attempts, long retries, long succeeded, long failed) {}

  /**
   * A tally drained on a node, as it crosses to the recorder.
   *
   * @param tiers every tier that reported since the last drain
   * @param edges every edge target that reported since the last drain
   */
  public record Delta(List<TierPart> tiers, List<EdgePart> edges) implements CrossesNodes {
    public Delta {
      tiers = List.copyOf(tiers);
      edges = List.copyOf(edges);
    }
  }

  /**
   * @param service own service times, micros, HdrHistogram compressed
   * @param series  per interval index: received, succeeded, failed, attempts out, retries out
   */
  public record TierPart(String tier, long received, long succeeded, long failed, byte[] service, Map<Long, List<Long>> series) {

    // Records compare arrays by identity; a shipped part is compared by content (in tests).
    @Override
    public boolean equals(Object other) {
      return other instanceof TierPart p
          && tier.equals(p.tier)
          && received == p.received
          && succeeded == p.succeeded
          && failed == p.failed
          && java.util.Arrays.equals(service, p.service)
          && series.equals(p.series);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(tier, received, succeeded, failed, java.util.Arrays.hashCode(service), series);
    }
  }

  public record EdgePart(String from, String to, long requests, long attempts, long retries, long succeeded, long failed) {}

  private static final class TierCounts {
    long received;
    long succeeded;
    long failed;
    final Histogram service = LatencyHistogram.emptyHistogram();
    final TierSeries series;

    TierCounts(TierSeries series) {
      this.series = series;
    }
  }

  private static final class EdgeCounts {
    long requests;
    long attempts;
    long retries;
    long succeeded;
    long failed;
  }

  private final long startNanos;
  private final long intervalNanos;
  private Map<String, TierCounts> tiers = new LinkedHashMap<>();
  /** By "from" then "to". */
  private Map<String, Map<String, EdgeCounts>> edges = new LinkedHashMap<>();

  /** @param startNanos the run's t=0 ({@link cascade.runtime.Clock#nanos()} scale): intervals count from it */
  public TierTally(long startNanos, long intervalNanos) {
    this.startNanos = startNanos;
    this.intervalNanos = intervalNanos;
  }

  /** Counts {@code event}, which happened at {@code nowNanos}. */
  public void count(Event event, long nowNanos) {
    if (event instanceof Received r) {
      TierCounts t = tier(r.tier());
      t.received++;
      t.series.received(nowNanos);
    } else if (event instanceof Served s) {
      LatencyHistogram.record(tier(s.tier()).service, s.serviceNanos());
    } else if (event instanceof Answered a) {
      TierCounts t = tier(a.tier());
      t.series.answered(nowNanos, a.succeeded());
      if (a.succeeded()) {
        t.succeeded++;
      } else {
        t.failed++;
      }
    } else if (event instanceof EdgeAttempt a) {
      edge(a.from(), a.to()).attempts++;
      tier(a.from()).series.attemptOut(nowNanos);
    } else if (event instanceof EdgeRetry r) {
      edge(r.from(), r.to()).retries++;
      tier(r.from()).series.retryOut(nowNanos);
    } else if (event instanceof EdgeEnded e) {
      EdgeCounts counts = edge(e.from(), e.to());
      counts.requests++;
      if (e.succeeded()) {
        counts.succeeded++;
      } else {
        counts.failed++;
      }
    }
  }

  public boolean isEmpty() {
    return tiers.isEmpty() && edges.isEmpty();
  }

  /** Everything counted so far, and a fresh start. */
  public Delta drain() {
    List<TierPart> tierParts = new ArrayList<>();
    tiers.forEach((name, t) -> tierParts.add(new TierPart(name, t.received, t.succeeded, t.failed, compressed(t.service), t.series.byInterval())));
    List<EdgePart> edgeParts = new ArrayList<>();
    edges.forEach((from, targets) -> targets.forEach((to, e) -> edgeParts.add(new EdgePart(from, to, e.requests, e.attempts, e.retries, e.succeeded, e.failed))));
    tiers = new LinkedHashMap<>();
    edges = new LinkedHashMap<>();
    return new Delta(tierParts, edgeParts);
  }

  /** Adds what a node counted (a drained tally) to this one. */
  public void merge(Delta delta) {
    for (TierPart part : delta.tiers()) {
      TierCounts t = tier(part.tier());
      t.received += part.received();
      t.succeeded += part.succeeded();
      t.failed += part.failed();
      t.service.add(decompressed(part.service()));
      part.series().forEach((interval, counts) -> t.series.add(interval, counts));
    }
    for (EdgePart part : delta.edges()) {
      EdgeCounts e = edge(part.from(), part.to());
      e.requests += part.requests();
      e.attempts += part.attempts();
      e.retries += part.retries();
      e.succeeded += part.succeeded();
      e.failed += part.failed();
    }
  }

  /** A tier's figures; zeros (and an empty series) for a tier that never reported. */
  public TierFigures tierFigures(String name) {
    TierCounts t = tiers.getOrDefault(name, new TierCounts(new TierSeries(startNanos, intervalNanos)));
    LatencyHistogram service = new LatencyHistogram();
    service.add(t.service);
    return new TierFigures(t.received, t.succeeded, t.failed, service, t.series);
  }

  /** What {@code from} sent to {@code to}; zeros if nothing. */
  public EdgeFigures edgeFigures(String from, String to) {
    EdgeCounts e = edges.getOrDefault(from, Map.of()).getOrDefault(to, new EdgeCounts());
    return new EdgeFigures(e.requests, e.attempts, e.retries, e.succeeded, e.failed);
  }

  private TierCounts tier(String name) {
    return tiers.computeIfAbsent(name, n -> new TierCounts(new TierSeries(startNanos, intervalNanos)));
  }

  private EdgeCounts edge(String from, String to) {
    return edges.computeIfAbsent(from, f -> new LinkedHashMap<>()).computeIfAbsent(to, t -> new EdgeCounts());
  }

  private static byte[] compressed(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return bytes;
  }

  private static Histogram decompressed(byte[] bytes) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
    } catch (java.util.zip.DataFormatException e) {
      throw new IllegalStateException("a node shipped a tier's histogram that does not decode", e);
    }
  }
}
