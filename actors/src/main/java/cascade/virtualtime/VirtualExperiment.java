package cascade.virtualtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.Behaviors;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.RunStalled;
import cascade.launch.Experiments;
import cascade.metrics.ArchitectureResult;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One experiment from start to result in virtual time: an actor system of its own on a {@link
 * VirtualTime} of its own, shut down afterwards. What the runner does for each plan of a scenario,
 * and what a test does to run a plan exactly and quickly, whatever the machine is doing.
 */
public final class VirtualExperiment {

  private VirtualExperiment() {}

  /** Runs {@code plan} with the runtime configuration of the class path. */
  public static ArchitectureResult run(ExperimentPlan plan) {
    return run(plan, Experiment.Setting.LOCAL);
  }

  /** As above, with the parts started where {@code setting} says (in this actor system: a test's own host, say). */
  public static ArchitectureResult run(ExperimentPlan plan, Experiment.Setting setting) {
    return run(plan, setting, ConfigFactory.empty(), name -> {}, Duration.ofMinutes(10));
  }

  /**
   * @param config on top of the runtime configuration (a journal's, say)
   * @param started told the plan's name once its actor system is up (on the driver thread)
   * @param patience how much of the machine's time the run may take before it is given up
   * @throws RunStalled when the run stalled (its message is the report)
   * @throws IllegalStateException when the run failed otherwise, or took longer than {@code patience}
   */
  public static ArchitectureResult run(ExperimentPlan plan, Config config, java.util.function.Consumer<String> started, Duration patience) {
    return run(plan, Experiment.Setting.LOCAL, config, started, patience);
  }

  /** As above, with the parts started where {@code setting} says and progress published where it says. */
  public static ArchitectureResult run(
      ExperimentPlan plan, Experiment.Setting setting, Config config, java.util.function.Consumer<String> started, Duration patience) {
    VirtualTime time = VirtualTime.start(plan.name().replaceAll("[^A-Za-z0-9]+", "-"));
    CompletableFuture<ArchitectureResult> done = new CompletableFuture<>();
    ActorSystem<Go> system;
    try {
      system = ActorSystem.create(guardian(plan, setting, started, done), "cascade", time.akkaConfig().withFallback(config).withFallback(ConfigFactory.load()));
    } catch (RuntimeException e) {
      time.close();
      throw e;
    }
    try {
      // Once the system has settled, so that the run starts at the same point of the driver's
      // work every time; then the clock is the run's alone.
      time.settle();
      system.tell(Go.INSTANCE);
      time.release();
      ArchitectureResult result = done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
      // A task that threw may have dropped a message the result counts on: not a result to trust.
      if (time.failure() != null) {
        throw new IllegalStateException(plan.name() + ": a task of the run failed: " + time.failure(), time.failure());
      }
      return result;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(plan.name() + ": the run failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      String failed = time.failure() == null ? "" : " (a task of the run failed: " + time.failure() + ")";
      throw new IllegalStateException(plan.name() + ": the run did not end within " + patience.toSeconds() + " s of the machine's time" + failed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(plan.name() + ": interrupted");
    } finally {
      // The run is over: its clock stops, so that shutting down does not race it through the
      // timers that are left (periodic ones would fire for as long as the machine takes).
      time.hold();
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Shutting down is best effort: the result is in hand.
      }
      time.close();
    }
  }

  /** Told by the runner once it has handed the run over. */
  enum Go {
    INSTANCE
  }

  private static Behavior<Go> guardian(
      ExperimentPlan plan, Experiment.Setting setting, java.util.function.Consumer<String> started, CompletableFuture<ArchitectureResult> done) {
    return Behaviors.<Object>setup(
            context ->
                Behaviors.receive(Object.class)
                    .onMessageEquals(Go.INSTANCE, () -> {
                      started.accept(plan.name());
                      ActorRef<ArchitectureResult> results = context.messageAdapter(ArchitectureResult.class, r -> r);
                      // A stalled run fails its experiment with the report; it is the run's outcome,
                      // said once by whoever asked, not an error for Akka to log with a stack trace.
                      ActorRef<Experiment.Command> experiment =
                          context.spawn(
                              Behaviors.supervise(Experiments.create(plan, results, setting))
                                  .onFailure(RunStalled.class, SupervisorStrategy.stop().withLoggingEnabled(false)),
                              "experiment-0-" + plan.architecture().kind());
                      context.watch(experiment);
                      return Behaviors.same();
                    })
                    .onMessage(ArchitectureResult.class, result -> {
                      done.complete(result);
                      return Behaviors.same();
                    })
                    .onSignal(ChildFailed.class, failed -> {
                      done.completeExceptionally(failed.getCause());
                      return Behaviors.same();
                    })
                    .onSignal(Terminated.class, stopped -> Behaviors.same())
                    .build())
        .narrow();
  }
}
