package cascade.service;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import cascade.model.FailureModel;
import cascade.runtime.Clock;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DownstreamServiceTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private static final Duration BUDGET = Duration.ofSeconds(1);

  /** 10 ms per attempt, no jitter; overloaded above one attempt in flight (capacity 10 rps). */
  private static FailureModel model(double failureProbability) {
    return new FailureModel(10, Duration.ofMillis(10), Duration.ZERO, failureProbability, Duration.ofMillis(50), 0, failureProbability);
  }

  /** One instance outside any run (its run starts now), admitting what {@code shedding} lets in. */
  private static Behavior<DownstreamService.Command> alone(FailureModel model, LoadShedding shedding) {
    DownstreamService.Instance where = new DownstreamService.Instance("service", Clock.nanos(), null);
    return DownstreamService.create(ServicePlan.of(model).withShedding(shedding), where, new SplittableRandom(1), null);
  }

  @Test
  void answersOnlyWhenTheServiceTimeHasPassed() {
    ActorRef<DownstreamService.Command> service = akka.kit().spawn(alone(model(0), LoadShedding.NONE));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();
    AttemptId id = new AttemptId(1, 1);

    service.tell(new DownstreamService.Handle(id, caller.getRef(), BUDGET));
    awaitProcessed(service);
    akka.manualTime().expectNoMessageFor(Duration.ofMillis(9), caller);
    akka.manualTime().timePasses(Duration.ofMillis(1));

    caller.expectMessage(new DownstreamService.Succeeded(id));
    akka.kit().stop(service);
  }

  @Test
  void failsWhenTheModelSaysSo() {
    ActorRef<DownstreamService.Command> service = akka.kit().spawn(alone(model(1), LoadShedding.NONE));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();
    AttemptId id = new AttemptId(2, 1);

    service.tell(new DownstreamService.Handle(id, caller.getRef(), BUDGET));
    awaitProcessed(service);
    akka.manualTime().timePasses(Duration.ofMillis(10));

    caller.expectMessage(new DownstreamService.Failed(id));
    akka.kit().stop(service);
  }

  @Test
  void aSecondConcurrentAttemptSeesTheOverloadAndIsSlower() {
    ActorRef<DownstreamService.Command> service = akka.kit().spawn(alone(model(0), LoadShedding.NONE));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();

    service.tell(new DownstreamService.Handle(new AttemptId(3, 1), caller.getRef(), BUDGET));
    // Two in flight at capacity 10 rps: L = 2 / 1 = 2, so 10 ms + (2 - 1) * 50 ms.
    service.tell(new DownstreamService.Handle(new AttemptId(4, 1), caller.getRef(), BUDGET));
    awaitProcessed(service);
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(3, 1)));
    akka.manualTime().expectNoMessageFor(Duration.ofMillis(49), caller);
    akka.manualTime().timePasses(Duration.ofMillis(1));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(4, 1)));
    akka.kit().stop(service);
  }

  @Test
  void aCancelledAttemptStopsCountingAsInFlightAndIsNeverAnswered() {
    ActorRef<DownstreamService.Command> service = akka.kit().spawn(alone(model(0), LoadShedding.NONE));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();
    TestProbe<DownstreamService.InFlight> monitor = akka.kit().createTestProbe();
    AttemptId id = new AttemptId(5, 1);

    service.tell(new DownstreamService.Handle(id, caller.getRef(), BUDGET));
    service.tell(new DownstreamService.GetInFlight(monitor.getRef()));
    assertThat(monitor.receiveMessage()).isEqualTo(new DownstreamService.InFlight(1, 0));

    service.tell(new DownstreamService.Cancel(id));
    service.tell(new DownstreamService.GetInFlight(monitor.getRef()));
    assertThat(monitor.receiveMessage()).isEqualTo(new DownstreamService.InFlight(0, 0));
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectNoMessage(Duration.ofMillis(50));
    akka.kit().stop(service);
  }

  @Test
  void aConcurrencyLimitQueuesArrivalsAndServesThemInOrderAsSlotsFree() {
    LoadShedding oneAtATime = new LoadShedding(1, 5, false);
    ActorRef<DownstreamService.Command> service =
        akka.kit().spawn(alone(model(0), oneAtATime));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();

    service.tell(new DownstreamService.Handle(new AttemptId(10, 1), caller.getRef(), BUDGET));
    service.tell(new DownstreamService.Handle(new AttemptId(11, 1), caller.getRef(), BUDGET));
    awaitProcessed(service);
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(10, 1)));
    // The second started only now, unloaded (one in flight), so it takes another 10 ms.
    akka.manualTime().expectNoMessageFor(Duration.ofMillis(9), caller);
    akka.manualTime().timePasses(Duration.ofMillis(1));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(11, 1)));
    akka.kit().stop(service);
  }

  @Test
  void aFullAcceptQueueRejectsAtOnce() {
    ActorRef<DownstreamService.Command> service =
        akka.kit().spawn(alone(model(0), new LoadShedding(1, 1, false)));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();

    for (long id = 20; id < 23; id++) {
      service.tell(new DownstreamService.Handle(new AttemptId(id, 1), caller.getRef(), BUDGET));
    }

    caller.expectMessage(new DownstreamService.Rejected(new AttemptId(22, 1), Admission.SHED_QUEUE_FULL));
    akka.kit().stop(service);
  }

  @Test
  void anArrivalThatCouldNotBeServedBeforeItsCallerGivesUpIsRejectedAtOnce() {
    ActorRef<DownstreamService.Command> service =
        akka.kit().spawn(alone(model(0), new LoadShedding(1, 10, true)));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();

    service.tell(new DownstreamService.Handle(new AttemptId(30, 1), caller.getRef(), BUDGET));
    // Expected wait behind one 10 ms attempt is about 11 ms (the model's median): 5 ms is too short.
    service.tell(new DownstreamService.Handle(new AttemptId(31, 1), caller.getRef(), Duration.ofMillis(5)));
    caller.expectMessage(new DownstreamService.Rejected(new AttemptId(31, 1), Admission.SHED_DEADLINE));
    // A patient caller is queued instead.
    service.tell(new DownstreamService.Handle(new AttemptId(32, 1), caller.getRef(), BUDGET));
    caller.expectNoMessage(Duration.ofMillis(20));
    akka.kit().stop(service);
  }

  @Test
  void queuedWorkWhoseCallerHasGivenUpIsDroppedWhenItsTurnComes() {
    ActorRef<DownstreamService.Command> service =
        akka.kit().spawn(alone(model(0), new LoadShedding(1, 10, false)));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();

    service.tell(new DownstreamService.Handle(new AttemptId(40, 1), caller.getRef(), BUDGET));
    // A zero budget: its caller has given up by the time its turn comes, whatever the clock says.
    service.tell(new DownstreamService.Handle(new AttemptId(41, 1), caller.getRef(), Duration.ZERO));
    awaitProcessed(service);
    akka.manualTime().timePasses(Duration.ofMillis(10));

    // The freed slot is offered to the queue first: the stale work is dropped, then 40 is answered.
    caller.expectMessage(new DownstreamService.Rejected(new AttemptId(41, 1), Admission.SHED_EXPIRED));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(40, 1)));
    akka.kit().stop(service);
  }

  @Test
  void aFullQueueShedsTheLeastImportantWorkAndServesTheMostImportantFirst() {
    // Class 0 (checkout) has priority 1, class 1 (browse) priority 0. One slot, two queue places.
    LoadShedding byPriority = new LoadShedding(1, 2, false, List.of(1, 0));
    ActorRef<DownstreamService.Command> service =
        akka.kit().spawn(alone(model(0), byPriority));
    TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();
    int checkout = 0;
    int browse = 1;

    service.tell(new DownstreamService.Handle(new AttemptId(50, 1), caller.getRef(), BUDGET, browse)); // served
    service.tell(new DownstreamService.Handle(new AttemptId(51, 1), caller.getRef(), BUDGET, browse)); // queued
    service.tell(new DownstreamService.Handle(new AttemptId(52, 1), caller.getRef(), BUDGET, browse)); // queued
    // The queue is full: a checkout pushes out the newest browse ...
    service.tell(new DownstreamService.Handle(new AttemptId(53, 1), caller.getRef(), BUDGET, checkout));
    caller.expectMessage(new DownstreamService.Rejected(new AttemptId(52, 1), Admission.SHED_FOR_PRIORITY));
    // ... while a browse finds nothing less important to push out, and is refused.
    service.tell(new DownstreamService.Handle(new AttemptId(54, 1), caller.getRef(), BUDGET, browse));
    caller.expectMessage(new DownstreamService.Rejected(new AttemptId(54, 1), Admission.SHED_QUEUE_FULL));
    awaitProcessed(service);

    // The checkout, queued last, is served before the browse queued before it.
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(50, 1)));
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(53, 1)));
    akka.manualTime().timePasses(Duration.ofMillis(10));
    caller.expectMessage(new DownstreamService.Succeeded(new AttemptId(51, 1)));
    akka.kit().stop(service);
  }

  /** Time may only pass once the service has taken its messages, or their timers would start late. */
  private static void awaitProcessed(ActorRef<DownstreamService.Command> service) {
    TestProbe<DownstreamService.InFlight> probe = akka.kit().createTestProbe();
    service.tell(new DownstreamService.GetInFlight(probe.getRef()));
    probe.receiveMessage();
  }
}
