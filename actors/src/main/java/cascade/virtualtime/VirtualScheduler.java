package cascade.virtualtime;

import akka.actor.Cancellable;
import akka.actor.Scheduler;
import akka.event.LoggingAdapter;
import com.typesafe.config.Config;
import java.io.Closeable;
import java.util.concurrent.ThreadFactory;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * An Akka scheduler on {@link VirtualTime}: a timer fires when the virtual clock reaches its
 * deadline, exactly, and the clock jumps there as soon as the actors have nothing left to do.
 * Behaviour timers, ask timeouts, the receptionist's and coordinated shutdown's timers all run on
 * it without knowing. Set by {@code akka.scheduler.implementation} in {@link
 * VirtualTime#akkaConfig()}.
 */
public final class VirtualScheduler implements Scheduler, Closeable {

  private final VirtualTime time;

  /** The constructor Akka calls reflectively: (config, log, thread factory). */
  public VirtualScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
    this.time = VirtualTime.of(config);
  }

  @Override
  public Cancellable scheduleOnce(FiniteDuration delay, Runnable task, ExecutionContext executor) {
    return time.schedule(delay.toNanos(), 0, task, executor);
  }

  @Override
  @SuppressWarnings("deprecation")
  public Cancellable schedule(FiniteDuration initialDelay, FiniteDuration interval, Runnable task, ExecutionContext executor) {
    return time.schedule(initialDelay.toNanos(), Math.max(1, interval.toNanos()), task, executor);
  }

  /** Virtual time honours any interval; Akka only uses this to warn about short ones. */
  @Override
  public double maxFrequency() {
    return 1e9;
  }

  /**
   * Called by Akka when the actor system terminates. Akka's contract: tasks marked run-on-close
   * still run, now; the others never will.
   */
  @Override
  public void close() {
    time.closeTimers(timer -> {
      if (timer.task instanceof Scheduler.TaskRunOnClose && timer.cancel()) {
        timer.task.run();
      }
    });
  }
}
