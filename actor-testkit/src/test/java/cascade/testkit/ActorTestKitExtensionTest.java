package cascade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class ActorTestKitExtensionTest {

  /** Stops when told to. */
  enum Stop { NOW }

  static Behavior<Stop> stopsWhenTold() {
    return Behaviors.receiveMessage(stop -> Behaviors.stopped());
  }

  /** Answers each Ping after 50 ms of its scheduler's time. */
  record Ping(ActorRef<String> replyTo) {}

  static Behavior<Ping> answersLater() {
    return Behaviors.withTimers(timers -> Behaviors.receiveMessage(ping -> {
      timers.startSingleTimer(ping, new Ping(null), Duration.ofMillis(50));
      return Behaviors.receiveMessage(tick -> {
        ping.replyTo().tell("pong");
        return Behaviors.stopped();
      });
    }));
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerTestFixture {
    @RegisterExtension final ActorTestKitExtension akka = ActorTestKitExtension.withRealTime().perTest();
    static final List<ActorSystem<?>> systems = new ArrayList<>();

    @Test
    @Order(1)
    void leavesAnActorRunning(ActorTestKit kit) {
      systems.add(kit.system());
      kit.spawn(Behaviors.empty(), "forgotten");
    }

    @Test
    @Order(2)
    void stopsItsActor(ActorTestKit kit) {
      systems.add(kit.system());
      kit.stop(kit.spawn(Behaviors.empty(), "stopped-by-the-test"));
    }

    @Test
    @Order(3)
    void letsItsActorStopItself(ActorTestKit kit) {
      systems.add(kit.system());
      // Told as the test ends: the actor may still be stopping when the check looks.
      kit.spawn(stopsWhenTold(), "stops-itself").tell(Stop.NOW);
    }
  }

  @Test
  void aKitPerTestFailsTheTestThatLeavesAnActorRunningAndOnlyThatOne() {
    PerTestFixture.systems.clear();
    TestExecutionSummary summary = Fixtures.run(PerTestFixture.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    assertThat(Fixtures.failures(summary))
        .containsExactly(
            "leavesAnActorRunning(ActorTestKit): 1 actor(s) still running when leavesAnActorRunning(ActorTestKit) of PerTestFixture ended:"
                + " /user/forgotten. Stop them (kit.stop(ref), or let them stop themselves), or register the extension with leftoverActors(WARN).");
    // Each test had an actor system of its own, shut down after it.
    assertThat(PerTestFixture.systems).hasSize(3).doesNotHaveDuplicates();
    assertThat(PerTestFixture.systems).allSatisfy(system -> assertThat(system.getWhenTerminated().toCompletableFuture()).isDone());
  }

  static class PerClassFixture {
    @RegisterExtension static final ActorTestKitExtension akka = ActorTestKitExtension.withRealTime();
    static final List<ActorSystem<?>> systems = new ArrayList<>();

    @Test
    void one(ActorTestKit kit) {
      systems.add(kit.system());
      kit.spawn(Behaviors.empty(), "kept-for-the-class");
    }

    @Test
    void two(ActorSystem<?> system) {
      systems.add(system);
    }
  }

  static class StrictPerClassFixture {
    @RegisterExtension static final ActorTestKitExtension akka =
        ActorTestKitExtension.withRealTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

    @Test
    void one(ActorTestKit kit) {
      kit.spawn(Behaviors.empty(), "kept-for-the-class");
    }
  }

  @Test
  void aKitPerClassIsSharedAndOnlyWarnsOfLeftoversUnlessAskedToFail() {
    PerClassFixture.systems.clear();
    TestExecutionSummary shared = Fixtures.run(PerClassFixture.class);
    assertThat(shared.getTestsSucceededCount()).isEqualTo(2);
    assertThat(shared.getTotalFailureCount()).isZero();
    assertThat(PerClassFixture.systems).hasSize(2);
    assertThat(PerClassFixture.systems.get(0)).isSameAs(PerClassFixture.systems.get(1));
    assertThat(PerClassFixture.systems.get(0).getWhenTerminated().toCompletableFuture()).isDone();

    TestExecutionSummary strict = Fixtures.run(StrictPerClassFixture.class);
    assertThat(strict.getTestsSucceededCount()).isEqualTo(1);
    assertThat(Fixtures.failures(strict)).singleElement().asString()
        .startsWith("ActorTestKitExtensionTest$StrictPerClassFixture: 1 actor(s) still running when StrictPerClassFixture ended: /user/kept-for-the-class.");
  }

  static class RealTimeAskedForManualTime {
    @RegisterExtension static final ActorTestKitExtension akka = ActorTestKitExtension.withRealTime();

    @Test
    void wantsManualTime(ManualTime time) {}
  }

  @Test
  void askingARealTimeKitForManualTimeSaysWhatToRegisterInstead() {
    TestExecutionSummary summary = Fixtures.run(RealTimeAskedForManualTime.class);
    assertThat(Fixtures.failures(summary)).singleElement().asString()
        .contains("ManualTime")
        .contains("this extension runs in real time; register ActorTestKitExtension.withManualTime() to move time by hand");
  }

  static class ManualTimeFixture {
    @RegisterExtension static final ActorTestKitExtension akka = ActorTestKitExtension.withManualTime();
    static final List<String> seen = new ArrayList<>();

    @Test
    void timeMovesWhenTheTestSaysSo(ActorTestKit kit, ManualTime time, Probes probes) {
      Probe<String> reply = probes.of(String.class);
      kit.spawn(answersLater()).tell(new Ping(reply.ref()));
      time.expectNoMessageFor(Duration.ofMillis(49), reply.akka());
      time.timePasses(Duration.ofMillis(1));
      seen.add(reply.receiveMessage());
      seen.add(String.valueOf(akka.kit() == kit));
    }
  }

  @Test
  void manualTimeAndProbesAreParameters() {
    ManualTimeFixture.seen.clear();
    TestExecutionSummary summary = Fixtures.run(ManualTimeFixture.class);
    assertThat(Fixtures.failures(summary)).isEmpty();
    assertThat(ManualTimeFixture.seen).containsExactly("pong", "true");
  }

  @Test
  void withoutAConfigurationOfItsOwnAKitRunsOnAkkasDefaultsAndOverridesGoOnTop() {
    // This module's test class path has neither application-test.conf nor application.conf.
    assertThat(ActorTestKitExtension.withRealTime().config().getString("akka.scheduler.implementation"))
        .isEqualTo("akka.actor.LightArrayRevolverScheduler");
    assertThat(ActorTestKitExtension.withManualTime().config().getString("akka.scheduler.implementation"))
        .isEqualTo("akka.testkit.ExplicitlyTriggeredScheduler");
    assertThat(ActorTestKitExtension.withRealTime(ConfigFactory.parseString("akka.loglevel = ERROR")).config().getString("akka.loglevel"))
        .isEqualTo("ERROR");
  }
}
