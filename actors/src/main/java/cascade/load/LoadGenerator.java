package cascade.load;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.runtime.Clock;
import java.time.Duration;

/**
 * Sends requests on an open-loop {@link ArrivalSchedule}: each at its due time, whether or not
 * earlier requests have been answered. Each request carries the time it was due, so latency is
 * measured from when it should have been sent, not from when it happened to be sent.
 *
 * <p>Requests that are due together (a burst) are sent in slices of {@value #SLICE}, one slice per
 * message to itself, so a burst of a million does not hold a dispatcher thread for seconds.
 *
 * @param <T> the target's message type
 */
public final class LoadGenerator<T> extends AbstractBehavior<LoadGenerator.Command> {

  /** Turns a request id and its due time into the target's message. */
  @FunctionalInterface
  public interface RequestFactory<T> {
    T request(long requestId, long intendedNanos);
  }

  public sealed interface Command {}

  /** Send whatever is due now. */
  private enum WakeUp implements Command {
    INSTANCE
  }

  static final int SLICE = 1_000;

  private final ArrivalSchedule schedule;
  private final ArrivalSchedule.Cursor cursor;
  private final ActorRef<T> target;
  private final RequestFactory<T> factory;
  private final long startNanos;
  private long next;

  private LoadGenerator(
      ActorContext<Command> context, ArrivalSchedule schedule, ActorRef<T> target, RequestFactory<T> factory, long startNanos) {
    super(context);
    this.schedule = schedule;
    this.cursor = schedule.cursor();
    this.target = target;
    this.factory = factory;
    this.startNanos = startNanos;
  }

  /**
   * @param startNanos the run's t=0 on the {@link Clock#nanos()} scale; request {@code i} is due
   *     at {@code startNanos} plus its offset in the schedule
   */
  public static <T> Behavior<Command> create(
      ArrivalSchedule schedule, ActorRef<T> target, RequestFactory<T> factory, long startNanos) {
    return Behaviors.setup(
        context -> {
          LoadGenerator<T> generator = new LoadGenerator<>(context, schedule, target, factory, startNanos);
          generator.wakeUpForNext();
          return generator;
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessageEquals(WakeUp.INSTANCE, this::onWakeUp).build();
  }

  private Behavior<Command> onWakeUp() {
    long elapsed = Clock.nanos() - startNanos;
    int sent = 0;
    while (next < schedule.total() && sent < SLICE) {
      long offset = cursor.offsetNanos(next);
      if (offset > elapsed) {
        break;
      }
      target.tell(factory.request(next, startNanos + offset));
      next++;
      sent++;
    }
    if (next == schedule.total()) {
      return Behaviors.stopped();
    }
    if (sent == SLICE) {
      getContext().getSelf().tell(WakeUp.INSTANCE); // more may be due: go on after other messages
    } else {
      wakeUpForNext();
    }
    return this;
  }

  /** Wakes up when the next request is due: computed from the start, so errors do not accumulate. */
  private void wakeUpForNext() {
    long delay = startNanos + cursor.offsetNanos(next) - Clock.nanos();
    if (delay <= 0) {
      getContext().getSelf().tell(WakeUp.INSTANCE);
    } else {
      getContext().scheduleOnce(Duration.ofNanos(delay), getContext().getSelf(), WakeUp.INSTANCE);
    }
  }
}
