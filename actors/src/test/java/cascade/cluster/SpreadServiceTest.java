package cascade.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import cascade.experiment.CallerHost;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.ServiceHost;
import cascade.experiment.EventPathHost;
import cascade.load.ArrivalSchedule;
import cascade.metrics.ArchitectureResult;
import cascade.model.FailureModel;
import cascade.rpc.CallerSettings;
import cascade.service.DownstreamService;
import cascade.service.AttemptId;
import cascade.service.ServicePlan;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three cluster nodes in one JVM: the experiment on the first, a service spread over the other
 * two (both have the role "back"), found through the Receptionist and reached through a group
 * router.
 */
class SpreadServiceTest {

  private static ActorTestKit front;
  private static final List<ActorTestKit> backs = new ArrayList<>();

  @BeforeAll
  static void formCluster() {
    front = ActorTestKit.create("cascade", node("front"));
    Cluster.get(front.system()).manager().tell(Join.create(Cluster.get(front.system()).selfMember().address()));
    for (int i = 0; i < 2; i++) {
      ActorTestKit back = ActorTestKit.create("cascade", node("back"));
      back.spawn(NodeAgent.create("back-" + i), "node-agent");
      Cluster.get(back.system()).manager().tell(Join.create(Cluster.get(front.system()).selfMember().address()));
      backs.add(back);
    }
    front.createTestProbe().awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          assertThat(Cluster.get(front.system()).state().getMembers()).hasSize(3).allMatch(m -> m.status() == MemberStatus.up());
          return null;
        });
  }

  private static Config node(String role) {
    return ConfigFactory.load("cluster").withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(List.of(role)));
  }

  @AfterAll
  static void leave() {
    backs.forEach(ActorTestKit::shutdownTestKit);
    front.shutdownTestKit();
  }

  @Test
  void replicasAreSharedOutAsEvenlyAsTheyGo() {
    assertThat(ServiceDirectory.shares(5, 2)).containsExactly(3, 2);
    assertThat(ServiceDirectory.shares(4, 2)).containsExactly(2, 2);
    assertThat(ServiceDirectory.shares(1, 3)).containsExactly(1);
  }

  @Test
  void anAttemptsCancelTakesTheSameRouteAsItsHandle() {
    AttemptId id = new AttemptId(17, 2);
    TestProbe<DownstreamService.Reply> replies = front.createTestProbe();
    assertThat(ServiceDirectory.routingKey(new DownstreamService.Cancel(id)))
        .isEqualTo(ServiceDirectory.routingKey(new DownstreamService.Handle(id, replies.getRef(), Duration.ofMillis(100))));
  }

  @Test
  void aCallerOnOneNodeReachesReplicasOnTwoOthersAndLosesNothing() {
    List<ActorRef<NodeAgent.Command>> agents = agents();
    long sentBefore0 = CrossNodeTraffic.of(backs.get(0).system()).totals().messagesSent();
    long sentBefore1 = CrossNodeTraffic.of(backs.get(1).system()).totals().messagesSent();

    FailureModel roomy = new FailureModel(2000, Duration.ofMillis(8), Duration.ofMillis(6), 0.05, Duration.ofMillis(50), 0.4, 0.95);
    ServicePlan fourReplicas = ServicePlan.of(roomy).withReplicas(4);
    ExperimentPlan plan =
        new ExperimentPlan(
            "RPC", new ExperimentPlan.Rpc(CallerSettings.tutorialDefaults()), ArrivalSchedule.bursts(400, 100, Duration.ofMillis(20)), fourReplicas, 7);
    TestProbe<ArchitectureResult> result = front.createTestProbe();
    Experiment.Setting setting = new Experiment.Setting(new SpreadServiceHost(agents, "back"), EventPathHost.LOCAL, CallerHost.LOCAL, Duration.ZERO, () -> {});
    front.spawn(Experiment.create(plan, result.getRef(), setting));

    ArchitectureResult run = result.receiveMessage(Duration.ofSeconds(30));
    assertThat(run.outcomes().lost()).isZero();
    assertThat(run.outcomes().counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
    assertThat(run.attempts().ok()).isGreaterThan(350);
    // Both nodes answered attempts: the router spread them over both shares.
    assertThat(CrossNodeTraffic.of(backs.get(0).system()).totals().messagesSent() - sentBefore0).isGreaterThan(50);
    assertThat(CrossNodeTraffic.of(backs.get(1).system()).totals().messagesSent() - sentBefore1).isGreaterThan(50);
  }

  private static List<ActorRef<NodeAgent.Command>> agents() {
    TestProbe<Receptionist.Listing> listings = front.createTestProbe();
    return listings.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          front.system().receptionist().tell(Receptionist.find(NodeAgent.KEY, listings.getRef()));
          var found = listings.receiveMessage().getServiceInstances(NodeAgent.KEY);
          assertThat(found).hasSize(2);
          return List.copyOf(found);
        });
  }
}
