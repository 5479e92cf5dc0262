package cascade.service;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.model.FailureModel;
import cascade.runtime.Clock;
import cascade.service.DownstreamService.InstanceChange;
import cascade.service.DownstreamService.InstanceEvent;
import cascade.service.FaultSchedule.Entry;
import cascade.service.FaultSchedule.Kind;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A service instance follows its fault schedule on time: each change takes effect at {@code at}
 * and is undone at {@code at + for}. Time is manual, and the instance starts exactly at the
 * run's start: an attempt sent 1 ms before a change is served the old way, one sent at the
 * change the new way.
 */
class ScheduledFaultsTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private static final Duration BUDGET = Duration.ofSeconds(1);
  /** 10 ms per attempt, never fails by itself, never overloaded at these loads. */
  private static final FailureModel STEADY = new FailureModel(1000, Duration.ofMillis(10), Duration.ZERO, 0, Duration.ZERO, 0, 0);
  /**
   * 1 ms per attempt and room for exactly one (capacity / 10 = 1): alone it is served, but with
   * less capacity its load factor passes 1 and it fails for certain.
   */
  private static final FailureModel ONE_AT_A_TIME = new FailureModel(10, Duration.ofMillis(1), Duration.ZERO, 0, Duration.ZERO, 1.0, 1.0);

  private final TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();
  private final TestProbe<InstanceEvent> events = akka.kit().createTestProbe();

  /** From 100 ms to 300 ms after the start of the run. */
  private static FaultSchedule from100To300(Kind kind, double value) {
    return new FaultSchedule(List.of(new Entry(kind.key, "service", kind, Duration.ofMillis(100), Duration.ofMillis(200), value, 1)));
  }

  private ActorRef<DownstreamService.Command> instance(FailureModel model, FaultSchedule schedule) {
    long start = Clock.nanos();
    DownstreamService.Instance where = new DownstreamService.Instance("service", 0, start, events.getRef(), () -> start);
    ActorRef<DownstreamService.Command> service =
        akka.kit().spawn(
            DownstreamService.create(ServicePlan.of(model).withSchedule(schedule), where, new SplittableRandom(1), null));
    assertThat(events.receiveMessage().change()).isEqualTo(InstanceChange.STARTED);
    return service;
  }

  /**
   * Sends an attempt and returns once the instance has taken it, so that the timer it sets counts
   * from now: time moved on before the instance got to it would put its answer late, and a busy
   * machine would decide the test.
   */
  private void handle(ActorRef<DownstreamService.Command> service, long id) {
    send(service, id);
    awaitProcessed(service);
  }

  /** Sends an attempt to an instance that holds it (a hang), without waiting for it. */
  private void send(ActorRef<DownstreamService.Command> service, long id) {
    service.tell(new DownstreamService.Handle(new AttemptId(id, 1), caller.getRef(), BUDGET));
  }

  /** Returns once the instance has dealt with everything sent to it before (it answers in order). */
  private static void awaitProcessed(ActorRef<DownstreamService.Command> service) {
    TestProbe<DownstreamService.InFlight> probe = akka.kit().createTestProbe();
    service.tell(new DownstreamService.GetInFlight(probe.getRef()));
    probe.receiveMessage();
  }

  private void passes(long millis) {
    akka.manualTime().timePasses(Duration.ofMillis(millis));
  }

  private static DownstreamService.Succeeded ok(long id) {
    return new DownstreamService.Succeeded(new AttemptId(id, 1));
  }

  private static DownstreamService.Failed failed(long id) {
    return new DownstreamService.Failed(new AttemptId(id, 1));
  }

  @Test
  void latencyIsMultipliedExactlyWhileTheFaultLasts() {
    ActorRef<DownstreamService.Command> service = instance(STEADY, from100To300(Kind.LATENCY, 3.0));
    passes(99);
    handle(service, 1); // before: 10 ms, answered at 109
    passes(1);
    handle(service, 2); // at 100: 30 ms, answered at 130
    passes(9);
    caller.expectMessage(ok(1));
    passes(20);
    caller.expectNoMessage(Duration.ofMillis(20));
    passes(1);
    caller.expectMessage(ok(2));

    passes(169);
    handle(service, 3); // at 299, still slow: answered at 329
    passes(1);
    handle(service, 4); // at 300, back to normal: answered at 310
    passes(10);
    caller.expectMessage(ok(4));
    passes(19);
    caller.expectMessage(ok(3));
    akka.kit().stop(service);
  }

  @Test
  void theErrorRateRisesExactlyWhileTheFaultLasts() {
    ActorRef<DownstreamService.Command> service = instance(ONE_AT_A_TIME, from100To300(Kind.ERROR_RATE, 1.0));
    assertOldNewOldNew(service, ok(1), failed(2), failed(3), ok(4));
    akka.kit().stop(service);
  }

  @Test
  void capacityDropsExactlyWhileTheFaultLasts() {
    ActorRef<DownstreamService.Command> service = instance(ONE_AT_A_TIME, from100To300(Kind.CAPACITY_DROP, 0.5));
    assertOldNewOldNew(service, ok(1), failed(2), failed(3), ok(4));
    akka.kit().stop(service);
  }

  /** Attempts at 99, 100, 299 and 300 ms, one at a time (each takes 1 ms), answered as given. */
  private void assertOldNewOldNew(
      ActorRef<DownstreamService.Command> service,
      DownstreamService.Reply at99,
      DownstreamService.Reply at100,
      DownstreamService.Reply at299,
      DownstreamService.Reply at300) {
    passes(99);
    handle(service, 1);
    passes(1);
    caller.expectMessage(at99);
    handle(service, 2);
    passes(1);
    caller.expectMessage(at100);
    passes(198);
    handle(service, 3);
    passes(1);
    caller.expectMessage(at299);
    handle(service, 4);
    passes(1);
    caller.expectMessage(at300);
  }

  @Test
  void aStallDuringAHangExtendsItUntilTheLastOneEnds() {
    FaultSchedule schedule =
        new FaultSchedule(
            List.of(
                new Entry("hang", "service", Kind.HANG, Duration.ofMillis(100), Duration.ofMillis(100), 0, 1),
                new Entry("gc", "service", Kind.STALL, Duration.ofMillis(150), Duration.ofMillis(100), 0, 1)));
    ActorRef<DownstreamService.Command> service = instance(STEADY, schedule);
    passes(120);
    send(service, 1); // held: the instance hangs from 100 ms
    passes(120); // 240: the hang ended at 200, but the stall lasts until 250
    caller.expectNoMessage(Duration.ofMillis(20));
    passes(10); // 250: awake, takes it now
    awaitProcessed(service);
    passes(10);
    caller.expectMessage(ok(1));
    akka.kit().stop(service);
  }

  @Test
  void aScheduledCrashHitsOnTime() {
    FaultSchedule schedule =
        new FaultSchedule(List.of(new Entry("crash", "service", Kind.CRASH, Duration.ofMillis(100), Duration.ZERO, 0, 1)));
    ActorRef<DownstreamService.Command> service = instance(STEADY, schedule);
    passes(99);
    events.expectNoMessage(Duration.ofMillis(20));
    passes(1);
    assertThat(events.receiveMessage().change()).isEqualTo(InstanceChange.CRASHED);
    akka.kit().stop(service);
  }
}
