package cascade.load;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.metrics.MetricsRecorder;
import cascade.runtime.Clock;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Sends a {@link ClosedLoop} load: every user sends a request at the start; whenever a request
 * ends (the metrics recorder says so), its user thinks, then sends the next, until the total has
 * been sent.
 *
 * <p>Users are interchangeable, so the generator keeps no user table: an ended request frees one
 * user, whoever it was, and that user's think time is the next draw of the seeded stream. A
 * request's intended send time is when its user finished thinking, so latency still counts any
 * delay in sending it.
 *
 * @param <T> the target's message type
 */
public final class ClosedLoopGenerator<T> extends AbstractBehavior<ClosedLoopGenerator.Command> {

  public sealed interface Command {}

  /** A request ended, so its user starts thinking. */
  private record UserFree(MetricsRecorder.RequestDone done) implements Command {}

  /** A user has finished thinking: send its next request, intended for {@code dueNanos}. */
  private record ThinkingDone(long dueNanos) implements Command {}

  private final ClosedLoop load;
  private final ActorRef<T> target;
  private final LoadGenerator.RequestFactory<T> factory;
  private final ActorRef<MetricsRecorder.Command> metrics;
  private final SplittableRandom random;
  private long sent;
  /** Requests sent or promised to a thinking user: never more than the total. */
  private long committed;

  private ClosedLoopGenerator(
      ActorContext<Command> context,
      ClosedLoop load,
      ActorRef<T> target,
      LoadGenerator.RequestFactory<T> factory,
      ActorRef<MetricsRecorder.Command> metrics) {
    super(context);
    this.load = load;
    this.target = target;
    this.factory = factory;
    this.metrics = metrics;
    this.random = new SplittableRandom(load.seed());
  }

  /**
   * @param metrics the recorder that sees every outcome: it tells the generator of each, and
   *     counts what the generator sends (the load is not known in advance, so neither is what was
   *     offered)
   */
  public static <T> Behavior<Command> create(
      ClosedLoop load, ActorRef<T> target, LoadGenerator.RequestFactory<T> factory, ActorRef<MetricsRecorder.Command> metrics) {
    return Behaviors.setup(
        context -> {
          ClosedLoopGenerator<T> generator = new ClosedLoopGenerator<>(context, load, target, factory, metrics);
          // Subscribed before the first request goes out, so no outcome can come before it.
          metrics.tell(new MetricsRecorder.TellEachEnd(context.messageAdapter(MetricsRecorder.RequestDone.class, UserFree::new)));
          long now = Clock.nanos();
          long first = Math.min(load.users(), load.total());
          for (long i = 0; i < first; i++) {
            generator.committed++;
            generator.send(now);
          }
          return generator.doneIfAllSent();
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(UserFree.class, free -> onUserFree())
        .onMessage(ThinkingDone.class, thought -> {
          send(thought.dueNanos());
          return doneIfAllSent();
        })
        .build();
  }

  private Behavior<Command> onUserFree() {
    if (committed == load.total()) {
      return this; // the total is promised: this user is done
    }
    committed++;
    long think = load.thinkNanos(random);
    long due = Clock.nanos() + think;
    if (think == 0) {
      send(due);
      return doneIfAllSent();
    }
    getContext().scheduleOnce(Duration.ofNanos(think), getContext().getSelf(), new ThinkingDone(due));
    return this;
  }

  private void send(long intendedNanos) {
    target.tell(factory.request(sent, intendedNanos));
    metrics.tell(new MetricsRecorder.Sent(Clock.nanos()));
    sent++;
  }

  /**
   * Once everything is sent the generator stays, ignoring the outcomes still reported to it: were
   * it to stop, they would become Akka dead letters and be counted as such in the report.
   */
  private Behavior<Command> doneIfAllSent() {
    return sent == load.total() ? Behaviors.ignore() : this;
  }
}
