package cascade.metrics;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import cascade.runtime.Clock;
import java.time.Duration;

/**
 * The metrics recorder's stand-in on another node: the parts of a run placed there (an event
 * path's consumers, say) report to it as they would to the recorder. It counts attempts, retries,
 * policy events and the node's own Akka dead letters into its own histogram and counters, and
 * ships them to the coordinator's {@link MetricsRecorder} every {@code shipEvery} and when asked,
 * instead of one message per attempt.
 *
 * <p>Outcomes ({@link MetricsRecorder.RequestEnded}, {@link MetricsRecorder.EndRequest}) and
 * redeliveries are forwarded at once, one by one: they are
 * the run's ledger, and a node that is killed must not take outcomes with it. Breaker state changes
 * are forwarded too, so that the time series shows them when they happened. What a killed node
 * had counted but not yet shipped (at most {@code shipEvery} of attempts) is missing from the
 * attempt counts; the outcomes are not.
 */
public final class MetricsRelay {

  /** Often enough that the coordinator's time series is never far behind. */
  public static final Duration SHIP_EVERY = Duration.ofMillis(100);

  private MetricsRelay() {}

  /**
   * @param coordinator the run's recorder
   * @param runStartNanos the run's t=0 ({@link Clock#nanos()} scale), so intervals here are the
   *     recorder's intervals
   */
  public static Behavior<MetricsRecorder.Command> create(
      ActorRef<MetricsRecorder.Command> coordinator, long runStartNanos, Duration shipEvery) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  MetricsRecorder.subscribeToDeadLetters(context);
                  coordinator.tell(new MetricsRecorder.RelayStarted(context.getSelf()));
                  timers.startTimerWithFixedDelay(new MetricsRecorder.ShipTick(), shipEvery);
                  MetricsDelta.Accumulator counted = new MetricsDelta.Accumulator(runStartNanos, TimeSeries.DEFAULT_INTERVAL_NANOS);
                  return relaying(context, coordinator, counted);
                }));
  }

  private static Behavior<MetricsRecorder.Command> relaying(
      ActorContext<MetricsRecorder.Command> context, ActorRef<MetricsRecorder.Command> coordinator, MetricsDelta.Accumulator counted) {
    String run = context.getSelf().path().parent().toString();
    return Behaviors.receive(MetricsRecorder.Command.class)
        .onMessage(MetricsRecorder.AttemptEnded.class, a -> {
          counted.attempt(a.result(), a.seedLatencyNanos(), Clock.nanos());
          return Behaviors.same();
        })
        .onMessage(MetricsRecorder.RetryScheduled.class, r -> {
          counted.retry(r.dueNanos(), Clock.nanos());
          return Behaviors.same();
        })
        .onMessage(MetricsRecorder.PolicyActed.class, acted -> {
          if (acted.event().kind().contains("->")) {
            coordinator.tell(acted);
          } else {
            counted.policy(acted.event().policy() + ": " + acted.event().kind());
          }
          return Behaviors.same();
        })
        .onMessage(MetricsRecorder.RequestEnded.class, ended -> forward(coordinator, ended))
        // A durable event path's outcomes, which it confirms only once the coordinator counted them.
        .onMessage(MetricsRecorder.EndRequest.class, end -> forward(coordinator, end))
        .onMessage(MetricsRecorder.EventsRedelivered.class, redelivered -> forward(coordinator, redelivered))
        .onMessage(MetricsRecorder.InstanceChanged.class, changed -> forward(coordinator, changed))
        .onMessage(MetricsRecorder.Undelivered.class, undelivered -> {
          // Only this run's: a run that ended earlier may still leave some behind.
          if (undelivered.recipientPath().startsWith(run + "/")) {
            counted.deadLetter(undelivered.recipient(), undelivered.message());
          }
          return Behaviors.same();
        })
        .onMessage(MetricsRecorder.ShipTick.class, tick -> {
          if (!counted.isEmpty()) {
            coordinator.tell(new MetricsRecorder.Merge(counted.drain(), context.getSelf(), false));
          }
          return Behaviors.same();
        })
        .onMessage(MetricsRecorder.Flush.class, flush -> {
          flush.replyTo().tell(new MetricsRecorder.Merge(counted.drain(), context.getSelf(), true));
          return Behaviors.same();
        })
        .build();
  }

  private static Behavior<MetricsRecorder.Command> forward(ActorRef<MetricsRecorder.Command> coordinator, MetricsRecorder.Command message) {
    coordinator.tell(message);
    return Behaviors.same();
  }
}
