package cascade.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.Behaviors;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.RunStalled;
import cascade.launch.Experiments;
import cascade.metrics.ArchitectureResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The guardian of a scenario's actor system: runs one {@link Experiment} per plan, in turn, and
 * completes a future with their results. The future is the bridge to the command line's thread.
 */
final class RunEachInTurn {

  sealed interface Command {}

  /** Start, with each experiment's parts where {@code setting} says. */
  record Go(Experiment.Setting setting) implements Command {}

  private record Finished(ArchitectureResult result) implements Command {}

  private final ActorContext<Command> context;
  private final List<ExperimentPlan> plans;
  private final Consumer<String> progress;
  private final CompletableFuture<List<ArchitectureResult>> done;
  private final ActorRef<ArchitectureResult> finished;
  private final List<ArchitectureResult> results = new ArrayList<>();
  private Experiment.Setting setting;

  private RunEachInTurn(
      ActorContext<Command> context,
      List<ExperimentPlan> plans,
      Consumer<String> progress,
      CompletableFuture<List<ArchitectureResult>> done) {
    this.context = context;
    this.plans = plans;
    this.progress = progress;
    this.done = done;
    this.finished = context.messageAdapter(ArchitectureResult.class, Finished::new);
  }

  static Behavior<Command> create(
      List<ExperimentPlan> plans, Consumer<String> progress, CompletableFuture<List<ArchitectureResult>> done) {
    return Behaviors.setup(context -> new RunEachInTurn(context, plans, progress, done).waitingToGo());
  }

  /** The cluster, if any, forms first; the runner says go when the service host is known. */
  private Behavior<Command> waitingToGo() {
    return Behaviors.receive(Command.class)
        .onMessage(
            Go.class,
            go -> {
              setting = go.setting();
              return startNext();
            })
        .build();
  }

  private Behavior<Command> startNext() {
    if (results.size() == plans.size()) {
      done.complete(List.copyOf(results));
      return finished();
    }
    ExperimentPlan plan = plans.get(results.size());
    progress.accept(plan.name());
    // A stalled run fails its experiment with the report as the message; it is the run's outcome,
    // said once by the command line, not an error for Akka to log with a stack trace.
    ActorRef<Experiment.Command> experiment =
        context.spawn(
            Behaviors.supervise(Experiments.create(plan, finished, setting))
                .onFailure(RunStalled.class, SupervisorStrategy.stop().withLoggingEnabled(false)),
            "experiment-" + results.size() + "-" + plan.architecture().kind());
    context.watch(experiment);
    return running();
  }

  /** The run is over; the last experiment's stop is still to be heard. */
  private static Behavior<Command> finished() {
    return Behaviors.receive(Command.class).onSignal(Terminated.class, stopped -> Behaviors.same()).build();
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(
            Finished.class,
            message -> {
              results.add(message.result());
              return startNext();
            })
        .onSignal(ChildFailed.class, failed -> {
          Throwable cause = failed.getCause();
          done.completeExceptionally(
              new RunFailedException(cause instanceof RunStalled ? cause.getMessage() : "an experiment failed: " + cause));
          return finished();
        })
        // An experiment stops on its own once it has replied; its Finished comes first.
        .onSignal(Terminated.class, stopped -> Behaviors.same())
        .build();
  }
}
