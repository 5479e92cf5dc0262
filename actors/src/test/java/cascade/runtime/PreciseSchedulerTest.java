package cascade.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.Cancellable;
import akka.actor.Scheduler;
import akka.dispatch.ExecutionContexts;
import akka.event.NoLogging;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/** What the scheduler does; how precisely it does it is measured by the timing benchmark. */
class PreciseSchedulerTest {

  private final PreciseScheduler scheduler =
      new PreciseScheduler(ConfigFactory.empty(), NoLogging.getInstance(), Executors.defaultThreadFactory());
  private final ExecutionContext callingThread = ExecutionContexts.fromExecutor(Runnable::run);

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void runsAScheduledTaskOnTheGivenExecutor() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    scheduler.scheduleOnce(FiniteDuration.create(1, TimeUnit.MILLISECONDS), ran::countDown, callingThread);
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCancelledTaskNeverRuns() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    Cancellable task = scheduler.scheduleOnce(FiniteDuration.create(50, TimeUnit.MILLISECONDS), runs::incrementAndGet, callingThread);
    assertThat(task.cancel()).isTrue();
    assertThat(task.isCancelled()).isTrue();
    CountDownLatch later = new CountDownLatch(1);
    scheduler.scheduleOnce(FiniteDuration.create(100, TimeUnit.MILLISECONDS), later::countDown, callingThread);
    assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(runs).hasValue(0);
  }

  @Test
  void repeatsAtAFixedRateUntilCancelled() throws InterruptedException {
    CountDownLatch threeTimes = new CountDownLatch(3);
    @SuppressWarnings("deprecation")
    Cancellable task =
        scheduler.schedule(
            FiniteDuration.create(1, TimeUnit.MILLISECONDS), FiniteDuration.create(1, TimeUnit.MILLISECONDS), threeTimes::countDown, callingThread);
    assertThat(threeTimes.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(task.cancel()).isTrue();
  }

  @Test
  void tasksMarkedRunOnCloseRunWhenTheSchedulerCloses() {
    AtomicInteger runs = new AtomicInteger();
    Scheduler.TaskRunOnClose task = runs::incrementAndGet;
    scheduler.scheduleOnce(FiniteDuration.create(1, TimeUnit.HOURS), task, callingThread);
    scheduler.close();
    assertThat(runs).hasValue(1);
  }
}
