package cascade.topology;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import cascade.experiment.TopologyPlan;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.TierResult;
import cascade.metrics.TierTally;
import cascade.policy.PolicyEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What a topology records beside the load's requests: per tier, what reached it, how it answered,
 * its own service time, and what it sent downstream. Tiers and their edges report {@link
 * TierTally.Event}s to the metrics recorder they were given: the run's own {@link MetricsRecorder}
 * in one actor system, or the {@link cascade.metrics.MetricsRelay} of the node that runs them,
 * which ships them to it. Either way the run's {@link TierTally} ends up with every count, and
 * {@link #results} reads the tiers' results from it.
 */
public final class TopologyRecorder {

  private TopologyRecorder() {}

  /**
   * What the caller (or the consumers) of one edge target report, turned into that edge's counts.
   * Their request outcomes are the edge's, not the system's, so they never count as the run's
   * outcomes; policy events do, named after the edge ({@code "orders->stock breaker"}).
   */
  public static Behavior<MetricsRecorder.Command> forEdge(String from, String to, ActorRef<MetricsRecorder.Command> metrics) {
    return Behaviors.receive(MetricsRecorder.Command.class)
        .onMessage(MetricsRecorder.AttemptEnded.class, a -> count(metrics, new TierTally.EdgeAttempt(from, to)))
        .onMessage(MetricsRecorder.RetryScheduled.class, r -> count(metrics, new TierTally.EdgeRetry(from, to)))
        .onMessage(MetricsRecorder.RequestEnded.class, e -> count(metrics, new TierTally.EdgeEnded(from, to, e.outcome() == Outcome.SUCCEEDED)))
        .onMessage(MetricsRecorder.PolicyActed.class, p -> {
          PolicyEvent event = p.event();
          metrics.tell(new MetricsRecorder.PolicyActed(new PolicyEvent(from + "->" + to + " " + event.policy(), event.kind(), event.atNanos())));
          return Behaviors.same();
        })
        .onAnyMessage(other -> Behaviors.same())
        .build();
  }

  private static Behavior<MetricsRecorder.Command> count(ActorRef<MetricsRecorder.Command> metrics, TierTally.Event event) {
    metrics.tell(new MetricsRecorder.TierCounted(event));
    return Behaviors.same();
  }

  /** Every tier's result, in the plan's order, amplification relative to the load's {@code requests}. */
  public static List<TierResult> results(TopologyPlan plan, TierTally tally, long requests) {
    List<TierResult> results = new ArrayList<>();
    for (TopologyPlan.TierPlan tier : plan.tiers()) {
      TierTally.TierFigures t = tally.tierFigures(tier.name());
      List<TierResult.Calls> calls = new ArrayList<>();
      for (TopologyPlan.EdgePlan edge : tier.edges()) {
        for (String to : edge.to()) {
          TierTally.EdgeFigures e = tally.edgeFigures(tier.name(), to);
          calls.add(new TierResult.Calls(to, edge.call().name().toLowerCase(), e.requests(), e.attempts(), e.retries(), e.succeeded(), e.failed()));
        }
      }
      results.add(
          new TierResult(
              tier.name(),
              t.received(),
              requests == 0 ? 0 : (double) t.received() / requests,
              t.succeeded(),
              t.failed(),
              t.service().percentileMillis(50),
              t.service().percentileMillis(99),
              calls,
              t.series().rows()));
    }
    return results;
  }
}
