package cascade.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import cascade.model.FailureModel;
import cascade.model.ServiceSample;
import cascade.runtime.Clock;
import cascade.runtime.CrossesNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A downstream service with the tutorial's failure model. It counts the attempts it is serving; each
 * attempt it starts sees the load factor that count gives, draws its service time and fate, and
 * is answered when that time has passed.
 *
 * <p>A caller that stops waiting may {@link Cancel} its attempt: the service then forgets it and
 * no longer counts it as in flight, as the tutorial's cancelled coroutine does.
 *
 * <p>With {@link LoadShedding} the service also protects itself: a concurrency limit, a bounded
 * accept queue, and refusal of work whose caller will have given up before it could be served.
 * Its {@link Admission} decides what to serve, queue or refuse; a refused attempt is answered
 * with {@link Rejected} at once.
 *
 * <p>With {@link Faults} a request may crash an instance (it throws {@link InstanceCrash}), and
 * its {@link Supervision} decides what follows. Nothing an instance takes with it is lost
 * silently: the attempt that crashed it, and on a restart or stop every attempt it was serving or
 * queueing, is answered {@link Lost} with the reason. A restarted instance starts cold (slower)
 * and its accept queue and in-flight count start empty.
 *
 * <p>Timed faults are all {@link FaultSchedule} entries, the service's own and the scenario's
 * ({@link ServicePlan#timedFaults()}), armed in one place: its latency, error rate or capacity
 * change from a timer at each change (so the change happens exactly when scheduled, and an
 * attempt keeps the fate it drew when it started), and it crashes or hangs at the scheduled times.
 */
public final class DownstreamService extends AbstractBehavior<DownstreamService.Command> {

  public sealed interface Command {}

  /**
   * Serve one attempt and answer {@code replyTo}. {@code budget} is how long the caller will wait
   * for the answer; a relative time, so that it means the same on every node. {@code requestClass}
   * is the request's class, whose priority orders the accept queue.
   */
  public record Handle(AttemptId attemptId, ActorRef<Reply> replyTo, Duration budget, int requestClass)
      implements Command, CrossesNodes {

    /** An attempt of the one class a load without classes has. */
    public Handle(AttemptId attemptId, ActorRef<Reply> replyTo, Duration budget) {
      this(attemptId, replyTo, budget, 0);
    }
  }

  /** The caller gave up on this attempt. */
  public record Cancel(AttemptId attemptId) implements Command, CrossesNodes {}

  /**
   * An instance's answer on its way back through a {@link ServiceGroup}, which routes it to the
   * caller. Only a group receives these; an instance never does.
   */
  public record Answered(Reply reply) implements Command {}

  /** Asks how many attempts are being served and how many wait (for tests and monitoring). */
  public record GetInFlight(ActorRef<InFlight> replyTo) implements Command, cascade.runtime.CrossesNodes {}

  public record InFlight(int attempts, int queued) implements cascade.runtime.CrossesNodes {}

  /**
   * The messages a service extension's actor sends itself (timers, say): the protocol is closed
   * to everything else, but an extension's own messages implement this.
   */
  public non-sealed interface ExtensionMessage extends Command {}

  /** The answer to one attempt. */
  public sealed interface Reply extends CrossesNodes {
    AttemptId attemptId();
  }

  public record Succeeded(AttemptId attemptId) implements Reply {}

  public record Failed(AttemptId attemptId) implements Reply {}

  /** The service refused the attempt without serving it; {@code reason} says why (one of {@link Admission}'s). */
  public record Rejected(AttemptId attemptId, String reason) implements Reply {}

  /** The instance died (or was restarted) with the attempt; {@code reason} says how. */
  public record Lost(AttemptId attemptId, String reason) implements Reply {}

  /** The reason an answer gives, when it is not a plain success or failure; null otherwise. */
  public static String reasonOf(Reply reply) {
    if (reply instanceof Rejected rejected) {
      return rejected.reason();
    }
    return reply instanceof Lost lost ? lost.reason() : null;
  }

  /** Reasons for {@link Lost}. */
  public static final String INSTANCE_CRASHED = "instance-crashed";

  public static final String INSTANCE_RESTARTED = "instance-restarted";
  public static final String INSTANCE_STOPPED = "instance-stopped";

  /** What an instance reports about its own life, for the metrics. */
  public record InstanceEvent(String instance, InstanceChange change, int attemptsLost, long atNanos) implements CrossesNodes {}

  public enum InstanceChange {
    /** A new incarnation started (the first, or after a restart). */
    STARTED,
    /** It threw; supervision decides what follows. */
    CRASHED,
    /** Its incarnation ended for a restart. */
    RESTARTING,
    /** It stopped for good. */
    STOPPED
  }

  /** The service time of an attempt has passed; {@code fails} is the fate it drew when it started. */
  private record Finish(AttemptId attemptId, boolean fails) implements Command {}

  private enum Fault implements Command {
    CRASH,
    HANG,
    WAKE_UP
  }

  /**
   * The fault schedule's modifiers change; {@code sinceRunStartNanos} is the scheduled time, so
   * the instance asks the schedule about that time and not about whenever the timer fired.
   */
  private record ScheduleChanged(long sinceRunStartNanos) implements Command {}

  /**
   * Where the instance is in its run, and what it reports to.
   *
   * @param index which instance of its service it is (0 for a service of one), for faults that
   *              hit only some instances
   * @param clock where it reads the time when it starts, to place itself in the run's schedule
   *              ({@link Clock#nanos()}; a test under manual time gives a fixed one, so that the
   *              schedule's timers are armed for exactly the times it names)
   */
  public record Instance(String name, int index, long runStartNanos, ActorRef<InstanceEvent> events, LongSupplier clock) {
    public Instance(String name, int index, long runStartNanos, ActorRef<InstanceEvent> events) {
      this(name, index, runStartNanos, events, Clock::nanos);
    }

    public Instance(String name, long runStartNanos, ActorRef<InstanceEvent> events) {
      this(name, 0, runStartNanos, events);
    }

    long sinceRunStartNanos() {
      return clock.getAsLong() - runStartNanos;
    }
  }

  private final FailureModel model;
  private final Faults faults;
  private final FaultSchedule schedule;
  /** What the fault schedule does to attempts now. */
  private FaultSchedule.Modifiers modifiers;
  /** Hangs in force: scheduled hangs may overlap, and the instance wakes when the last one ends. */
  private int hangs;
  private final Instance where;
  private final RandomGenerator random;
  private final long startedNanos = Clock.nanos();
  private final StashBuffer<Command> whileHanging;
  /** Whether a crash keeps this incarnation (the resume strategy). */
  private final boolean resumes;
  private int takenSinceCrash;
  /** The attempts it serves and queues, and what it does with the next arrival. */
  private final Admission<Handle> admission;
  private final Restarts restarts;
  private final TimerScheduler<Command> timers;

  private DownstreamService(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      StashBuffer<Command> whileHanging,
      ServicePlan plan,
      Instance where,
      boolean resumes,
      RandomGenerator random,
      Restarts restarts) {
    super(context);
    this.restarts = restarts;
    this.timers = timers;
    this.schedule = plan.timedFaults();
    this.resumes = resumes;
    this.model = plan.model();
    this.faults = plan.faults();
    this.where = where;
    this.random = random;
    this.whileHanging = whileHanging;
    this.admission = new Admission<>(plan.shedding(), model.unloadedMedianMillis() * 1e6);
    this.modifiers = followSchedule(timers);
  }

  /** Serves at once, unless it is restarting after a backoff whose jitter it waits out itself. */
  private Behavior<Command> start() {
    if (restarts == null || restarts.crashedAtNanos < 0) {
      report(InstanceChange.STARTED, 0);
      return this;
    }
    long backoff = Clock.nanos() - restarts.crashedAtNanos;
    restarts.crashedAtNanos = -1;
    long rest = (long) (backoff * restarts.jitter.nextDouble() * restarts.randomFactor);
    if (rest <= 0) {
      report(InstanceChange.STARTED, 0);
      return this;
    }
    timers.startSingleTimer("restart-jitter", Fault.WAKE_UP, Duration.ofNanos(rest));
    return paused(
        Behaviors.receive(Command.class)
            .onMessageEquals(Fault.WAKE_UP, () -> {
              report(InstanceChange.STARTED, 0);
              return whileHanging.unstashAll(this);
            }));
  }

  /**
   * One instance of {@code plan}'s service (its replicas, routing and mailbox are the group's and
   * the launcher's business), under the plan's supervision. State that a crash loses lives inside
   * the supervised part, so a restart really starts from nothing; the random stream lives
   * outside, so a restarted instance does not replay the draws of the one before.
   *
   * @param restartJitter draws restart-with-backoff's jitter (see {@link Restarts}), or null to
   *     leave it to Akka, whose draws are not seeded
   */
  public static Behavior<Command> create(ServicePlan plan, Instance where, RandomGenerator random, RandomGenerator restartJitter) {
    Supervision supervision = plan.supervision();
    Restarts restarts =
        restartJitter != null && supervision.strategy() == Supervision.Strategy.RESTART_WITH_BACKOFF && supervision.randomFactor() > 0
            ? new Restarts(supervision.randomFactor(), restartJitter)
            : null;
    boolean resumes = supervision.strategy() == Supervision.Strategy.RESUME;
    Behavior<Command> instance =
        Behaviors.withStash(
            HANG_STASH_CAPACITY,
            stash ->
                Behaviors.withTimers(
                    timers ->
                        Behaviors.setup(
                            context -> new DownstreamService(context, timers, stash, plan, where, resumes, random, restarts).start())));
    return supervision.supervise(instance, restarts != null);
  }

  /**
   * Restart-with-backoff's jitter, drawn from the run's seed. Akka waits {@code min(max-backoff,
   * min-backoff × 2^n) × (1 + U(0,1) × random-factor)} before it restarts an instance, drawing U
   * from a generator nobody can seed, so two runs of the same seed would restart at different
   * moments. Here Akka waits the same backoff without the factor, and the restarted instance waits
   * the rest itself, {@code backoff × U(0,1) × random-factor} with U from this stream, holding what
   * arrives meanwhile as Akka does: the same waits, drawn from the seed. Lives outside the
   * supervised part, so it outlasts the incarnations.
   */
  static final class Restarts {
    private final double randomFactor;
    private final RandomGenerator jitter;
    /** When the last incarnation crashed, or -1 when it is not restarting. */
    private long crashedAtNanos = -1;

    Restarts(double randomFactor, RandomGenerator jitter) {
      this.randomFactor = randomFactor;
      this.jitter = jitter;
    }
  }

  /** Messages a hanging instance holds before it drops the rest (to Akka's dead letters). */
  static final int HANG_STASH_CAPACITY = 100_000;

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Handle.class, this::onHandle)
        .onMessage(Finish.class, this::onFinish)
        .onMessage(Cancel.class, this::onCancel)
        .onMessage(GetInFlight.class, this::onGetInFlight)
        .onMessageEquals(Fault.CRASH, () -> crash("scheduled crash", null))
        .onMessage(ScheduleChanged.class, changed -> {
          modifiers = schedule.activeAt(changed.sinceRunStartNanos());
          return this;
        })
        .onMessageEquals(Fault.HANG, this::hang)
        .onMessageEquals(Fault.WAKE_UP, () -> this)
        .onSignal(PreRestart.class, signal -> lostWithInstance(INSTANCE_RESTARTED, InstanceChange.RESTARTING))
        .onSignal(PostStop.class, signal -> lostWithInstance(INSTANCE_STOPPED, InstanceChange.STOPPED))
        .build();
  }

  private Behavior<Command> onHandle(Handle handle) {
    long now = Clock.nanos();
    if (faults.activeAt(now - where.runStartNanos())) {
      takenSinceCrash++;
      boolean due = faults.crashAfter() > 0 && takenSinceCrash >= faults.crashAfter();
      if (due || (faults.crashProbability() > 0 && random.nextDouble() < faults.crashProbability())) {
        return crash("request " + handle.attemptId() + " crashed it", handle);
      }
    }
    act(admission.arrive(handle.attemptId(), handle, handle.requestClass(), handle.budget().toNanos(), now));
    return this;
  }

  /** Does what admission decided: serves the work, or refuses it (and, queueing it, what it displaced). */
  private void act(Admission.Decision<Handle> decision) {
    if (decision instanceof Admission.Serve<Handle> serve) {
      start(serve.work());
    } else if (decision instanceof Admission.Shed<Handle> shed) {
      reject(shed);
    } else if (decision instanceof Admission.Queued<Handle> queued && queued.displaced() != null) {
      reject(queued.displaced());
    }
  }

  /** Starts serving an attempt admission has given a slot. */
  private void start(Handle handle) {
    long now = Clock.nanos();
    // The starting attempt counts itself, as in the seed (in-flight is incremented first).
    double loadFactor = model.loadFactor(admission.serving(), modifiers.capacityFactor());
    ServiceSample sample = model.sample(loadFactor, random, modifiers.addedFailureProbability());
    long latency = (long) (sample.latencyNanos() * faults.latencyFactor(now - startedNanos) * modifiers.latencyFactor());
    getContext().scheduleOnce(Duration.ofNanos(latency), getContext().getSelf(), new Finish(handle.attemptId(), sample.fails()));
  }

  /**
   * Throws for supervision to handle. The attempt that caused it (if any) is answered first: its
   * caller learns it was lost, rather than waiting for a timeout.
   */
  private Behavior<Command> crash(String why, Handle cause) {
    takenSinceCrash = 0;
    int lost = 0;
    if (cause != null) {
      cause.replyTo().tell(new Lost(cause.attemptId(), INSTANCE_CRASHED));
      lost++;
    }
    // Unless it will be resumed, this incarnation is gone with everything it holds. Answer now:
    // Akka does not signal every strategy's end of an incarnation (restart with backoff does not).
    if (!resumes) {
      lost += answerAllAsLost(INSTANCE_CRASHED);
    }
    report(InstanceChange.CRASHED, lost);
    if (restarts != null) {
      restarts.crashedAtNanos = Clock.nanos();
    }
    throw new InstanceCrash(where.name() + ": " + why);
  }

  /**
   * Stops processing until the hang is over; what arrives meanwhile waits in the stash. A hang
   * that starts during another extends it: the instance wakes when the last one ends.
   */
  private Behavior<Command> hang() {
    hangs = 1;
    return paused(
        Behaviors.receive(Command.class)
            .onMessageEquals(Fault.HANG, () -> {
              hangs++;
              return Behaviors.same();
            })
            .onMessageEquals(Fault.WAKE_UP, () -> --hangs > 0 ? Behaviors.same() : whileHanging.unstashAll(this)));
  }

  /**
   * A state in which the instance serves nothing (it hangs, or waits out its restart's jitter):
   * besides what {@code wakingUp} handles, whatever arrives waits in the stash (beyond its
   * capacity, in Akka's dead letters) for the instance to serve again.
   */
  private Behavior<Command> paused(BehaviorBuilder<Command> wakingUp) {
    return wakingUp
        .onSignal(PreRestart.class, signal -> lostWithInstance(INSTANCE_RESTARTED, InstanceChange.RESTARTING))
        .onSignal(PostStop.class, signal -> lostWithInstance(INSTANCE_STOPPED, InstanceChange.STOPPED))
        .onAnyMessage(message -> {
          if (whileHanging.isFull()) {
            getContext().getSystem().deadLetters().tell(message);
          } else {
            whileHanging.stash(message);
          }
          return Behaviors.same();
        })
        .build();
  }

  /** This incarnation ends: every attempt it still holds is answered as lost, with the reason. */
  private Behavior<Command> lostWithInstance(String reason, InstanceChange change) {
    report(change, answerAllAsLost(reason));
    return Behaviors.same();
  }

  private int answerAllAsLost(String reason) {
    List<Handle> held = admission.drain();
    held.forEach(handle -> handle.replyTo().tell(new Lost(handle.attemptId(), reason)));
    return held.size();
  }

  /**
   * Arms the fault schedule's timers from now on, and returns the modifiers in force now. An
   * instance that restarts in the middle of a hang hangs for what is left of it.
   */
  private FaultSchedule.Modifiers followSchedule(TimerScheduler<Command> timers) {
    long sinceRunStart = where.sinceRunStartNanos();
    for (long at : schedule.changeTimesAfter(sinceRunStart)) {
      timers.startSingleTimer("schedule-" + at, new ScheduleChanged(at), Duration.ofNanos(at - sinceRunStart));
    }
    int n = 0;
    for (FaultSchedule.Entry crash : schedule.hitting(where.index(), FaultSchedule.Kind.CRASH)) {
      if (crash.startNanos() > sinceRunStart) {
        timers.startSingleTimer("scheduled-crash-" + n++, Fault.CRASH, Duration.ofNanos(crash.startNanos() - sinceRunStart));
      }
    }
    List<FaultSchedule.Entry> pauses = new ArrayList<>(schedule.hitting(where.index(), FaultSchedule.Kind.HANG));
    pauses.addAll(schedule.hitting(where.index(), FaultSchedule.Kind.STALL));
    for (FaultSchedule.Entry pause : pauses) {
      if (pause.endNanos() > sinceRunStart) {
        long from = Math.max(0, pause.startNanos() - sinceRunStart);
        timers.startSingleTimer("scheduled-hang-" + n, Fault.HANG, Duration.ofNanos(from));
        timers.startSingleTimer("scheduled-wake-" + n++, Fault.WAKE_UP, Duration.ofNanos(pause.endNanos() - sinceRunStart));
      }
    }
    return schedule.activeAt(sinceRunStart);
  }

  private void report(InstanceChange change, int attemptsLost) {
    if (where.events() != null) {
      where.events().tell(new InstanceEvent(where.name(), change, attemptsLost, Clock.nanos()));
    }
  }

  private Behavior<Command> onFinish(Finish finish) {
    long now = Clock.nanos();
    Handle done = admission.finish(finish.attemptId(), now);
    if (done == null) {
      return this; // cancelled while being served
    }
    // The freed slot is taken before the answer goes out, so whoever reads the answer finds the
    // next attempt already started.
    serveQueued(now);
    done.replyTo().tell(finish.fails() ? new Failed(finish.attemptId()) : new Succeeded(finish.attemptId()));
    return this;
  }

  private Behavior<Command> onCancel(Cancel cancel) {
    admission.cancel(cancel.attemptId());
    serveQueued(Clock.nanos());
    return this;
  }

  /** Fills free slots from the queue, as admission says: the most important first, the stale refused. */
  private void serveQueued(long now) {
    for (Admission.Decision<Handle> next = admission.next(now); next != null; next = admission.next(now)) {
      act(next);
    }
  }

  private void reject(Admission.Shed<Handle> shed) {
    shed.work().replyTo().tell(new Rejected(shed.work().attemptId(), shed.reason()));
  }

  private Behavior<Command> onGetInFlight(GetInFlight get) {
    get.replyTo().tell(new InFlight(admission.serving(), admission.queued()));
    return this;
  }
}
