package cascade.service;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import cascade.model.FailureModel;
import cascade.runtime.Clock;
import cascade.service.DownstreamService.InstanceChange;
import cascade.service.DownstreamService.InstanceEvent;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each supervision strategy does to a crashing instance, observed from the outside. */
class SupervisionTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private static final Duration BUDGET = Duration.ofSeconds(1);
  /** 10 ms per attempt, never fails by itself, never overloaded at these loads. */
  private static final FailureModel MODEL = new FailureModel(1000, Duration.ofMillis(10), Duration.ZERO, 0, Duration.ZERO, 0, 0);

  private final TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();
  private final TestProbe<InstanceEvent> events = akka.kit().createTestProbe();

  /** Crashes on every second request it takes. */
  private static Faults crashEverySecondRequest() {
    return new Faults(0, 2, Duration.ZERO, 1.0, Duration.ZERO, null);
  }

  private static Supervision strategy(Supervision.Strategy strategy) {
    return new Supervision(strategy, 3, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(400), 0.0);
  }

  private ActorRef<DownstreamService.Command> instance(Supervision supervision, Faults faults) {
    DownstreamService.Instance where = new DownstreamService.Instance("service", Clock.nanos(), events.getRef());
    ActorRef<DownstreamService.Command> service =
        akka.kit().spawn(
            DownstreamService.create(ServicePlan.of(MODEL).withFaults(faults).withSupervision(supervision), where, new SplittableRandom(1), null));
    assertThat(events.receiveMessage().change()).isEqualTo(InstanceChange.STARTED);
    return service;
  }

  private void handle(ActorRef<DownstreamService.Command> service, long id) {
    service.tell(new DownstreamService.Handle(new AttemptId(id, 1), caller.getRef(), BUDGET));
  }

  @Test
  void aResumedInstanceKeepsItsStateAndOnlyTheCrashingRequestIsLost() {
    ActorRef<DownstreamService.Command> service = instance(strategy(Supervision.Strategy.RESUME), crashEverySecondRequest());
    handle(service, 1); // taken, in flight
    handle(service, 2); // crashes the instance

    caller.expectMessage(new DownstreamService.Lost(new AttemptId(2, 1), DownstreamService.INSTANCE_CRASHED));
    assertThat(events.receiveMessage().change()).isEqualTo(InstanceChange.CRASHED);
    akka.manualTime().timePasses(Duration.ofMillis(10));
    // Still the same instance: the attempt it was serving is answered as usual.
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(1, 1)));
    events.expectNoMessage(Duration.ofMillis(20));
    akka.kit().stop(service);
  }

  @Test
  void aRestartedInstanceLosesWhatItWasServingAndStartsAfresh() {
    ActorRef<DownstreamService.Command> service = instance(strategy(Supervision.Strategy.RESTART), crashEverySecondRequest());
    handle(service, 1);
    handle(service, 2);

    caller.expectMessage(new DownstreamService.Lost(new AttemptId(2, 1), DownstreamService.INSTANCE_CRASHED));
    caller.expectMessage(new DownstreamService.Lost(new AttemptId(1, 1), DownstreamService.INSTANCE_CRASHED));
    assertThat(events.receiveSeveralMessages(3))
        .extracting(InstanceEvent::change)
        .containsExactly(InstanceChange.CRASHED, InstanceChange.RESTARTING, InstanceChange.STARTED);
    // The new incarnation serves normally.
    handle(service, 3);
    awaitProcessed(service);
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(3, 1)));
    akka.kit().stop(service);
  }

  @Test
  void restartBackoffDelaysGrowAndAreCapped() {
    Faults crashOnEveryRequest = new Faults(0, 1, Duration.ZERO, 1.0, Duration.ZERO, null);
    ActorRef<DownstreamService.Command> service =
        instance(strategy(Supervision.Strategy.RESTART_WITH_BACKOFF), crashOnEveryRequest);

    long[] expectedMillis = {100, 200, 400, 400};
    for (int crash = 0; crash < expectedMillis.length; crash++) {
      handle(service, 10 + crash);
      caller.expectMessageClass(DownstreamService.Lost.class);
      assertThat(events.receiveMessage().change()).isEqualTo(InstanceChange.CRASHED);
      // Not restarted one tick before the backoff, restarted at it.
      akka.manualTime().timePasses(Duration.ofMillis(expectedMillis[crash] - 1));
      assertNotStartedYet();
      akka.manualTime().timePasses(Duration.ofMillis(1));
      assertThat(events.receiveMessage().change()).isEqualTo(InstanceChange.STARTED);
    }
    akka.kit().stop(service);
  }

  @Test
  void aStoppedInstanceAnswersItsInFlightAttemptsAsLost() {
    ActorRef<DownstreamService.Command> service = instance(strategy(Supervision.Strategy.STOP), crashEverySecondRequest());
    handle(service, 1);
    handle(service, 2);

    caller.expectMessage(new DownstreamService.Lost(new AttemptId(2, 1), DownstreamService.INSTANCE_CRASHED));
    caller.expectMessage(new DownstreamService.Lost(new AttemptId(1, 1), DownstreamService.INSTANCE_CRASHED));
    assertThat(events.receiveSeveralMessages(2))
        .extracting(InstanceEvent::change)
        .containsExactly(InstanceChange.CRASHED, InstanceChange.STOPPED);
    akka.kit().createTestProbe().expectTerminated(service, Duration.ofSeconds(1));
  }

  @Test
  void aHangingInstanceHoldsEverythingUntilItWakesUp() {
    // service.faults { hang-at = [50ms], hang-for = 200ms }, as the scenario reader turns it into the service's own schedule.
    FaultSchedule hangAt50ms = FaultSchedule.ownFaults("service", 1, List.of(), List.of(Duration.ofMillis(50)), Duration.ofMillis(200));
    long start = Clock.nanos();
    // A fixed clock places the instance at the run's start, so the hang is armed for exactly 50 ms
    // of manual time however long the machine took to start it.
    DownstreamService.Instance where = new DownstreamService.Instance("service", 0, start, events.getRef(), () -> start);
    ActorRef<DownstreamService.Command> service =
        akka.kit().spawn(
            DownstreamService.create(
                ServicePlan.of(MODEL).withOwnSchedule(hangAt50ms).withSupervision(strategy(Supervision.Strategy.RESTART)), where, new SplittableRandom(1), null));
    events.receiveMessage();
    awaitProcessed(service);
    akka.manualTime().timePasses(Duration.ofMillis(50));
    handle(service, 1);
    akka.manualTime().timePasses(Duration.ofMillis(100));
    caller.expectNoMessage(Duration.ofMillis(20)); // still hanging: not even taken yet
    akka.manualTime().timePasses(Duration.ofMillis(100)); // wakes up at 250 ms, takes it now
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(1, 1)));
    akka.kit().stop(service);
  }

  @Test
  void aColdInstanceIsSlowerUntilWarm() {
    Faults cold = new Faults(0, 0, Duration.ofSeconds(10), 3.0, Duration.ZERO, null);
    assertThat(cold.latencyFactor(0)).isEqualTo(3.0);
    assertThat(cold.latencyFactor(Duration.ofSeconds(5).toNanos())).isEqualTo(2.0);
    assertThat(cold.latencyFactor(Duration.ofSeconds(10).toNanos())).isEqualTo(1.0);
    assertThat(Faults.NONE.latencyFactor(0)).isEqualTo(1.0);
  }

  private static void awaitProcessed(ActorRef<DownstreamService.Command> service) {
    TestProbe<DownstreamService.InFlight> probe = akka.kit().createTestProbe();
    service.tell(new DownstreamService.GetInFlight(probe.getRef()));
    probe.receiveMessage();
  }

  /** Whatever the instance reports while it waits for its restart, it is not a start. */
  private void assertNotStartedYet() {
    while (true) {
      InstanceEvent event;
      try {
        event = events.receiveMessage(Duration.ofMillis(50));
      } catch (AssertionError quiet) {
        return;
      }
      assertThat(event.change()).as("started before its backoff passed").isNotEqualTo(InstanceChange.STARTED);
    }
  }

  @Test
  void underEscalationOneInstancesCrashRestartsTheWholeGroup() {
    ServicePlan plan =
        ServicePlan.of(MODEL).withFaults(crashEverySecondRequest()).withSupervision(strategy(Supervision.Strategy.ESCALATE)).withReplicas(2);
    IntFunction<Behavior<DownstreamService.Command>> instance =
        i ->
            DownstreamService.create(
                plan, new DownstreamService.Instance("instance-" + i, Clock.nanos(), events.getRef()), new SplittableRandom(i), null);
    ActorRef<DownstreamService.Command> group = akka.kit().spawn(ServiceGroup.create(plan, instance, new SplittableRandom(1)));
    assertThat(events.receiveSeveralMessages(2)).extracting(InstanceEvent::change).containsOnly(InstanceChange.STARTED);

    // Round robin: instance 0 takes 1 and 3; the second request it takes crashes it.
    handle(group, 1);
    handle(group, 2);
    handle(group, 3);

    caller.expectMessage(new DownstreamService.Lost(new AttemptId(3, 1), DownstreamService.INSTANCE_CRASHED));
    List<InstanceEvent> after = new ArrayList<>();
    while (after.stream().filter(e -> e.change() == InstanceChange.STARTED).count() < 2) {
      after.add(events.receiveMessage());
    }
    // Both instances started again, not only the one that crashed.
    assertThat(after).filteredOn(e -> e.change() == InstanceChange.STARTED)
        .extracting(InstanceEvent::instance)
        .containsExactlyInAnyOrder("instance-0", "instance-1");
    akka.kit().stop(group);
  }
}
