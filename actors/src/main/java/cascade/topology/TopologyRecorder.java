package cascade.topology;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.metrics.LatencyHistogram;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.TierResult;
import cascade.metrics.TierSeries;
import cascade.metrics.TimeSeries;
import cascade.runtime.Clock;
import cascade.policy.PolicyEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts, per tier of a topology, what reached it, how it answered, its own service time, and
 * what it sent downstream. The run's {@link MetricsRecorder} keeps counting the load's requests
 * as before (they are the entry's); this recorder adds the view from inside the graph, in counters
 * and one histogram per tier.
 */
public final class TopologyRecorder extends AbstractBehavior<TopologyRecorder.Command> {

  public sealed interface Command {}

  /** An attempt reached {@code tier}. */
  public record Received(String tier) implements Command {}

  /** {@code tier}'s own service answered one of its attempts after {@code serviceNanos}. */
  public record Served(String tier, long serviceNanos) implements Command {}

  /** {@code tier} answered an attempt. */
  public record Answered(String tier, boolean succeeded) implements Command {}

  public record EdgeAttempt(String from, String to) implements Command {}

  public record EdgeRetry(String from, String to) implements Command {}

  /** A call from {@code from} to {@code to} (with all its retries) ended. */
  public record EdgeEnded(String from, String to, boolean succeeded) implements Command {}

  /** Asks for the tiers' results, amplification relative to the load's {@code requests}. */
  public record GetTiers(long requests, ActorRef<Tiers> replyTo) implements Command {}

  public record Tiers(List<TierResult> tiers) {}

  private static final class TierCounts {
    long received;
    long succeeded;
    long failed;
    final LatencyHistogram service = new LatencyHistogram();
    final TierSeries series;

    TierCounts(TierSeries series) {
      this.series = series;
    }
  }

  private static final class EdgeCounts {
    final String call;
    long requests;
    long attempts;
    long retries;
    long succeeded;
    long failed;

    EdgeCounts(String call) {
      this.call = call;
    }
  }

  private final Map<String, TierCounts> tiers = new LinkedHashMap<>();
  /** Per tier, per target, in the order of its edges. */
  private final Map<String, Map<String, EdgeCounts>> edges = new HashMap<>();

  private TopologyRecorder(ActorContext<Command> context, TopologyPlan plan, long startNanos) {
    super(context);
    for (TopologyPlan.TierPlan tier : plan.tiers()) {
      tiers.put(tier.name(), new TierCounts(new TierSeries(startNanos, TimeSeries.DEFAULT_INTERVAL_NANOS)));
      Map<String, EdgeCounts> out = new LinkedHashMap<>();
      for (TopologyPlan.EdgePlan edge : tier.edges()) {
        edge.to().forEach(to -> out.put(to, new EdgeCounts(edge.call().name().toLowerCase())));
      }
      edges.put(tier.name(), out);
    }
  }

  /** @param startNanos the run's t=0 ({@link cascade.runtime.Clock#nanos()} scale), for the tiers' time series */
  public static Behavior<Command> create(TopologyPlan plan, long startNanos) {
    return Behaviors.setup(context -> new TopologyRecorder(context, plan, startNanos));
  }

  /**
   * What the caller (or the consumers) of one edge target report, turned into that edge's counts.
   * Their request outcomes are the edge's, not the system's, so they never reach the run's
   * recorder; policy events do, named after the edge ({@code "orders->stock breaker"}).
   */
  public static Behavior<MetricsRecorder.Command> forEdge(
      String from, String to, ActorRef<Command> recorder, ActorRef<MetricsRecorder.Command> metrics) {
    return Behaviors.receive(MetricsRecorder.Command.class)
        .onMessage(MetricsRecorder.AttemptEnded.class, a -> {
          recorder.tell(new EdgeAttempt(from, to));
          return Behaviors.same();
        })
        .onMessage(MetricsRecorder.RetryScheduled.class, r -> {
          recorder.tell(new EdgeRetry(from, to));
          return Behaviors.same();
        })
        .onMessage(MetricsRecorder.RequestEnded.class, e -> {
          recorder.tell(new EdgeEnded(from, to, e.outcome() == Outcome.SUCCEEDED));
          return Behaviors.same();
        })
        .onMessage(MetricsRecorder.PolicyActed.class, p -> {
          PolicyEvent event = p.event();
          metrics.tell(new MetricsRecorder.PolicyActed(new PolicyEvent(from + "->" + to + " " + event.policy(), event.kind(), event.atNanos())));
          return Behaviors.same();
        })
        .onAnyMessage(other -> Behaviors.same())
        .build();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Received.class, r -> {
          TierCounts counts = tiers.get(r.tier());
          counts.received++;
          counts.series.received(Clock.nanos());
          return this;
        })
        .onMessage(Served.class, s -> {
          tiers.get(s.tier()).service.recordNanos(s.serviceNanos());
          return this;
        })
        .onMessage(Answered.class, a -> {
          TierCounts counts = tiers.get(a.tier());
          counts.series.answered(Clock.nanos(), a.succeeded());
          if (a.succeeded()) {
            counts.succeeded++;
          } else {
            counts.failed++;
          }
          return this;
        })
        .onMessage(EdgeAttempt.class, a -> {
          edge(a.from(), a.to()).attempts++;
          tiers.get(a.from()).series.attemptOut(Clock.nanos());
          return this;
        })
        .onMessage(EdgeRetry.class, r -> {
          edge(r.from(), r.to()).retries++;
          tiers.get(r.from()).series.retryOut(Clock.nanos());
          return this;
        })
        .onMessage(EdgeEnded.class, e -> {
          EdgeCounts counts = edge(e.from(), e.to());
          counts.requests++;
          if (e.succeeded()) {
            counts.succeeded++;
          } else {
            counts.failed++;
          }
          return this;
        })
        .onMessage(GetTiers.class, this::onGetTiers)
        .build();
  }

  private EdgeCounts edge(String from, String to) {
    return edges.get(from).get(to);
  }

  private Behavior<Command> onGetTiers(GetTiers get) {
    List<TierResult> results = new ArrayList<>();
    for (Map.Entry<String, TierCounts> entry : tiers.entrySet()) {
      TierCounts t = entry.getValue();
      List<TierResult.Calls> calls = new ArrayList<>();
      edges.get(entry.getKey()).forEach((to, e) -> calls.add(new TierResult.Calls(to, e.call, e.requests, e.attempts, e.retries, e.succeeded, e.failed)));
      results.add(
          new TierResult(
              entry.getKey(),
              t.received,
              get.requests() == 0 ? 0 : (double) t.received / get.requests(),
              t.succeeded,
              t.failed,
              t.service.percentileMillis(50),
              t.service.percentileMillis(99),
              calls,
              t.series.rows()));
    }
    get.replyTo().tell(new Tiers(results));
    return this;
  }
}
