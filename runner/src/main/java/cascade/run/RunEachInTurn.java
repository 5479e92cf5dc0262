package cascade.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.CallerHost;
import cascade.experiment.EventPathHost;
import cascade.experiment.ServiceHost;
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

  /** Start, with the downstream services, event paths and callers started by these hosts. */
  record Go(ServiceHost host, EventPathHost eventPathHost, CallerHost callerHost) implements Command {}

  private record Finished(ArchitectureResult result) implements Command {}

  private final ActorContext<Command> context;
  private final List<ExperimentPlan> plans;
  private final Consumer<String> progress;
  private final CompletableFuture<List<ArchitectureResult>> done;
  private final ActorRef<ArchitectureResult> finished;
  private final List<ArchitectureResult> results = new ArrayList<>();
  private ServiceHost host;
  private EventPathHost eventPathHost;
  private CallerHost callerHost;

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
              host = go.host();
              eventPathHost = go.eventPathHost();
              callerHost = go.callerHost();
              return startNext();
            })
        .build();
  }

  private Behavior<Command> startNext() {
    if (results.size() == plans.size()) {
      done.complete(List.copyOf(results));
      return Behaviors.empty();
    }
    ExperimentPlan plan = plans.get(results.size());
    progress.accept(plan.name());
    context.spawn(Experiment.create(plan, finished, host, eventPathHost, callerHost), "experiment-" + results.size() + "-" + plan.architecture().kind());
    return running();
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(
            Finished.class,
            message -> {
              results.add(message.result());
              return startNext();
            })
        .build();
  }
}
