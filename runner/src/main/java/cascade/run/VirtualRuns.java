package cascade.run;

import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.RunStalled;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.ProgressBoard;
import cascade.virtualtime.VirtualExperiment;
import cascade.virtualtime.VirtualTime;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs each plan of a scenario in virtual time: in an actor system of its own, on a {@link
 * VirtualTime} of its own, up to one plan per core at once. A plan's results depend on nothing but
 * the plan (its seed included), so running them side by side changes no number, and they are
 * reported in the order the scenario declares them.
 */
final class VirtualRuns {

  /**
   * The least wall time a virtual run is given before the runner gives up on its actor system: a
   * run models its time in a fraction of it, but a big one still takes seconds of the machine's.
   */
  static final Duration AT_LEAST = Duration.ofMinutes(10);

  private VirtualRuns() {}

  /**
   * @param board where each run's recorder publishes its progress
   * @param started told each plan's name once its actor system is up
   */
  static List<ArchitectureResult> run(List<ExperimentPlan> plans, Config journal, ProgressBoard board, Consumer<String> started) {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService side = Executors.newFixedThreadPool(Math.min(cores, plans.size()), runnable -> {
      Thread thread = new Thread(runnable, "cascade-virtual-run");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<ArchitectureResult>> running = new ArrayList<>();
      for (ExperimentPlan plan : plans) {
        running.add(side.submit(() -> runOne(plan, journal, board, started)));
      }
      List<ArchitectureResult> results = new ArrayList<>();
      for (Future<ArchitectureResult> result : running) {
        results.add(result.get());
      }
      return results;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RunFailedException failed) {
        throw failed;
      }
      throw new RunFailedException("the run failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailedException("the run was interrupted");
    } finally {
      side.shutdownNow();
    }
  }

  private static ArchitectureResult runOne(ExperimentPlan plan, Config journal, ProgressBoard board, Consumer<String> started) {
    Duration deadline = ScenarioRun.deadline(List.of(plan), Duration.ZERO);
    try {
      return VirtualExperiment.run(
          plan, Experiment.Setting.LOCAL.withProgress(board), journal, started, deadline.compareTo(AT_LEAST) < 0 ? AT_LEAST : deadline);
    } catch (RunStalled stalled) {
      throw new RunFailedException(stalled.getMessage());
    } catch (IllegalStateException failed) {
      throw new RunFailedException(failed.getMessage());
    }
  }
}
