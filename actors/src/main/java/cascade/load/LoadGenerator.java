package cascade.load;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.time.Duration;
import cascade.runtime.Clock;

/**
 * Sends requests on an open-loop {@link ArrivalSchedule}: each burst at its due time, whether or
 * not earlier requests have been answered. Each request carries the time it was due, so latency
 * is measured from when it should have been sent, not from when it happened to be sent.
 *
 * <p>A large burst is sent in slices of {@value #SLICE} requests, one slice per message to
 * itself, so one burst of a million requests does not hold a dispatcher thread for seconds.
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

  /** Send (the rest of) burst {@code n}, starting at request {@code next}. */
  private record SendBurst(long n, long next) implements Command {}

  static final int SLICE = 1_000;

  private final ArrivalSchedule schedule;
  private final ActorRef<T> target;
  private final RequestFactory<T> factory;
  private final long startNanos;

  private LoadGenerator(
      ActorContext<Command> context, ArrivalSchedule schedule, ActorRef<T> target, RequestFactory<T> factory, long startNanos) {
    super(context);
    this.schedule = schedule;
    this.target = target;
    this.factory = factory;
    this.startNanos = startNanos;
  }

  /**
   * @param startNanos the run's t=0 on the {@link cascade.runtime.Clock#nanos()} scale; burst {@code n} is due
   *     at {@code startNanos + n * gap}
   */
  public static <T> Behavior<Command> create(
      ArrivalSchedule schedule, ActorRef<T> target, RequestFactory<T> factory, long startNanos) {
    return Behaviors.setup(
        context -> {
          LoadGenerator<T> generator = new LoadGenerator<>(context, schedule, target, factory, startNanos);
          generator.scheduleBurst(0);
          return generator;
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(SendBurst.class, this::onSendBurst).build();
  }

  private Behavior<Command> onSendBurst(SendBurst send) {
    long burstStart = send.n() * schedule.burst();
    long burstEnd = burstStart + schedule.sizeOfBurst(send.n());
    long sliceEnd = Math.min(burstEnd, send.next() + SLICE);
    long intended = startNanos + schedule.offsetOfBurstNanos(send.n());
    for (long id = send.next(); id < sliceEnd; id++) {
      target.tell(factory.request(id, intended));
    }
    if (sliceEnd < burstEnd) {
      getContext().getSelf().tell(new SendBurst(send.n(), sliceEnd));
    } else if (send.n() + 1 < schedule.bursts()) {
      scheduleBurst(send.n() + 1);
    } else {
      return Behaviors.stopped();
    }
    return this;
  }

  private void scheduleBurst(long n) {
    SendBurst first = new SendBurst(n, n * schedule.burst());
    long delay = startNanos + schedule.offsetOfBurstNanos(n) - Clock.nanos();
    if (delay <= 0) {
      getContext().getSelf().tell(first);
    } else {
      getContext().scheduleOnce(Duration.ofNanos(delay), getContext().getSelf(), first);
    }
  }
}
