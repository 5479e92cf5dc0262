package cascade.run;

import akka.actor.typed.ActorSystem;
import cascade.experiment.ExperimentPlan;
import cascade.metrics.ArchitectureResult;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs plans one after another in one actor system and returns their results. Each plan gets a
 * fresh service and fresh actors, so the architectures share neither load nor state.
 */
public final class ScenarioRun {

  /** How long a run may take beyond its arrival schedule before it is declared stuck. */
  static final Duration GRACE = Duration.ofMinutes(10);

  private ScenarioRun() {}

  /**
   * @param progress told the name of each architecture as it starts (called on an actor thread)
   * @throws RunFailedException when the run does not finish in time or the actor system fails
   */
  public static List<ArchitectureResult> run(List<ExperimentPlan> plans, Consumer<String> progress) {
    CompletableFuture<List<ArchitectureResult>> done = new CompletableFuture<>();
    Duration deadline = deadline(plans);
    ActorSystem<RunEachInTurn.Command> system =
        ActorSystem.create(RunEachInTurn.create(plans, progress, done), "cascade", ConfigFactory.load());
    try {
      return done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RunFailedException("the run did not finish within " + deadline.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailedException("the run was interrupted");
    } catch (ExecutionException e) {
      throw new RunFailedException("the run failed: " + e.getCause());
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Shutting down is best effort: the results are already in hand, and the JVM exits next.
      }
    }
  }

  /** The arrival schedules' length plus a generous grace per architecture. */
  private static Duration deadline(List<ExperimentPlan> plans) {
    Duration total = Duration.ZERO;
    for (ExperimentPlan plan : plans) {
      total = total.plus(plan.arrivals().gap().multipliedBy(plan.arrivals().bursts())).plus(GRACE);
    }
    return total;
  }
}
