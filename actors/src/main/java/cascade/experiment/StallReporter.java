package cascade.experiment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Whereabouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a stalled run's report: asks every part that can hold a request (the caller, the
 * publisher, the bus) where the open requests are, waits for their answers (a part on a dead node
 * never answers, so not for ever), and hands the report to the experiment, which ends the run with it.
 */
public final class StallReporter {

  /** Asks one part of the run which of the open requests it holds. */
  @FunctionalInterface
  public interface Locator {
    void ask(List<Long> requestIds, ActorRef<Whereabouts.Answer> answers);
  }

  /** The report, for the experiment to end the run with. */
  public record Report(String text) {}

  public sealed interface Command {}

  private record Located(Whereabouts.Answer answer) implements Command {}

  private enum TimeIsUp implements Command {
    INSTANCE
  }

  /** How long the parts have to answer. */
  static final Duration PATIENCE = Duration.ofSeconds(3);

  private StallReporter() {}

  public static Behavior<Command> create(ExperimentPlan plan, MetricsRecorder.Stalled stalled, List<Locator> locators, ActorRef<Report> replyTo) {
    return Behaviors.<Command>setup(
            context -> {
              ActorRef<Whereabouts.Answer> answers = context.messageAdapter(Whereabouts.Answer.class, Located::new);
              locators.forEach(locator -> locator.ask(stalled.firstOpen(), answers));
              context.scheduleOnce(PATIENCE, context.getSelf(), TimeIsUp.INSTANCE);
              List<Whereabouts.Answer> heard = new ArrayList<>();
              return Behaviors.receive(Command.class)
                  .onMessage(Located.class, located -> {
                    heard.add(located.answer());
                    return heard.size() < locators.size() ? Behaviors.same() : report(plan, stalled, locators.size(), heard, replyTo);
                  })
                  .onMessage(TimeIsUp.class, up -> report(plan, stalled, locators.size(), heard, replyTo))
                  .build();
            });
  }

  private static Behavior<Command> report(
      ExperimentPlan plan, MetricsRecorder.Stalled stalled, int asked, List<Whereabouts.Answer> heard, ActorRef<Report> replyTo) {
    replyTo.tell(new Report(Whereabouts.report(plan.name(), stalled, plan.arrivals().total(), heard, asked)));
    return Behaviors.stopped();
  }
}
