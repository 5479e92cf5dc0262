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
import cascade.experiment.EventPathHost;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.load.ConstantRate;
import cascade.metrics.ArchitectureResult;
import cascade.model.FailureModel;
import cascade.rpc.CallerSettings;
import cascade.service.ServicePlan;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's node goes away mid-run and another node with the service's role joins: the
 * directory starts the lost share of the service there, and the callers' router finds it.
 */
class ServiceComesBackTest {

  private ActorTestKit front;
  private ActorTestKit second;

  private static Config node(String role) {
    return ConfigFactory.load("cluster").withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(List.of(role)));
  }

  private ActorTestKit joined(String role) {
    ActorTestKit kit = ActorTestKit.create("cascade", node(role));
    Cluster.get(kit.system()).manager().tell(Join.create(Cluster.get(front.system()).selfMember().address()));
    return kit;
  }

  @AfterEach
  void stop() {
    if (second != null) {
      second.shutdownTestKit();
    }
    front.shutdownTestKit();
  }

  @Test
  void aNodeWithTheRoleThatJoinsLaterTakesOverTheShareOfOneThatLeft() {
    front = ActorTestKit.create("cascade", node("front"));
    Cluster.get(front.system()).manager().tell(Join.create(Cluster.get(front.system()).selfMember().address()));
    ActorTestKit first = joined("back");
    first.spawn(NodeAgent.create("back"), "node-agent");
    awaitMembers(2);
    ActorRef<NodeAgent.Command> agent = agents(1).get(0);

    // Six seconds of a light, steady load; the callers time out quickly, so the gap costs little.
    CallerSettings caller =
        new CallerSettings(Duration.ofMillis(200), null, CallerSettings.tutorialDefaults().retry(), null, true, List.of(), null);
    ExperimentPlan plan =
        new ExperimentPlan(
            "RPC", new ExperimentPlan.Rpc(caller), new ConstantRate(600, 100), ServicePlan.of(new FailureModel(2000, Duration.ofMillis(2), Duration.ofMillis(1), 0, Duration.ofMillis(50), 0, 0)), 7);
    TestProbe<ArchitectureResult> result = front.createTestProbe();
    Experiment.Setting setting =
        new Experiment.Setting(new SpreadServiceHost(List.of(agent), "back"), EventPathHost.LOCAL, CallerHost.LOCAL, Duration.ZERO, () -> {});
    front.spawn(Experiment.create(plan, result.getRef(), setting));

    // The service's node leaves a second in; another node with its role joins.
    front.createTestProbe().expectNoMessage(Duration.ofSeconds(1));
    first.shutdownTestKit();
    second = joined("back");
    second.spawn(NodeAgent.create("back-again"), "node-agent");

    ArchitectureResult run = result.receiveMessage(Duration.ofSeconds(30));
    assertThat(run.outcomes().lost()).isZero();
    // The new node answered attempts: the share was started there and the router found it.
    assertThat(CrossNodeTraffic.of(second.system()).totals().messagesSent()).isGreaterThan(50);
    assertThat(run.attempts().ok()).isGreaterThan(run.outcomes().requests() / 3);
  }

  private void awaitMembers(int count) {
    front.createTestProbe().awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          assertThat(Cluster.get(front.system()).state().getMembers()).hasSize(count).allMatch(m -> m.status() == MemberStatus.up());
          return null;
        });
  }

  private List<ActorRef<NodeAgent.Command>> agents(int count) {
    TestProbe<Receptionist.Listing> listings = front.createTestProbe();
    return listings.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          front.system().receptionist().tell(Receptionist.find(NodeAgent.KEY, listings.getRef()));
          var found = listings.receiveMessage().getServiceInstances(NodeAgent.KEY);
          assertThat(found).hasSize(count);
          return List.copyOf(found);
        });
  }
}
