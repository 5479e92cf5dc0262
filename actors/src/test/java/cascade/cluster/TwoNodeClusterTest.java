package cascade.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import cascade.bus.ConsumerSettings;
import cascade.experiment.CallerHost;
import cascade.experiment.Experiment;
import cascade.experiment.EventPathHost;
import cascade.experiment.ExperimentPlan;
import cascade.load.ArrivalSchedule;
import cascade.metrics.ArchitectureResult;
import cascade.model.FailureModel;
import cascade.rpc.CallerSettings;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import cascade.service.ServicePlan;
import cascade.runtime.Clock;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two cluster nodes in one JVM, on 127.0.0.1 with free ports: they form a cluster, a service on
 * one is found through the Receptionist from the other, and a call crosses the wire (so its
 * messages really go through the Jackson serializer).
 */
class TwoNodeClusterTest {

  private static final ServiceKey<DownstreamService.Command> SERVICE =
      ServiceKey.create(DownstreamService.Command.class, "downstream-service");

  private static ActorTestKit first;
  private static ActorTestKit second;

  @BeforeAll
  static void formCluster() {
    Config config = ConfigFactory.load("cluster");
    first = ActorTestKit.create("cascade", config);
    second = ActorTestKit.create("cascade", config);
    second.spawn(NodeAgent.create("back"), "node-agent");
    Cluster.get(first.system()).manager().tell(Join.create(Cluster.get(first.system()).selfMember().address()));
    Cluster.get(second.system()).manager().tell(Join.create(Cluster.get(first.system()).selfMember().address()));
    TestProbe<Object> probe = first.createTestProbe();
    probe.awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          assertThat(Cluster.get(first.system()).state().getMembers())
              .hasSize(2)
              .allMatch(member -> member.status() == MemberStatus.up());
          return null;
        });
  }

  @AfterAll
  static void leave() {
    second.shutdownTestKit();
    first.shutdownTestKit();
  }

  @Test
  void bothNodesListenOnLoopbackOnly() {
    assertThat(Cluster.get(first.system()).selfMember().address().getHost()).contains("127.0.0.1");
    assertThat(Cluster.get(second.system()).selfMember().address().getHost()).contains("127.0.0.1");
  }

  @Test
  void aCallFromOneNodeReachesAServiceOnTheOtherAndIsAnswered() {
    FailureModel neverFails = new FailureModel(250, Duration.ofMillis(8), Duration.ofMillis(6), 0, Duration.ofMillis(50), 0, 0);
    ActorRef<DownstreamService.Command> service =
        second.spawn(
            DownstreamService.create(
                ServicePlan.of(neverFails), new DownstreamService.Instance("service", Clock.nanos(), null), new SplittableRandom(7), null),
            "service");
    second.system().receptionist().tell(Receptionist.register(SERVICE, service));

    TestProbe<Receptionist.Listing> listings = first.createTestProbe();
    ActorRef<DownstreamService.Command> remote =
        listings.awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              first.system().receptionist().tell(Receptionist.find(SERVICE, listings.getRef()));
              var found = listings.receiveMessage().getServiceInstances(SERVICE);
              assertThat(found).hasSize(1);
              return found.iterator().next();
            });
    assertThat(remote.path().address().hasLocalScope()).isFalse();

    TestProbe<DownstreamService.Reply> caller = first.createTestProbe();
    AttemptId id = new AttemptId(1, 1);
    remote.tell(new DownstreamService.Handle(id, caller.getRef(), Duration.ofSeconds(1)));
    caller.expectMessage(Duration.ofSeconds(5), new DownstreamService.Succeeded(id));
  }

  @Test
  void anExperimentOnOneNodeRunsWithItsServiceAndEventPathOnTheOtherAndLosesNothing() {
    ActorRef<NodeAgent.Command> agent = agent();
    CrossNodeTraffic.Totals backBefore = traffic(agent).totals();
    CrossNodeTraffic.Totals frontBefore = CrossNodeTraffic.of(first.system()).totals();

    TestProbe<ArchitectureResult> result = first.createTestProbe();
    ExperimentPlan plan =
        new ExperimentPlan(
            new ExperimentPlan.EventDriven(5000, 16, ConsumerSettings.tutorialDefaults(), 100),
            ArrivalSchedule.bursts(300, 100, Duration.ofMillis(20)),
            FailureModel.tutorialDefaults(),
            7);
    // The service and the event path (bus, consumers, DLQ) on the other node; load and metrics here.
    Experiment.Setting setting =
        new Experiment.Setting(new RemoteServiceHost(agent), new RemoteEventPathHost(agent), CallerHost.LOCAL, Duration.ZERO, () -> {});
    first.spawn(Experiment.create(plan, result.getRef(), setting));

    ArchitectureResult run = result.receiveMessage(Duration.ofSeconds(30));
    assertThat(run.outcomes().lost()).isZero();
    assertThat(run.outcomes().requests()).isEqualTo(300);
    assertThat(run.outcomes().counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300);
    assertThat(run.attempts().total()).isGreaterThanOrEqualTo(300);

    // Events crossed from here to the bus and outcomes came back, and the traffic counters of both
    // nodes saw it. How many messages that takes depends on how the relay and the publisher batch
    // (a shipment carries every outcome ended since the last one, more of them on a busy machine),
    // so only the direction is asserted: something crossed each way.
    NodeAgent.NodeTraffic back = traffic(agent);
    assertThat(back.node()).isEqualTo("back");
    long backSent = back.totals().messagesSent() - backBefore.messagesSent();
    assertThat(backSent).isPositive();
    // The attempts (at least one per request) are counted on that node and cross in shipments
    // with the outcomes, not a message each.
    assertThat(backSent).isLessThan(300 + 300);
    assertThat(run.latency().latP50Ms()).isNotNull();
    assertThat(back.totals().bytesSent() - backBefore.bytesSent()).isGreaterThan(backSent);
    assertThat(back.totals().messagesReceived() - backBefore.messagesReceived()).isPositive();
    assertThat(CrossNodeTraffic.of(first.system()).totals().messagesSent() - frontBefore.messagesSent()).isPositive();
  }

  private static NodeAgent.NodeTraffic traffic(ActorRef<NodeAgent.Command> agent) {
    TestProbe<NodeAgent.NodeTraffic> traffic = first.createTestProbe();
    agent.tell(new NodeAgent.GetTraffic(traffic.getRef()));
    return traffic.receiveMessage(Duration.ofSeconds(5));
  }

  @Test
  void aCallerPlacedOnTheOtherNodeTakesTheLoadFromThisOneAndItsCountsComeBack() {
    ActorRef<NodeAgent.Command> agent = agent();
    TestProbe<ArchitectureResult> result = first.createTestProbe();
    ExperimentPlan plan =
        new ExperimentPlan(
            new ExperimentPlan.Rpc(CallerSettings.tutorialDefaults()), ArrivalSchedule.bursts(300, 100, Duration.ofMillis(40)), FailureModel.tutorialDefaults(), 7);
    // Load and metrics here; the caller and the service on the other node.
    Experiment.Setting setting =
        new Experiment.Setting(new RemoteServiceHost(agent), EventPathHost.LOCAL, new RemoteCallerHost(agent), Duration.ZERO, () -> {});
    first.spawn(Experiment.create(plan, result.getRef(), setting));

    ArchitectureResult run = result.receiveMessage(Duration.ofSeconds(30));
    assertThat(run.outcomes().lost()).isZero();
    assertThat(run.outcomes().counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300);
    // Attempts and latencies were counted over there and shipped here.
    assertThat(run.attempts().total()).isGreaterThanOrEqualTo(run.attempts().ok());
    assertThat(run.attempts().ok()).isPositive();
    assertThat(run.latency().latP50Ms()).isNotNull();
  }

  private static ActorRef<NodeAgent.Command> agent() {
    TestProbe<Receptionist.Listing> listings = first.createTestProbe();
    return listings.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          first.system().receptionist().tell(Receptionist.find(NodeAgent.KEY, listings.getRef()));
          var found = listings.receiveMessage().getServiceInstances(NodeAgent.KEY);
          assertThat(found).hasSize(1);
          return found.iterator().next();
        });
  }
}
