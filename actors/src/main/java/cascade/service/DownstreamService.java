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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A downstream service with the seed's failure model. It counts the attempts it is serving; each
 * attempt it starts sees the load factor that count gives, draws its service time and fate, and
 * is answered when that time has passed.
 *
 * <p>A caller that stops waiting may {@link Cancel} its attempt: the service then forgets it and
 * no longer counts it as in flight, as the seed's cancelled coroutine does.
 *
 * <p>With {@link LoadShedding} the service also protects itself: a concurrency limit, a bounded
 * accept queue, and refusal of work whose caller will have given up before it could be served.
 * A refused attempt is answered with {@link Rejected} at once.
 */
public final class DownstreamService extends AbstractBehavior<DownstreamService.Command> {

  public sealed interface Command {}

  /**
   * Serve one attempt and answer {@code replyTo}. {@code budget} is how long the caller will wait
   * for the answer; a relative time, so that it means the same on every node.
   */
  public record Handle(AttemptId attemptId, ActorRef<Reply> replyTo, Duration budget) implements Command {}

  /** The caller gave up on this attempt. */
  public record Cancel(AttemptId attemptId) implements Command {}

  /** Asks how many attempts are being served and how many wait (for tests and monitoring). */
  public record GetInFlight(ActorRef<InFlight> replyTo) implements Command {}

  public record InFlight(int attempts, int queued) {}

  /** The answer to one attempt. */
  public sealed interface Reply {
    AttemptId attemptId();
  }

  public record Succeeded(AttemptId attemptId) implements Reply {}

  public record Failed(AttemptId attemptId) implements Reply {}

  /** The service refused the attempt without serving it; {@code reason} says why. */
  public record Rejected(AttemptId attemptId, String reason) implements Reply {}

  /** Reasons for {@link Rejected}. */
  public static final String SHED_QUEUE_FULL = "shed-queue-full";

  public static final String SHED_DEADLINE = "shed-deadline";
  public static final String SHED_EXPIRED = "shed-expired";

  /** The service time of an attempt has passed. */
  private record Finish(AttemptId attemptId) implements Command {}

  private record Serving(ActorRef<Reply> replyTo, boolean fails, long startNanos) {}

  private record Waiting(Handle handle, long arrivedNanos) {}

  private final FailureModel model;
  private final LoadShedding shedding;
  private final RandomGenerator random;
  private final Map<AttemptId, Serving> serving = new HashMap<>();
  /** The accept queue, in arrival order; a map so that a cancelled attempt leaves it at once. */
  private final LinkedHashMap<AttemptId, Waiting> queue = new LinkedHashMap<>();
  private final ServiceTimeEstimate serviceTime;

  private DownstreamService(
      ActorContext<Command> context, FailureModel model, LoadShedding shedding, RandomGenerator random) {
    super(context);
    this.model = model;
    this.shedding = shedding;
    this.random = random;
    this.serviceTime = new ServiceTimeEstimate(model.unloadedMedianMillis() * 1e6);
  }

  public static Behavior<Command> create(FailureModel model, RandomGenerator random) {
    return create(model, LoadShedding.NONE, random);
  }

  public static Behavior<Command> create(FailureModel model, LoadShedding shedding, RandomGenerator random) {
    return Behaviors.setup(context -> new DownstreamService(context, model, shedding, random));
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
    if (!shedding.limitsConcurrency() || serving.size() < shedding.maxConcurrent()) {
      start(handle);
    } else if (queue.size() >= shedding.queueCapacity()) {
      reject(handle, SHED_QUEUE_FULL);
    } else if (shedding.shedUnmeetableDeadlines()
        && serviceTime.expectedWaitNanos(queue.size() + 1, shedding.maxConcurrent()) > handle.budget().toNanos()) {
      reject(handle, SHED_DEADLINE);
    } else {
      queue.put(handle.attemptId(), new Waiting(handle, System.nanoTime()));
    }
    return this;
  }

  private void start(Handle handle) {
    // The starting attempt counts itself, as in the seed (in-flight is incremented first).
    double loadFactor = model.loadFactor(serving.size() + 1);
    ServiceSample sample = model.sample(loadFactor, random);
    serving.put(handle.attemptId(), new Serving(handle.replyTo(), sample.fails(), System.nanoTime()));
    getContext().scheduleOnce(Duration.ofNanos(sample.latencyNanos()), getContext().getSelf(), new Finish(handle.attemptId()));
  }

  private Behavior<Command> onFinish(Finish finish) {
    Serving done = serving.remove(finish.attemptId());
    if (done == null) {
      return this; // cancelled while being served
    }
    long now = System.nanoTime();
    serviceTime.observe(now - done.startNanos());
    // The freed slot is taken before the answer goes out, so whoever reads the answer finds the
    // next attempt already started.
    startQueued(now);
    done.replyTo().tell(done.fails() ? new Failed(finish.attemptId()) : new Succeeded(finish.attemptId()));
    return this;
  }

  /** Fills free slots from the head of the queue, dropping work whose caller has given up. */
  private void startQueued(long now) {
    Iterator<Waiting> next = queue.values().iterator();
    while (next.hasNext() && serving.size() < shedding.maxConcurrent()) {
      Waiting waiting = next.next();
      next.remove();
      if (now - waiting.arrivedNanos() >= waiting.handle().budget().toNanos()) {
        reject(waiting.handle(), SHED_EXPIRED);
      } else {
        start(waiting.handle());
      }
    }
  }

  private void reject(Handle handle, String reason) {
    handle.replyTo().tell(new Rejected(handle.attemptId(), reason));
  }

  private Behavior<Command> onCancel(Cancel cancel) {
    if (serving.remove(cancel.attemptId()) != null) {
      startQueued(System.nanoTime());
    } else {
      queue.remove(cancel.attemptId());
    }
    return this;
  }

  private Behavior<Command> onGetInFlight(GetInFlight get) {
    get.replyTo().tell(new InFlight(serving.size(), queue.size()));
    return this;
  }
}
