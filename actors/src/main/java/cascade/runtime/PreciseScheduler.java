package cascade.runtime;

import akka.actor.Cancellable;
import akka.actor.Scheduler;
import akka.event.LoggingAdapter;
import com.typesafe.config.Config;
import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * An Akka scheduler that fires each task at its own deadline instead of on the next tick of a
 * timer wheel.
 *
 * <p>Why: the simulated service answers after 8–14 ms. Akka's default scheduler rounds every delay
 * up to its tick and then runs a tick or two late; even with a 1 ms tick an 8 ms timer fires at
 * about 10 ms, which would bias every latency the lab reports. A {@link
 * ScheduledThreadPoolExecutor} parks until each deadline, so it fires within tens of
 * microseconds. Everything that uses the actor system's scheduler (behaviour timers, ask
 * timeouts, {@code scheduleOnce}) gets that precision without actors knowing.
 *
 * <p>Enabled by {@code akka.scheduler.implementation} in the runtime configuration. Tests that
 * use {@code ManualTime} replace it with Akka's explicitly triggered scheduler as usual.
 */
public final class PreciseScheduler implements Scheduler, Closeable {

  private final ScheduledThreadPoolExecutor timer;
  /** Tasks Akka asked to run even if the system shuts down first (see {@link Scheduler.TaskRunOnClose}). */
  private final Map<Runnable, ScheduledFuture<?>> runOnClose = new ConcurrentHashMap<>();

  /** The constructor Akka calls reflectively: (config, log, thread factory). */
  public PreciseScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
    this.timer = new ScheduledThreadPoolExecutor(1, threadFactory);
    // Cancelled timers (every ask that is answered in time cancels one) must not pile up until
    // their deadline: remove them from the queue at once.
    this.timer.setRemoveOnCancelPolicy(true);
    this.timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Cancellable scheduleOnce(FiniteDuration delay, Runnable task, ExecutionContext executor) {
    Runnable dispatch;
    if (task instanceof Scheduler.TaskRunOnClose) {
      dispatch = () -> {
        runOnClose.remove(task);
        executor.execute(task);
      };
    } else {
      dispatch = () -> executor.execute(task);
    }
    ScheduledFuture<?> future = timer.schedule(dispatch, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    if (task instanceof Scheduler.TaskRunOnClose) {
      runOnClose.put(task, future);
    }
    return new FutureCancellable(future);
  }

  @Override
  @SuppressWarnings("deprecation")
  public Cancellable schedule(
      FiniteDuration initialDelay, FiniteDuration interval, Runnable task, ExecutionContext executor) {
    ScheduledFuture<?> future =
        timer.scheduleAtFixedRate(
            () -> executor.execute(task),
            Math.max(0, initialDelay.toNanos()),
            Math.max(1, interval.toNanos()),
            TimeUnit.NANOSECONDS);
    return new FutureCancellable(future);
  }

  /** Akka uses this to warn about intervals shorter than the scheduler can honour. */
  @Override
  public double maxFrequency() {
    return 10_000.0;
  }

  /** Called by Akka when the actor system terminates. */
  @Override
  public void close() {
    timer.shutdownNow();
    // Honour Akka's contract: tasks marked run-on-close still run, on the calling thread.
    runOnClose.forEach(
        (task, future) -> {
          if (future.cancel(false)) {
            task.run();
          }
        });
    runOnClose.clear();
  }

  private static final class FutureCancellable implements Cancellable {
    private final ScheduledFuture<?> future;

    FutureCancellable(ScheduledFuture<?> future) {
      this.future = future;
    }

    @Override
    public boolean cancel() {
      return future.cancel(false);
    }

    @Override
    public boolean isCancelled() {
      return future.isCancelled();
    }
  }
}
