package cascade.service;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import cascade.model.FailureModel;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Instances are stand-ins that pass what they receive to probes, so routing can be watched. */
class ServiceGroupTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private static final Duration BUDGET = Duration.ofSeconds(1);

  private final List<TestProbe<DownstreamService.Command>> instances = new ArrayList<>();
  private final TestProbe<DownstreamService.Reply> caller = akka.kit().createTestProbe();

  private ActorRef<DownstreamService.Command> group(int replicas, Routing routing) {
    for (int i = 0; i < replicas; i++) {
      instances.add(akka.kit().createTestProbe());
    }
    ServicePlan plan = ServicePlan.of(FailureModel.tutorialDefaults()).withReplicas(replicas).withRouting(routing);
    return akka.kit().spawn(ServiceGroup.create(plan, this::standIn, new SplittableRandom(1)));
  }

  private Behavior<DownstreamService.Command> standIn(int i) {
    return Behaviors.receive(DownstreamService.Command.class)
        .onAnyMessage(message -> {
          instances.get(i).getRef().tell(message);
          return Behaviors.same();
        })
        .build();
  }

  private static DownstreamService.Handle handle(long id, ActorRef<DownstreamService.Reply> caller) {
    return new DownstreamService.Handle(new AttemptId(id, 1), caller, BUDGET);
  }

  @Test
  void roundRobinGivesEachInstanceItsTurn() {
    ActorRef<DownstreamService.Command> group = group(3, Routing.ROUND_ROBIN);
    for (long id = 0; id < 6; id++) {
      group.tell(handle(id, caller.getRef()));
    }
    for (int i = 0; i < 3; i++) {
      List<DownstreamService.Command> got = instances.get(i).receiveSeveralMessages(2);
      assertThat(got).extracting(m -> ((DownstreamService.Handle) m).attemptId().requestId()).containsExactly((long) i, (long) i + 3);
    }
    akka.kit().stop(group);
  }

  @Test
  void leastLoadedSendsToTheInstanceWithFewestOutstandingAttempts() {
    ActorRef<DownstreamService.Command> group = group(3, Routing.LEAST_LOADED);
    for (long id = 0; id < 3; id++) {
      group.tell(handle(id, caller.getRef()));
    }
    DownstreamService.Handle atSecond = (DownstreamService.Handle) instances.get(1).receiveMessage();
    instances.get(0).receiveMessage();
    instances.get(2).receiveMessage();
    // The second instance answers: it is now the least loaded, and gets the next attempt.
    atSecond.replyTo().tell(new DownstreamService.Succeeded(atSecond.attemptId()));
    caller.expectMessage(new DownstreamService.Succeeded(atSecond.attemptId()));
    group.tell(handle(3, caller.getRef()));
    assertThat(((DownstreamService.Handle) instances.get(1).receiveMessage()).attemptId().requestId()).isEqualTo(3);
    akka.kit().stop(group);
  }

  @Test
  void answersReachTheCallerAndCancellationsReachTheInstanceThatHasTheAttempt() {
    ActorRef<DownstreamService.Command> group = group(2, Routing.ROUND_ROBIN);
    group.tell(handle(10, caller.getRef()));
    group.tell(handle(11, caller.getRef()));
    instances.get(0).receiveMessage();
    DownstreamService.Handle second = (DownstreamService.Handle) instances.get(1).receiveMessage();

    group.tell(new DownstreamService.Cancel(second.attemptId()));
    instances.get(1).expectMessage(new DownstreamService.Cancel(second.attemptId()));
    instances.get(0).expectNoMessage(Duration.ofMillis(50));
    // A late answer to the cancelled attempt goes nowhere.
    second.replyTo().tell(new DownstreamService.Failed(second.attemptId()));
    caller.expectNoMessage(Duration.ofMillis(50));
    akka.kit().stop(group);
  }
}
