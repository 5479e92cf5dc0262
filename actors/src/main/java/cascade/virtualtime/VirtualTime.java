package cascade.virtualtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.concurrent.Promise;
import scala.runtime.BoxedUnit;

/**
 * The virtual time of one actor system: its clock, the work of its actors, its timers, and the one
 * thread that runs them all.
 *
 * <p>Every dispatcher of the system hands its work here ({@link VirtualExecutor}), and its
 * scheduler keeps its timers here ({@link VirtualScheduler}). The driver thread runs the work in
 * the order it was handed in, and only when there is none left does it pop the earliest timer (ties
 * in the order they were set), move the clock to that timer's deadline, and fire it. So a service
 * time of 8 ms takes exactly 8 ms of the clock and almost none of the machine's, a run models an
 * hour in seconds, and the same scenario and seed do the same things in the same order every time:
 * nothing depends on how fast the machine is or what else it is doing.
 *
 * <p>Two kinds of outside work must not let the clock move on while they are under way, or a
 * timeout would fire before its answer could come: a thread outside the run handing work in (the
 * runner creating the actor system and sending its first message: see {@link #hold()}), and
 * journal I/O, which runs on the database's own threads ({@link #outside(Future)}). The second is
 * also ordered: what the journal answers is handed to the actors in the order the operations
 * started, once nothing else is left to do at that instant, so a durable run is as repeatable as an
 * in-memory one. The journal's own speed shows in wall time only.
 *
 * <p>{@link cascade.runtime.Clock#nanos()} reads this clock on the driver thread. With {@code
 * -Dcascade.virtual-time.stats=true} each virtual time says, when it closes, how many tasks it ran,
 * how many timers were set and where its clock stood: a first look when a run is slower than it
 * should be.
 */
public final class VirtualTime implements AutoCloseable {

  /**
   * Where the clock starts: a fixed instant (2001-09-09T01:46:40Z), so runs are repeatable to the
   * nanosecond; nothing in a run depends on the calendar.
   */
  public static final long EPOCH_NANOS = 1_000_000_000_000_000_000L;

  /** The key under which an actor system's configuration names its virtual time. */
  static final String ID_KEY = "cascade.virtual-time.id";

  private static final Map<String, VirtualTime> RUNNING = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();

  /** The thread that runs every actor of a virtual time: it knows whose it is. */
  private static final class Driver extends Thread implements cascade.runtime.Clock.OwnTime {
    private final VirtualTime time;

    Driver(VirtualTime time, String name) {
      super(time::drive, name);
      this.time = time;
    }

    @Override
    public long nanos() {
      return time.now;
    }
  }

  private final String id;
  private final Thread driver;
  /** Work handed in by the driver itself: no other thread touches it. */
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  /** Work handed in by other threads; the driver takes it once its own is done. */
  private final ConcurrentLinkedQueue<Runnable> handedIn = new ConcurrentLinkedQueue<>();
  /** Timers in deadline order, ties in the order they were set. Only the driver touches it. */
  private final TimerHeap timers = new TimerHeap();
  /**
   * Timers due now (set with no delay, a service that answers at once): they fire after the work
   * of this instant and after the heap's timers due now, which were all set before them; no heap
   * needed to keep them in order.
   */
  private final ArrayDeque<Timer> dueNow = new ArrayDeque<>();
  /** Timers set by other threads; the driver files them before it next looks at the clock. */
  private final ConcurrentLinkedQueue<Timer> timersHandedIn = new ConcurrentLinkedQueue<>();
  /** Journal operations under way, in the order they started; only the driver touches it. */
  private final ArrayDeque<Outside> outside = new ArrayDeque<>();
  private final AtomicInteger holds = new AtomicInteger();
  private volatile long now = EPOCH_NANOS;
  private long timersSet;
  private volatile boolean parked;
  private volatile boolean closed;
  private volatile Throwable failure;
  /** Tasks run, for the benchmark and the tests. */
  private long tasksRun;

  private VirtualTime(String name) {
    this.id = name + "-" + IDS.incrementAndGet();
    // Held until the runner has handed the run over: see hold().
    holds.set(1);
    this.driver = new Driver(this, "virtual-time-" + id);
    this.driver.setDaemon(true);
  }

  /**
   * A virtual time whose driver is already running, held: work is done, but the clock stands still
   * until {@link #release()} (the runner calls it once the run is handed over).
   */
  public static VirtualTime start(String name) {
    VirtualTime time = new VirtualTime(name);
    RUNNING.put(time.id, time);
    time.driver.start();
    return time;
  }

  /**
   * The configuration that puts an actor system on this virtual time: its scheduler, every
   * dispatcher it uses (its own, Akka's internal and blocking ones, the journal's), and the
   * journal plugins that keep the clock still while the database works.
   */
  public Config akkaConfig() {
    Config dispatcher =
        ConfigFactory.parseString(
            "type = Dispatcher\n"
                + "executor = \"" + VirtualExecutor.class.getName() + "\"\n"
                // One thread runs everything: how many messages an actor takes per turn changes
                // nothing but speed, and the order stays the same from run to run.
                + "throughput = 64\n"
                + "throughput-deadline-time = 0ms\n");
    Config config =
        ConfigFactory.empty()
            .withValue(ID_KEY, ConfigValueFactory.fromAnyRef(id))
            .withValue("akka.scheduler.implementation", ConfigValueFactory.fromAnyRef(VirtualScheduler.class.getName()))
            .withValue("jdbc-journal.class", ConfigValueFactory.fromAnyRef(VirtualTimeJournal.class.getName()))
            .withValue("jdbc-snapshot-store.class", ConfigValueFactory.fromAnyRef(VirtualTimeSnapshotStore.class.getName()))
            .withValue("jdbc-journal.plugin-dispatcher", ConfigValueFactory.fromAnyRef("akka.actor.default-dispatcher"))
            .withValue("jdbc-snapshot-store.plugin-dispatcher", ConfigValueFactory.fromAnyRef("akka.actor.default-dispatcher"));
    for (String path :
        new String[] {
          "akka.actor.default-dispatcher",
          "akka.actor.internal-dispatcher",
          "akka.actor.default-blocking-io-dispatcher",
          "akka.persistence.dispatchers.default-plugin-dispatcher",
          "akka.persistence.dispatchers.default-replay-dispatcher",
          "akka.persistence.dispatchers.default-stream-dispatcher",
          "akka.stream.default-blocking-io-dispatcher"
        }) {
      config = config.withValue(path, dispatcher.root());
    }
    return config;
  }

  /** The virtual time an actor system's configuration names. */
  static VirtualTime of(Config config) {
    String id = config.getString(ID_KEY);
    VirtualTime time = RUNNING.get(id);
    if (time == null) {
      throw new IllegalStateException("no virtual time " + id + " is running (was it closed before its actor system?)");
    }
    return time;
  }

  /** The clock, in nanoseconds on the {@link cascade.runtime.Clock} scale. */
  public long nanos() {
    return now;
  }

  /** Tasks the driver has run so far. */
  public long tasksRun() {
    return tasksRun;
  }

  /**
   * Keeps the clock where it is until {@link #release()}: a thread outside the run is about to
   * hand work in (creating the actor system, telling it to go), and the clock must not jump to a
   * timer in the meantime. Work already handed in is still done. Holds nest.
   */
  public void hold() {
    holds.incrementAndGet();
  }

  public void release() {
    if (holds.decrementAndGet() < 0) {
      throw new IllegalStateException("released more often than held");
    }
    wakeUp();
  }

  /**
   * Waits until the driver has done all the work handed in so far, and all the work that work
   * made. Outside work arrives at moments only the machine decides; handing the run in once the
   * actor system has settled (rather than while it still starts) puts it at the same point of the
   * driver's work every time, and with it every id Akka draws after it.
   */
  public void settle() {
    java.util.concurrent.CompletableFuture<Void> settled = new java.util.concurrent.CompletableFuture<>();
    // The driver takes work handed in only once its own is done: when this runs, nothing is left.
    execute(() -> settled.complete(null));
    try {
      settled.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the actor system of virtual time " + id + " did not settle within 30 s", e);
    }
  }

  /** Runs {@code task} on the driver, after the work handed in before it. */
  void execute(Runnable task) {
    if (Thread.currentThread() == driver) {
      ready.addLast(task);
    } else {
      handedIn.add(task);
      wakeUp();
    }
  }

  /**
   * Fires {@code task} on {@code executor} once the clock reaches {@code delayNanos} from now,
   * and every {@code intervalNanos} after that if it is above 0.
   */
  Timer schedule(long delayNanos, long intervalNanos, Runnable task, ExecutionContext executor) {
    Timer timer = new Timer(this, Math.max(0, delayNanos), intervalNanos, task, executor);
    if (Thread.currentThread() == driver) {
      file(timer);
    } else {
      timersHandedIn.add(timer);
      wakeUp();
    }
    return timer;
  }

  private void file(Timer timer) {
    timer.due = now + timer.delayNanos;
    timer.order = timersSet++;
    if (timer.delayNanos == 0) {
      dueNow.addLast(timer);
    } else {
      timers.add(timer);
    }
  }

  /** Cancelled on the driver: out of the heap at once, so it holds only timers that may still fire. */
  private void cancelled(Timer timer) {
    if (Thread.currentThread() == driver && timer.index >= 0) {
      timers.remove(timer);
    }
  }

  /**
   * The result of {@code running}, work done outside the run (a journal write on the database's
   * threads), as the run's actors will see it: the clock does not move until it is done, and its
   * result is handed to them in the order such work started, once nothing else is left to do now.
   * Called on the driver, by the journal plugins.
   */
  <T> Future<T> outside(Future<T> running) {
    Outside operation = new Outside();
    outside.addLast(operation);
    Promise<T> seen = scala.concurrent.Promise$.MODULE$.apply();
    running.onComplete(
        result -> {
          operation.completion = () -> seen.complete(result);
          wakeUp();
          return BoxedUnit.UNIT;
        },
        akka.dispatch.ExecutionContexts$.MODULE$.parasitic());
    return seen.future();
  }

  /** Stops the driver once the work handed in so far is done. Call it after the actor system has terminated. */
  @Override
  public void close() {
    if (Boolean.getBoolean("cascade.virtual-time.stats")) {
      System.err.printf("virtual time %s: %d tasks, %d timers set, clock at %.3f s%n", id, tasksRun, timersSet, (now - EPOCH_NANOS) / 1e9);
    }
    closed = true;
    wakeUp();
    try {
      driver.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(id);
  }

  /** What went wrong on the driver outside any actor (a task that threw), or null. */
  public Throwable failure() {
    return failure;
  }

  /** Called by the scheduler when the actor system closes it: timers left now never fire. */
  void closeTimers(java.util.function.Consumer<Timer> onEach) {
    Runnable dropAll =
        () -> {
          drainTimersHandedIn();
          // Taken out first: what onEach does to a timer (cancel it) must not change the heap under it.
          java.util.List<Timer> left = new java.util.ArrayList<>(dueNow);
          timers.forEach(left::add);
          timers.clear();
          dueNow.clear();
          left.forEach(timer -> timer.index = -1);
          left.forEach(onEach);
        };
    if (Thread.currentThread() == driver) {
      dropAll.run();
    } else {
      execute(dropAll);
    }
  }

  private void wakeUp() {
    if (parked) {
      LockSupport.unpark(driver);
    }
  }

  private void drive() {
    while (true) {
      Runnable task = ready.pollFirst();
      if (task == null) {
        task = handedIn.poll();
      }
      if (task != null) {
        run(task);
        continue;
      }
      drainTimersHandedIn();
      // Nothing left to do at this instant. What the journal answered goes first, in order.
      Outside first = outside.peekFirst();
      if (first != null && first.completion != null) {
        outside.pollFirst();
        run(first.completion);
        continue;
      }
      if (closed && first == null) {
        return;
      }
      if (first != null || holds.get() > 0 || closed) {
        // The journal is working, or a thread outside the run is handing work in: wait for it.
        park();
        continue;
      }
      Timer next = nextLiveTimer();
      if (next == null) {
        park();
        continue;
      }
      now = Math.max(now, next.due);
      next.fire();
    }
  }

  private void run(Runnable task) {
    tasksRun++;
    try {
      task.run();
    } catch (Throwable t) {
      // Akka catches what actors throw; this is a task of its own or a future's callback. The
      // first is kept for the run to report (see failure()); the driver goes on with the next.
      if (failure == null) {
        failure = t;
      }
    }
  }

  private void drainTimersHandedIn() {
    for (Timer timer = timersHandedIn.poll(); timer != null; timer = timersHandedIn.poll()) {
      file(timer);
    }
  }

  /** The heap's first timer if it is due now, else the first set with no delay, else the heap's first. */
  private Timer nextLiveTimer() {
    while (true) {
      Timer first = timers.peek();
      Timer next = first != null && first.due <= now ? timers.poll() : !dueNow.isEmpty() ? dueNow.pollFirst() : timers.poll();
      if (next == null) {
        return null;
      }
      if (!next.isCancelled()) {
        return next;
      }
    }
  }

  /**
   * Waits for a thread outside the run: work handed in, a hold released, a journal operation done,
   * or the end. Checks once more after saying it waits, since whoever changes any of these wakes
   * the driver only if it sees it waiting.
   */
  private void park() {
    parked = true;
    boolean clockCanMove = holds.get() == 0 && outside.isEmpty() && (!timers.isEmpty() || !dueNow.isEmpty());
    if (handedIn.isEmpty() && timersHandedIn.isEmpty() && !outsideDone() && !clockCanMove && !closed) {
      LockSupport.park(this);
    }
    parked = false;
  }

  private boolean outsideDone() {
    Outside first = outside.peekFirst();
    return first != null && first.completion != null;
  }

  /** A journal operation under way: its completion is set by the thread that finished it. */
  private static final class Outside {
    volatile Runnable completion;
  }

  /**
   * The timers in deadline order, ties in the order they were set: a binary heap whose timers know
   * their place in it, so a cancelled one leaves in O(log n) instead of waiting for its deadline
   * (every answered attempt cancels its timeout; left in, they would make the heap many times the
   * size of the timers that can still fire).
   */
  static final class TimerHeap {
    private Timer[] heap = new Timer[256];
    private int size;

    boolean isEmpty() {
      return size == 0;
    }

    Timer peek() {
      return size == 0 ? null : heap[0];
    }

    void add(Timer timer) {
      if (size == heap.length) {
        heap = java.util.Arrays.copyOf(heap, size * 2);
      }
      timer.index = size;
      heap[size++] = timer;
      up(timer.index);
    }

    Timer poll() {
      if (size == 0) {
        return null;
      }
      Timer first = heap[0];
      removeAt(0);
      return first;
    }

    void remove(Timer timer) {
      int at = timer.index;
      if (at >= 0 && at < size && heap[at] == timer) {
        removeAt(at);
      }
    }

    void forEach(java.util.function.Consumer<Timer> action) {
      for (int i = 0; i < size; i++) {
        action.accept(heap[i]);
      }
    }

    void clear() {
      java.util.Arrays.fill(heap, 0, size, null);
      size = 0;
    }

    private void removeAt(int at) {
      Timer gone = heap[at];
      gone.index = -1;
      size--;
      if (at != size) {
        Timer last = heap[size];
        heap[at] = last;
        last.index = at;
        heap[size] = null;
        if (!down(at)) {
          up(at);
        }
      } else {
        heap[size] = null;
      }
    }

    private void up(int at) {
      Timer timer = heap[at];
      while (at > 0) {
        int parent = (at - 1) >>> 1;
        Timer above = heap[parent];
        if (timer.compareTo(above) >= 0) {
          break;
        }
        heap[at] = above;
        above.index = at;
        at = parent;
      }
      heap[at] = timer;
      timer.index = at;
    }

    /** Moves the timer at {@code at} down to its place; whether it moved. */
    private boolean down(int at) {
      Timer timer = heap[at];
      int start = at;
      int half = size >>> 1;
      while (at < half) {
        int child = 2 * at + 1;
        Timer smaller = heap[child];
        int right = child + 1;
        if (right < size && heap[right].compareTo(smaller) < 0) {
          child = right;
          smaller = heap[right];
        }
        if (timer.compareTo(smaller) <= 0) {
          break;
        }
        heap[at] = smaller;
        smaller.index = at;
        at = child;
      }
      heap[at] = timer;
      timer.index = at;
      return at != start;
    }
  }

  /** A timer: fires once, or every interval until cancelled. */
  static final class Timer implements Comparable<Timer>, akka.actor.Cancellable {
    private final VirtualTime time;
    private final long delayNanos;
    private final long intervalNanos;
    final Runnable task;
    private final ExecutionContext executor;
    private long due;
    private long order;
    /** Its place in the heap, or -1 outside it. */
    private int index = -1;
    private volatile boolean cancelled;
    private volatile boolean fired;

    Timer(VirtualTime time, long delayNanos, long intervalNanos, Runnable task, ExecutionContext executor) {
      this.time = time;
      this.delayNanos = delayNanos;
      this.intervalNanos = intervalNanos;
      this.task = task;
      this.executor = executor;
    }

    private void fire() {
      if (intervalNanos > 0) {
        // Fixed rate: the next one is due an interval after this one was, not after it ran.
        due += intervalNanos;
        order = time.timersSet++;
        time.timers.add(this);
      } else {
        fired = true;
      }
      executor.execute(task);
    }

    @Override
    public int compareTo(Timer other) {
      int byDue = Long.compare(due, other.due);
      return byDue != 0 ? byDue : Long.compare(order, other.order);
    }

    /** Marks it cancelled in O(1): the driver skips it when it comes up. */
    @Override
    public boolean cancel() {
      if (cancelled || fired) {
        return false;
      }
      cancelled = true;
      time.cancelled(this);
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
