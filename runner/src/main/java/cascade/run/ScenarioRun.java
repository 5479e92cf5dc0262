package cascade.run;

import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.ProgressBoard;
import cascade.scenario.Scenario;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs plans one after another and returns their results. Each plan gets a fresh service and
 * fresh actors, so the architectures share neither load nor state.
 *
 * <p>Without a cluster everything runs in one actor system, in virtual time unless the scenario
 * asks for real time. With a cluster ({@code cluster.mode = in-jvm} or {@code processes}) the
 * scenario's nodes are joined into an Akka Cluster and each part runs on the node with its role,
 * so every call between them crosses the wire: see {@link ClusterRun}.
 */
public final class ScenarioRun {

  /**
   * How long the runner waits beyond a plan's arrival schedule and its stall patience before it
   * gives up on the actor system itself. A run that stalls reports that on its own (see {@link
   * cascade.experiment.StallPatience}); this is only for an actor system that stopped answering.
   */
  static final Duration GRACE = Duration.ofMinutes(2);

  private ScenarioRun() {}

  /**
   * @param clock virtual (one actor system only) or real
   * @param journalSettings the journal of a durable event path, given to every actor system and
   *     node process of the run; null without one
   * @param notices told what the user must do or know while the run sets up (start an external
   *     node), a line at a time; the command prints them where its errors go
   */
  public static RunReport run(
      List<ExperimentPlan> plans,
      Scenario.Cluster cluster,
      Scenario.Clock clock,
      cascade.persistence.Journal journalSettings,
      Consumer<String> progress,
      Consumer<String> notices) {
    return run(plans, cluster, clock, journalSettings, ProgressBoard.NONE, progress, notices);
  }

  /**
   * As above, and each plan's recorder publishes how far it has got to its slot of {@code board}
   * (in cluster runs too: the outcomes of the other nodes reach the coordinator's recorder).
   */
  public static RunReport run(
      List<ExperimentPlan> plans,
      Scenario.Cluster cluster,
      Scenario.Clock clock,
      cascade.persistence.Journal journalSettings,
      ProgressBoard board,
      Consumer<String> progress,
      Consumer<String> notices) {
    Config journal = journalSettings == null ? ConfigFactory.empty() : journalSettings.akkaConfig();
    CompletableFuture<List<ArchitectureResult>> done = new CompletableFuture<>();
    // One actor system: its process is a fact of the machine (run_info), not of the run.
    List<NodeInfo> local = List.of(new NodeInfo("local", List.of(), "local", -1));
    if (cluster.mode() == Scenario.ClusterMode.OFF && clock == Scenario.Clock.VIRTUAL) {
      return new RunReport(VirtualRuns.run(plans, journal, board, progress), local, null, List.of());
    }
    if (cluster.mode() == Scenario.ClusterMode.OFF) {
      ActorSystem<RunEachInTurn.Command> system =
          ActorSystem.create(RunEachInTurn.create(plans, progress, done), "cascade", journal.withFallback(ConfigFactory.load()));
      try {
        system.tell(new RunEachInTurn.Go(Experiment.Setting.LOCAL.withProgress(board)));
        return new RunReport(await(done, deadline(plans, Duration.ZERO)), local, null, List.of());
      } finally {
        terminate(system);
      }
    }
    return ClusterRun.run(plans, cluster, journalSettings, board, progress, notices);
  }

  static List<ArchitectureResult> await(CompletableFuture<List<ArchitectureResult>> done, Duration deadline) {
    try {
      return done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RunFailedException("the run did not finish within " + deadline.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailedException("the run was interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RunFailedException failed) {
        throw failed;
      }
      throw new RunFailedException("the run failed: " + e.getCause());
    }
  }

  static void terminate(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Shutting down is best effort: the results are already in hand, and the JVM exits next.
    }
  }

  /** Per architecture: its arrival schedule, twice the time it may stall for, and a grace. */
  static Duration deadline(List<ExperimentPlan> plans, Duration allowance) {
    Duration total = Duration.ZERO;
    for (ExperimentPlan plan : plans) {
      total = total.plus(plan.arrivals().span()).plus(cascade.experiment.StallPatience.of(plan, allowance).multipliedBy(2)).plus(GRACE);
    }
    return total;
  }
}
