package cascade.experiment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.typed.javadsl.Behaviors;
import cascade.bus.BusProtocol;
import cascade.bus.ConsumerSettings;
import cascade.load.ArrivalSchedule;
import cascade.model.FailureModel;
import cascade.service.ServicePlan;
import cascade.virtualtime.VirtualExperiment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A run that can no longer end ends anyway: with exit-worthy words saying which requests are open
 * and where they were last seen, within a bound derived from the scenario. In virtual time the
 * ten seconds of patience pass at once.
 */
class StallTest {

  @Test
  void aRunWhoseBusSwallowsItsEventsEndsWithTheOpenRequestsNamed() {
    // An event path whose "bus" takes every event and does nothing with it, as a lost outcome would.
    EventPathHost blackHole =
        (experiment, request, replyTo) ->
            replyTo.tell(new EventPathHost.EventPathStarted(experiment.spawn(Behaviors.<BusProtocol.Command>ignore(), "black-hole"), "local"));
    ExperimentPlan plan =
        new ExperimentPlan(
            "EventDriven",
            new ExperimentPlan.EventDriven(5000, 16, ConsumerSettings.tutorialDefaults(), 100),
            ArrivalSchedule.bursts(30, 30, Duration.ofMillis(100)),
            ServicePlan.of(FailureModel.tutorialDefaults()),
            7);
    Experiment.Setting setting = new Experiment.Setting(ServiceHost.LOCAL, blackHole, CallerHost.LOCAL, Duration.ZERO, () -> {});

    assertThatThrownBy(() -> VirtualExperiment.run(plan, setting))
        .isInstanceOf(RunStalled.class)
        .hasMessageStartingWith("EventDriven: the run stalled: 30 of 30 requests have no outcome, and no attempt or request has ended for 10.")
        .hasMessageContaining("\n  request 0: held by no part (1 asked, 0 answered): its outcome was lost on the way")
        .hasMessageContaining("\n  request 19: held by no part")
        .hasMessageContaining("its outcome was lost on the way")
        .hasMessageContaining("(the first 20 shown)");
  }
}
