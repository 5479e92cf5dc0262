package cascade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.scenario.Scenario;
import cascade.scenario.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

  private static final Path SCENARIOS = Path.of("..", "scenarios");

  @Test
  void givesTheSummaryTheCommandReportsForTheSameScenarioAndSeed() throws Exception {
    SimulationResult result = Simulation.fromFile(SCENARIOS.resolve("seed-tutorial.conf")).run();

    // The checked-in summary of `cascade run scenarios/seed-tutorial.conf`, without its two header lines.
    List<String> expected = Files.readAllLines(SCENARIOS.resolve("seed-tutorial.expected.txt"));
    assertThat(result.summary().lines().toList()).isEqualTo(expected.subList(2, expected.size()));
    assertThat(result.scenario().clock()).isEqualTo(Scenario.Clock.VIRTUAL);
    assertThat(result.results()).extracting(ArchitectureResult::name).containsExactly("RPC", "EventDriven");
  }

  @Test
  void runsAResourceWithOverridesAndASeedTheSameWayTwice() {
    Simulation simulation = Simulation.fromResource("scenarios/capacity-drop.conf").set("traffic.total", 600).seed(11);

    SimulationResult first = simulation.run();
    SimulationResult second = simulation.run();

    assertThat(first.seed()).isEqualTo(11);
    ArchitectureResult rpc = first.architecture("rpc");
    assertThat(rpc.outcomes().requests()).isEqualTo(600);
    assertThat(rpc.outcomes().counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(600);
    // Virtual time: the same seed gives the same run, to the figure.
    assertThat(second.summary()).isEqualTo(first.summary());
    assertThat(Simulation.fromResource("scenarios/capacity-drop.conf").set("traffic.total", 600).seed(12).run().summary())
        .as("another seed draws other service times")
        .isNotEqualTo(first.summary());
  }

  @Test
  void runsAHoconStringAndABuilderAlike() {
    String hocon = """
        scenario.architectures = [rpc]
        traffic { total = 300, arrivals = constant, rate = 100 }
        rpc.retry.max-retries = 0
        """;
    SimulationResult fromText = Simulation.fromHocon("steady", hocon).run();
    SimulationResult built =
        Simulation.scenario("steady")
            .architectures("rpc")
            .requests(300)
            .set("traffic.arrivals", "constant")
            .set("traffic.rate", 100)
            .set("rpc.retry.max-retries", 0)
            .run();

    assertThat(fromText.scenario().name()).isEqualTo("steady");
    assertThat(built.summary()).isEqualTo(fromText.summary());
    assertThat(built.architecture("RPC").attempts().retries()).isZero();
    assertThat(built.architecture("RPC").attempts().amplification()).isEqualTo(1.0);
  }

  @Test
  void aBadKeyInAStringIsReportedWithItsLineAndKeyAsTheCommandDoes() {
    String hocon = """
        scenario.architectures = [rpc]
        traffic {
          totl = 300
        }
        """;
    assertThatThrownBy(() -> Simulation.fromHocon("checkout", hocon).run())
        .isInstanceOf(ScenarioException.class)
        .hasMessage("checkout:3: traffic.totl: unknown key; did you mean traffic.total?");
  }

  @Test
  void aBadValueInAResourceNamesItsFileLineAndKey() throws Exception {
    Path file = Files.createTempDirectory("simulation-test").resolve("bad.conf");
    Files.writeString(file, "scenario.architectures = [rpc]\nservice.capacity = -5\n");
    assertThatThrownBy(() -> Simulation.fromFile(file).run())
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith(file + ":2: service.capacity: ");
    assertThatThrownBy(() -> Simulation.scenario("built").set("service.capacity", -5).run())
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("--set service.capacity=-5: service.capacity: ");
    assertThatThrownBy(() -> Simulation.fromResource("scenarios/missing.conf"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("classpath:scenarios/missing.conf: no such resource on the class path");
  }

  @Test
  void aStringMayUseSubstitutionsLikeAFile() {
    String hocon = """
        scenario.architectures = [rpc]
        traffic { total = 400, arrivals = constant, rate = 200 }
        event-driven.timeout = ${rpc.timeout}
        """;
    Scenario scenario = Simulation.fromHocon("substituted", hocon).load();
    assertThat(scenario.eventDriven().consumer().timeout()).isEqualTo(scenario.rpc().timeout());
    assertThatThrownBy(() -> Simulation.fromHocon("substituted", "rpc.timeout = ${no.such.key}\n").load())
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("substituted:1: ");
  }

  @Test
  void aBadValueInsideAListOfAStringIsReportedAtItsLine() {
    String hocon = """
        scenario.architectures = [rpc]
        faults.schedule = [
          { at = 1s, for = 1s, kind = capacity-drop, factor = 0.3 }
          { at = 3s, for = 1s, kind = capacity-drop, factor = 3 }
        ]
        """;
    assertThatThrownBy(() -> Simulation.fromHocon("drops", hocon).load())
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("drops:4: faults.schedule[1].factor: ");
  }

  @Test
  void aTextScenarioCannotInclude() {
    assertThatThrownBy(() -> Simulation.fromHocon("include \"common.conf\"\n").load())
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("hocon: include \"common.conf\": ");
  }

  @Test
  void aCapacityDropLosesNothingAndRecovers() {
    SimulationResult result = Simulation.fromResource("scenarios/capacity-drop.conf").run();

    CascadeAssertions.assertThat(result)
        .lostNothing()
        .architecture("RPC")
        .hasSucceededShareAtLeast(0.9)
        .hasOutcomeShareAtMost(Outcome.FAILED, 0.1)
        .recoveredWithin(Duration.ofSeconds(2));
  }
}
