package cascade.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import cascade.model.FailureModel;
import cascade.model.ServiceSample;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A downstream service with the seed's failure model. It counts the attempts it is serving; each
 * arriving attempt sees the load factor that count gives, draws its service time and fate, and
 * is answered when that time has passed.
 *
 * <p>A caller that stops waiting may {@link Cancel} its attempt: the service then forgets it and
 * no longer counts it as in flight, as the seed's cancelled coroutine does.
 */
public final class DownstreamService extends AbstractBehavior<DownstreamService.Command> {

  public sealed interface Command {}

  /** Serve one attempt and answer {@code replyTo}. */
  public record Handle(AttemptId attemptId, ActorRef<Reply> replyTo) implements Command {}

  /** The caller gave up on this attempt. */
  public record Cancel(AttemptId attemptId) implements Command {}

  /** Asks how many attempts are in flight (for tests and monitoring). */
  public record GetInFlight(ActorRef<InFlight> replyTo) implements Command {}

  public record InFlight(int attempts) {}

  /** The answer to one attempt. */
  public sealed interface Reply {
    AttemptId attemptId();
  }

  public record Succeeded(AttemptId attemptId) implements Reply {}

  public record Failed(AttemptId attemptId) implements Reply {}

  /** The service time of an attempt has passed. */
  private record Finish(AttemptId attemptId) implements Command {}

  private record Pending(ActorRef<Reply> replyTo, boolean fails) {}

  private final FailureModel model;
  private final RandomGenerator random;
  private final Map<AttemptId, Pending> inFlight = new HashMap<>();

  private DownstreamService(ActorContext<Command> context, FailureModel model, RandomGenerator random) {
    super(context);
    this.model = model;
    this.random = random;
  }

  public static Behavior<Command> create(FailureModel model, RandomGenerator random) {
    return Behaviors.setup(context -> new DownstreamService(context, model, random));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Handle.class, this::onHandle)
        .onMessage(Finish.class, this::onFinish)
        .onMessage(Cancel.class, this::onCancel)
        .onMessage(GetInFlight.class, this::onGetInFlight)
        .build();
  }

  private Behavior<Command> onHandle(Handle handle) {
    // The arriving attempt counts itself, as in the seed (in-flight is incremented first).
    double loadFactor = model.loadFactor(inFlight.size() + 1);
    ServiceSample sample = model.sample(loadFactor, random);
    inFlight.put(handle.attemptId(), new Pending(handle.replyTo(), sample.fails()));
    getContext().scheduleOnce(Duration.ofNanos(sample.latencyNanos()), getContext().getSelf(), new Finish(handle.attemptId()));
    return this;
  }

  private Behavior<Command> onFinish(Finish finish) {
    Pending pending = inFlight.remove(finish.attemptId());
    if (pending == null) {
      return this; // cancelled while being served
    }
    pending.replyTo().tell(pending.fails() ? new Failed(finish.attemptId()) : new Succeeded(finish.attemptId()));
    return this;
  }

  private Behavior<Command> onCancel(Cancel cancel) {
    inFlight.remove(cancel.attemptId());
    return this;
  }

  private Behavior<Command> onGetInFlight(GetInFlight get) {
    get.replyTo().tell(new InFlight(inFlight.size()));
    return this;
  }
}
