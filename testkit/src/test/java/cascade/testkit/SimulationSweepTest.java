package cascade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.cli.Main;
import cascade.metrics.ArchitectureResult;
import cascade.report.JsonReport;
import cascade.run.SweepResults;
import cascade.scenario.ScenarioException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario with {@code scenario.sweep} runs every point, as {@code cascade run} runs it. */
class SimulationSweepTest {

  private static final Path FIXING_RETRIES = Path.of("..", "scenarios", "sweeps", "fixing-retries.conf");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The shipped sweep made small: two of its variants, two points, 300 requests a point. */
  private static final List<String> SMALL = List.of(
      "traffic.total=300",
      "scenario.variants=[{name = \"plain retries\", architecture = rpc}, {name = breaker, architecture = rpc, set { rpc.policies = [breaker] }}]",
      "scenario.sweep=[{key = service.failure-probability, values = [0.1, 0.5]}]",
      "seed=7");

  @TempDir Path out;

  @Test
  void runsEveryPointOfAFileSweepWithTheFiguresTheCommandGives() throws Exception {
    Simulation simulation = Simulation.fromFile(FIXING_RETRIES);
    SMALL.forEach(simulation::set);
    SimulationResult result = simulation.run();

    assertThat(result.results()).extracting(ArchitectureResult::name).containsExactly(
        "plain retries @ failure-probability=0.1", "breaker @ failure-probability=0.1",
        "plain retries @ failure-probability=0.5", "breaker @ failure-probability=0.5");
    Command command = cascadeRun(FIXING_RETRIES, SMALL);
    // Every figure of every result, and the sweep object point by point, as the command's JSON has them.
    JsonNode ours = JSON.readTree(JsonReport.render(
        result.scenario().name(), result.scenario().description(), result.seed(), result.results(), List.of(), List.of(), null, null, result.sweep()));
    assertThat(command.json().get("results")).hasSize(4);
    assertThat(command.json().get("sweep").get("points")).hasSize(2);
    assertThat(ours.get("results")).isEqualTo(command.json().get("results"));
    assertThat(ours.get("sweep")).isEqualTo(command.json().get("sweep"));
    // And the summary with its sweep tables, to the character.
    assertThat(command.err()).contains(result.summary());
    assertThat(result.summary()).contains("sweep over service.failure-probability: 2 points x 2 architectures");
  }

  @Test
  void givesTheResultsPointByPointAndByName() {
    Simulation simulation = Simulation.fromFile(FIXING_RETRIES);
    SMALL.forEach(simulation::set);
    SimulationResult result = simulation.run();

    SweepResults sweep = result.sweep();
    assertThat(sweep.points()).extracting(p -> p.point().values())
        .containsExactly(Map.of("service.failure-probability", 0.1), Map.of("service.failure-probability", 0.5));
    SweepResults.PointResults half = sweep.points().get(1);
    assertThat(half.results()).extracting(SweepResults.Entry::architecture).containsExactly("plain retries", "breaker");
    assertThat(half.results().get(0).result()).isSameAs(result.architecture("plain retries @ failure-probability=0.5"));
    // Retries do more work the worse the service; every request still ends in one outcome.
    assertThat(half.results().get(0).amplification()).isGreaterThan(sweep.points().get(0).results().get(0).amplification());
    assertThat(result.results()).allSatisfy(r -> assertThat(r.outcomes().lost()).isZero());
  }

  @Test
  void runsASweepWrittenAsTextAsTheCommandRunsItFromAFile() throws Exception {
    String hocon = """
        scenario.name = small-sweep
        scenario.architectures = [rpc]
        scenario.sweep = [ { key = rpc.retry.max-retries, values = [0, 2] } ]
        traffic { total = 200, arrivals = constant, rate = 400 }
        service.failure-probability = 0.3
        """;
    SimulationResult result = Simulation.fromHocon("small-sweep", hocon).seed(3).run();

    Path file = Files.writeString(out.resolve("small-sweep.conf"), hocon);
    Command command = cascadeRun(file, List.of("seed=3"));
    assertThat(result.results()).extracting(ArchitectureResult::name).containsExactly("RPC @ max-retries=0", "RPC @ max-retries=2");
    assertThat(command.err()).contains(result.summary());
    assertThat(result.architecture("RPC @ max-retries=0").attempts().retries()).isZero();
    assertThat(result.architecture("RPC @ max-retries=2").attempts().retries()).isPositive();
  }

  @Test
  void aPointOfATextSweepThatDoesNotFitIsReportedWithTheLabelAndThePoint() {
    String hocon = """
        scenario.architectures = [rpc]
        scenario.sweep = [ { key = service.failure-probability, values = [0.5, 1.5] } ]
        traffic.total = 100
        """;
    String problem = "checkout:2 (scenario.sweep point failure-probability=1.5): service.failure-probability: ";
    assertThatThrownBy(() -> Simulation.fromHocon("checkout", hocon).run()).isInstanceOf(ScenarioException.class).hasMessageStartingWith(problem);
    assertThatThrownBy(() -> Simulation.fromHocon("checkout", hocon).load()).isInstanceOf(ScenarioException.class).hasMessageStartingWith(problem);
  }

  @Test
  void aScenarioWithoutASweepHasNoSweepResults() {
    SimulationResult result = Simulation.fromHocon("steady", "scenario.architectures = [rpc]\ntraffic.total = 100").run();

    assertThat(result.results()).extracting(ArchitectureResult::name).containsExactly("RPC");
    assertThat(result.summary()).doesNotContain("sweep over");
    assertThatThrownBy(result::sweep)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("scenario steady has no scenario.sweep; its results are results()");
  }

  /** What {@code cascade run FILE --set ... --json - --quiet} printed, run in this JVM. */
  private record Command(JsonNode json, String err) {}

  private Command cascadeRun(Path file, List<String> settings) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", file.toString(), "--json", "-", "--quiet", "--out", out.resolve("run").toString()));
    settings.forEach(setting -> args.addAll(List.of("--set", setting)));
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = Main.execute(args.toArray(String[]::new), new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    assertThat(code).as("cascade run exit code; standard error:%n%s", stderr).isZero();
    return new Command(JSON.readTree(stdout.toString()), stderr.toString());
  }
}
