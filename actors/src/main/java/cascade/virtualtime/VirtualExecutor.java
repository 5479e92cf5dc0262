package cascade.virtualtime;

import akka.dispatch.DispatcherPrerequisites;
import akka.dispatch.ExecutorServiceConfigurator;
import akka.dispatch.ExecutorServiceFactory;
import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The executor of every dispatcher of a virtual-time actor system: it runs nothing itself, it hands
 * each task to the {@link VirtualTime}'s driver, so that one thread runs every actor of the run and
 * knows when none has work left. Named by {@code executor} in each dispatcher's configuration.
 */
public final class VirtualExecutor extends ExecutorServiceConfigurator {

  private final VirtualTime time;

  /** The constructor Akka calls reflectively: (the dispatcher's config, prerequisites). */
  public VirtualExecutor(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    // The dispatcher's section is given; the id is in the actor system's own configuration.
    this.time = VirtualTime.of(prerequisites.settings().config());
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
    return () -> new Handover(time);
  }

  /**
   * Hands tasks to the driver. Shutting it down does nothing: several dispatchers share the
   * driver, which stops when the runner closes the virtual time, after the actor system.
   */
  private static final class Handover extends AbstractExecutorService {
    private final VirtualTime time;
    private volatile boolean shutdown;

    Handover(VirtualTime time) {
      this.time = time;
    }

    @Override
    public void execute(Runnable task) {
      time.execute(task);
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  /** For tests: the executor service a dispatcher of {@code time} gets. */
  static ExecutorService handover(VirtualTime time) {
    return new Handover(time);
  }
}
