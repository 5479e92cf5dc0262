package cascade.run;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.experiment.ExperimentPlan;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.metrics.ProgressBoard;
import cascade.metrics.RunProgress;
import cascade.report.ProgressDisplay;
import cascade.report.SummaryTable;
import cascade.report.TimeSeriesCsv;
import cascade.scenario.Scenario;
import cascade.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress of real runs: what their recorders publish, in virtual time, in real time and across
 * cluster nodes, and what the plain display makes of it. The display is driven by the run's own
 * progress (a sample at each publication, on a clock the test moves), never by the wall clock.
 */
class ProgressRunTest {

  private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

  @TempDir Path dir;

  private static Path scenarios() {
    Path here = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(here.resolve("scenarios"))) {
      here = here.getParent();
    }
    return here.resolve("scenarios");
  }

  private static Map<String, Long> requests(List<ExperimentPlan> plans) {
    Map<String, Long> requests = new LinkedHashMap<>();
    plans.forEach(plan -> requests.put(plan.name(), plan.arrivals().total()));
    return requests;
  }

  /** The seed tutorial's RPC path under a constant 100 requests per second for 60 s. */
  private static Scenario sixtySeconds() {
    return ScenarioLoader.load(
        scenarios().resolve("seed-tutorial.conf"),
        List.of("scenario.architectures=[rpc]", "traffic.arrivals=constant", "traffic.rate=100", "traffic.total=6000"));
  }

  @Test
  void aSixtySecondLoadInVirtualTimeGivesPlainLinesThatMoveAndEndAtOneHundredPerCent() {
    Scenario scenario = sixtySeconds();
    List<ExperimentPlan> plans = Plans.of(scenario);
    StringWriter err = new StringWriter();
    long[] wall = {0};
    ProgressDisplay[] display = new ProgressDisplay[1];
    // Each publication is a sample, a plain period after the last: every one makes a line.
    ProgressBoard board =
        ProgressBoard.of(requests(plans), () -> {
          wall[0] += PLAIN_EVERY.toNanos();
          display[0].sample();
        });
    display[0] = new ProgressDisplay(ProgressDisplay.Mode.PLAIN, true, new PrintWriter(err), board, () -> wall[0], PLAIN_EVERY, 0);

    RunReport report = ScenarioRun.run(plans, scenario.cluster(), scenario.clock(), null, board, display[0]::started, display[0]::say);
    display[0].close();

    Pattern progressLine = Pattern.compile("^  RPC +([\\d,]+)/6,000 +(\\d+)%  (ETA [\\d:-]+|done in [\\d.]+ s)  sim ([\\d.]+) s  breaker \\S+  ok [\\d,]+.*$");
    List<Long> done = new ArrayList<>();
    List<Double> sim = new ArrayList<>();
    List<String> lines = err.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("  running RPC ...");
    for (String line : lines.subList(1, lines.size())) {
      Matcher m = progressLine.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      done.add(Long.parseLong(m.group(1).replace(",", "")));
      sim.add(Double.parseDouble(m.group(4)));
    }
    // One line per interval of the time series (100 ms) over 60 s of load.
    assertThat(done).hasSizeGreaterThan(500);
    assertThat(done).isSorted();
    assertThat(done.stream().distinct().count()).as("distinct done counts").isGreaterThan(500);
    assertThat(done.get(0)).isZero();
    assertThat(done.get(done.size() - 1)).isEqualTo(6000);
    assertThat(sim.subList(1, sim.size())).as("simulated time moves on at every line").doesNotHaveDuplicates().isSorted();
    assertThat(sim.get(sim.size() - 1)).isGreaterThanOrEqualTo(59.9);
    assertThat(lines.get(lines.size() - 1)).contains(" 100%").contains("done in").doesNotContain("ETA");
    assertThat(lines).filteredOn(line -> line.contains("100%")).hasSize(1);
    assertThat(report.results().get(0).outcomes().lost()).isZero();
  }

  @Test
  void watchingARunChangesNoneOfItsResults() {
    Scenario scenario = sixtySeconds();
    ProgressBoard board = ProgressBoard.of(requests(Plans.of(scenario)));
    List<ArchitectureResult> watched = ScenarioRun.run(Plans.of(scenario), scenario.cluster(), scenario.clock(), null, board, name -> {}, line -> {}).results();
    List<ArchitectureResult> unwatched = ScenarioRun.run(Plans.of(scenario), scenario.cluster(), scenario.clock(), null, name -> {}, line -> {}).results();

    assertThat(board.slot("RPC").latest().finished()).isTrue();
    assertThat(SummaryTable.render(watched)).isEqualTo(SummaryTable.render(unwatched));
    assertThat(TimeSeriesCsv.render(watched.get(0).timeSeries(), scenario.faultSchedule()))
        .isEqualTo(TimeSeriesCsv.render(unwatched.get(0).timeSeries(), scenario.faultSchedule()));
  }

  @Test
  void architecturesRunningSideBySideInVirtualTimeEachPublishToTheirOwnSlot() {
    Scenario scenario = ScenarioLoader.load(scenarios().resolve("remedies/circuit-breaker.conf"), List.of());
    List<ExperimentPlan> plans = Plans.of(scenario);
    Map<String, List<RunProgress>> seen = new LinkedHashMap<>();
    ProgressBoard[] board = new ProgressBoard[1];
    board[0] = ProgressBoard.of(requests(plans), () -> collect(board[0], seen));

    List<ArchitectureResult> results = ScenarioRun.run(plans, scenario.cluster(), scenario.clock(), null, board[0], name -> {}, line -> {}).results();

    assertPublishedUpToTheResults(board[0], seen, results);
    // The breaker of the variant with one opens under the bursts, and the progress says so.
    assertThat(seen.get("RPC + breaker")).extracting(RunProgress::breaker).contains("open");
    assertThat(seen.get("RPC, no breaker")).extracting(RunProgress::breaker).containsOnly("-");
  }

  @Test
  void inRealTimeInOneJvmTheRecorderPublishesUpToTheLastOutcome() throws IOException {
    Path file = Files.writeString(dir.resolve("real.conf"), "clock = real\ntraffic { total = 500, arrivals = constant, rate = 1000 }\n");
    Scenario scenario = ScenarioLoader.load(file, List.of());
    List<ExperimentPlan> plans = Plans.of(scenario);
    Map<String, List<RunProgress>> seen = new LinkedHashMap<>();
    ProgressBoard[] board = new ProgressBoard[1];
    board[0] = ProgressBoard.of(requests(plans), () -> collect(board[0], seen));

    List<ArchitectureResult> results = ScenarioRun.run(plans, scenario.cluster(), scenario.clock(), null, board[0], name -> {}, line -> {}).results();

    assertThat(results).hasSize(2);
    assertPublishedUpToTheResults(board[0], seen, results);
  }

  @Test
  void inAClusterTheOutcomesOfTheOtherNodeReachTheCoordinatorsProgress() throws IOException {
    // The callers and the event path on the second node: every outcome is shipped to the first.
    Path file =
        Files.writeString(
            dir.resolve("cluster.conf"),
            """
            traffic { total = 500, arrivals = constant, rate = 1000 }
            cluster {
              mode = in-jvm
              nodes = [ { name = front, roles = [front] }, { name = back, roles = [back] } ]
              placement { service = back, callers = back, event-path = back }
            }
            """);
    Scenario scenario = ScenarioLoader.load(file, List.of());
    List<ExperimentPlan> plans = Plans.of(scenario);
    Map<String, List<RunProgress>> seen = new LinkedHashMap<>();
    ProgressBoard[] board = new ProgressBoard[1];
    board[0] = ProgressBoard.of(requests(plans), () -> collect(board[0], seen));

    List<ArchitectureResult> results = ScenarioRun.run(plans, scenario.cluster(), scenario.clock(), null, board[0], name -> {}, line -> {}).results();

    assertThat(results).hasSize(2);
    assertPublishedUpToTheResults(board[0], seen, results);
  }

  /** Notes each slot's latest progress when it is new (called on the publishing recorder's thread). */
  private static synchronized void collect(ProgressBoard board, Map<String, List<RunProgress>> seen) {
    for (ProgressBoard.Slot slot : board.slots()) {
      RunProgress latest = slot.latest();
      List<RunProgress> own = seen.computeIfAbsent(slot.name(), name -> new ArrayList<>());
      if (latest != null && (own.isEmpty() || own.get(own.size() - 1) != latest)) {
        own.add(latest);
      }
    }
  }

  /**
   * Each architecture's publications start at nothing, never go back, and end with a last word
   * that is its result: every request, each outcome as counted.
   */
  private static void assertPublishedUpToTheResults(ProgressBoard board, Map<String, List<RunProgress>> seen, List<ArchitectureResult> results) {
    for (ArchitectureResult result : results) {
      List<RunProgress> published = seen.get(result.name());
      assertThat(published).as(result.name()).isNotEmpty();
      assertThat(published.get(0)).isEqualTo(RunProgress.STARTED);
      assertThat(published).extracting(RunProgress::ended).as(result.name()).isSorted();
      assertThat(published).extracting(RunProgress::runNanos).as(result.name()).isSorted();
      assertThat(published.subList(0, published.size() - 1)).noneMatch(RunProgress::finished);
      RunProgress last = board.slot(result.name()).latest();
      assertThat(published.get(published.size() - 1)).isSameAs(last);
      assertThat(last.finished()).isTrue();
      assertThat(last.ended()).isEqualTo(result.outcomes().requests());
      for (Outcome outcome : Outcome.values()) {
        assertThat(last.outcome(outcome)).as("%s %s", result.name(), outcome).isEqualTo(result.outcomes().counts().get(outcome));
      }
    }
  }
}
