package cascade.testkit;

import static cascade.testkit.CascadeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.metrics.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The assertions pass on what a run did, and fail with the figure, the architecture and the run's table. */
class AssertionsTest {

  private static SimulationResult storm;
  private static SimulationResult breaker;
  private static SimulationResult classes;
  private static SimulationResult chain;

  @BeforeAll
  static void run() {
    // The seed tutorial: the RPC path amplifies its load and runs into seconds of latency.
    storm = Simulation.fromFile(java.nio.file.Path.of("..", "scenarios", "seed-tutorial.conf")).run();
    breaker = Simulation.fromFile(java.nio.file.Path.of("..", "scenarios", "remedies", "circuit-breaker.conf")).run();
    classes = Simulation.fromFile(java.nio.file.Path.of("..", "scenarios", "traffic", "request-classes.conf")).run();
    chain = Simulation.fromFile(java.nio.file.Path.of("..", "scenarios", "topology", "chain-3-tiers.conf")).run();
  }

  @Test
  void passingAssertionsChain() {
    assertThat(storm)
        .lostNothing()
        .architecture("EventDriven")
        .hasSucceededShareAtLeast(0.99)
        .hasAmplificationAtMost(1.1)
        .hasE2eP99AtMost(Duration.ofSeconds(2))
        .breakerNeverOpened();
    assertThat(storm.architecture("RPC")).hasAmplificationAtLeast(1.3).hasOutcomeShareAtMost(Outcome.FAILED, 0.01);
  }

  @Test
  void aFailureNamesTheFigureAndShowsTheSummaryTable() {
    assertThatThrownBy(() -> assertThat(storm).architecture("RPC").hasAmplificationAtMost(1.2))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("RPC: expected amplification at most 1.200, but was 1.392 (2783 attempts for 2000 requests)")
        .hasMessageContaining("scenario seed-tutorial (seed 7):")
        .hasMessageContaining(storm.summary());
    assertThatThrownBy(() -> assertThat(storm).architecture("RPC").hasE2eP99AtMost(Duration.ofSeconds(1)))
        .hasMessageStartingWith("RPC: expected end-to-end p99 at most 1 s, but was 2823.")
        .hasMessageContaining(storm.summary());
    assertThatThrownBy(() -> assertThat(storm).architecture("RPC").hasSucceededShareAtLeast(0.999))
        .hasMessageStartingWith("RPC: expected at least 99.9% of requests succeeded, but 99.6% were (1992 of 2000)");
    assertThatThrownBy(() -> assertThat(storm).architecture("GraphQL"))
        .hasMessageStartingWith("no architecture GraphQL in seed-tutorial; it ran RPC, EventDriven");
  }

  @Test
  void breakerTransitionsAreAskedByName() {
    assertThat(breaker)
        .architecture("RPC + breaker")
        .hasBreakerTransition("closed", "open")
        .hasBreakerTransition("open", "half_open");
    assertThat(breaker).architecture("RPC, no breaker").breakerNeverOpened();
    assertThatThrownBy(() -> assertThat(breaker).architecture("RPC + breaker").breakerNeverOpened())
        .hasMessageStartingWith("RPC + breaker: expected the breaker never to open, but it did: {breaker: ");
  }

  @Test
  void recoveryIsToldAndTimed() {
    SimulationResult drop = Simulation.fromResource("scenarios/capacity-drop.conf").run();
    double after = drop.architecture("RPC").recovery().recoveredAfterMs();
    assertThat(drop).architecture("RPC").recoveredWithin(Duration.ofMillis((long) Math.ceil(after)));
    assertThatThrownBy(() -> assertThat(drop).architecture("RPC").recoveredWithin(Duration.ofMillis((long) after - 1)))
        .hasMessageContaining("expected recovery within");
    assertThatThrownBy(() -> assertThat(storm).architecture("RPC").recovered())
        .hasMessageStartingWith("RPC: expected a recovery, but it cannot be told: the scenario's faults have no trigger that ends");
  }

  @Test
  void requestClassesAndTiersHaveTheirOwnFigures() {
    // Load shedding serves checkout first: all of it succeeds, browse pays.
    assertThat(classes).architecture("RPC").requestClass("checkout").hasSucceededShareAtLeast(1.0);
    assertThatThrownBy(() -> assertThat(classes).architecture("RPC").requestClass("browse").hasSucceededShareAtLeast(0.9))
        .hasMessageStartingWith("RPC, class browse: expected at least 90.0% of its requests succeeded, but 40.6% were (1288 of 3171)")
        .hasMessageContaining("per request class:");
    assertThatThrownBy(() -> assertThat(classes).architecture("RPC").requestClass("checkout").hasE2eP99AtMost(Duration.ofMillis(1)))
        .hasMessageStartingWith("RPC, class checkout: expected end-to-end p99 at most 1 ms, but was ");
    assertThatThrownBy(() -> assertThat(classes).architecture("RPC").requestClass("refund"))
        .hasMessageContaining("expected a request class refund, but the classes are [checkout, browse]");

    // Stock fails half its attempts; three retries per hop still get every request through.
    assertThat(chain).architecture("stock fails half the time").lostNothing().hasSucceededShareAtLeast(1.0).tier("stock").hasAmplificationAtMost(2.0);
    assertThatThrownBy(() -> assertThat(chain).architecture("stock fails half the time").tier("stock").hasSucceededShareAtLeast(0.9))
        .hasMessageStartingWith("stock fails half the time, tier stock: expected at least 90.0% of its attempts to succeed, but 54.6% did (200 of 366)")
        .hasMessageContaining("tiers:");
  }
}
