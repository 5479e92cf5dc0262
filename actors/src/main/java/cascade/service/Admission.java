package cascade.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service instance's admission control, as {@link LoadShedding} configures it: which arrivals
 * it serves at once, which wait in its {@link AcceptQueue}, and which it refuses, and why.
 *
 * <p>The owner (the {@link DownstreamService} actor) asks it what to do with each arrival
 * ({@link #arrive}), tells it when an attempt it serves ends ({@link #finish}) or is cancelled
 * ({@link #cancel}), and asks it what to serve next ({@link #next}) whenever a slot may have
 * freed. It keeps the attempts it admitted, so that an instance that dies can answer every one
 * of them ({@link #drain}).
 *
 * <p>Plain Java, time passed in, not thread-safe: one actor owns each instance, and a restarted
 * instance starts with a new, empty one.
 *
 * @param <W> the work the owner attaches to an attempt, and gets back with each decision
 */
public final class Admission<W> {

  /** Reasons for shedding, as a {@link DownstreamService.Rejected} reply reports them. */
  public static final String SHED_QUEUE_FULL = "shed-queue-full";

  public static final String SHED_DEADLINE = "shed-deadline";
  public static final String SHED_EXPIRED = "shed-expired";
  /** Queued work of a lower priority, pushed out of a full queue by more important work. */
  public static final String SHED_FOR_PRIORITY = "shed-for-priority";

  /** What to do with an arrival, or with the head of the queue when a slot frees. */
  public sealed interface Decision<W> {}

  /** Serve {@code work} now: it holds a slot until it {@link #finish finishes} or is cancelled. */
  public record Serve<W>(W work) implements Decision<W> {}

  /**
   * The arrival waits in the queue. To make room, {@code displaced} (queued work of a lower
   * priority) was pushed out and is to be refused; null when there was room.
   */
  public record Queued<W>(Shed<W> displaced) implements Decision<W> {}

  /** Refuse {@code work} without serving it, for {@code reason}. */
  public record Shed<W>(W work, String reason) implements Decision<W> {}

  private record Slot<W>(W work, long startNanos) {}

  private record Waiting<W>(AttemptId id, W work, long arrivedNanos, long budgetNanos) {}

  private final LoadShedding config;
  /** The attempts holding a slot, by attempt. */
  private final Map<AttemptId, Slot<W>> serving = new HashMap<>();
  /** The accept queue: by priority, then in arrival order. */
  private final AcceptQueue<Waiting<W>> queue = new AcceptQueue<>();
  private final ServiceTimeEstimate serviceTime;

  /**
   * @param initialServiceNanos the service time to assume until attempts have been observed (the
   *     failure model's unloaded median, say)
   */
  public Admission(LoadShedding config, double initialServiceNanos) {
    if (!(initialServiceNanos >= 0)) {
      throw new IllegalArgumentException("initialServiceNanos must be at least 0, but was " + initialServiceNanos);
    }
    this.config = config;
    this.serviceTime = new ServiceTimeEstimate(initialServiceNanos);
  }

  /**
   * Decides about an attempt that arrives at {@code nowNanos}, of class {@code requestClass},
   * whose caller will wait {@code budgetNanos} for it. Without a concurrency limit it is always
   * served. Otherwise it is served while a slot is free; else it waits, unless the queue is full
   * of work at least as important, or (with unmeetable deadlines shed) the expected wait of its
   * place in the queue is longer than its caller will wait.
   */
  public Decision<W> arrive(AttemptId id, W work, int requestClass, long budgetNanos, long nowNanos) {
    if (!config.limitsConcurrency() || serving.size() < config.maxConcurrent()) {
      return serve(id, work, nowNanos);
    }
    int priority = config.priorityOf(requestClass);
    boolean full = queue.size() >= config.queueCapacity();
    if (full && (queue.size() == 0 || queue.lowestPriority() >= priority)) {
      return new Shed<>(work, SHED_QUEUE_FULL);
    }
    if (config.shedUnmeetableDeadlines()
        && serviceTime.expectedWaitNanos(queue.ahead(priority) + 1, config.maxConcurrent()) > budgetNanos) {
      return new Shed<>(work, SHED_DEADLINE);
    }
    Shed<W> displaced = full ? new Shed<>(queue.pollLeastImportant().work(), SHED_FOR_PRIORITY) : null;
    queue.add(id, priority, new Waiting<>(id, work, nowNanos, budgetNanos));
    return new Queued<>(displaced);
  }

  /**
   * The attempt {@code id} has been served, at {@code nowNanos}: its slot frees, and its service
   * time feeds the estimate of queue waits. Returns its work, or null when it no longer holds a
   * slot (it was cancelled meanwhile).
   */
  public W finish(AttemptId id, long nowNanos) {
    Slot<W> done = serving.remove(id);
    if (done == null) {
      return null;
    }
    serviceTime.observe(nowNanos - done.startNanos());
    return done.work();
  }

  /** The caller gave up on {@code id}: it leaves its slot or its place in the queue, and is forgotten. */
  public void cancel(AttemptId id) {
    if (serving.remove(id) == null) {
      queue.remove(id);
    }
  }

  /**
   * What to do at {@code nowNanos} with the head of the queue (the most important, oldest work):
   * serve it if a slot is free, or shed it if its caller has given up while it waited; null when
   * no slot is free or nothing waits. Ask until null to fill every free slot.
   */
  public Decision<W> next(long nowNanos) {
    if (queue.size() == 0 || serving.size() >= config.maxConcurrent()) {
      return null;
    }
    Waiting<W> head = queue.pollNext();
    if (nowNanos - head.arrivedNanos() >= head.budgetNanos()) {
      return new Shed<>(head.work(), SHED_EXPIRED);
    }
    return serve(head.id(), head.work(), nowNanos);
  }

  private Serve<W> serve(AttemptId id, W work, long nowNanos) {
    serving.put(id, new Slot<>(work, nowNanos));
    return new Serve<>(work);
  }

  /** Forgets everything it admitted and returns it, served work first, then the queue's: the instance died with it. */
  public List<W> drain() {
    List<W> all = new ArrayList<>(serving.size() + queue.size());
    serving.values().forEach(slot -> all.add(slot.work()));
    queue.values().forEach(waiting -> all.add(waiting.work()));
    serving.clear();
    queue.clear();
    return all;
  }

  /** Attempts holding a slot, including one just told to {@link Serve}. */
  public int serving() {
    return serving.size();
  }

  /** Attempts waiting in the queue. */
  public int queued() {
    return queue.size();
  }
}
