package cascade.cli;

import cascade.metrics.ArchitectureResult;
import cascade.persistence.JournalException;
import cascade.report.JsonReport;
import cascade.report.SummaryTable;
import cascade.run.DeadLetterReader;
import cascade.run.Plans;
import cascade.run.ReplayMarks;
import cascade.run.ReplayScenario;
import cascade.run.ReplaySelection;
import cascade.run.RunFailedException;
import cascade.run.RunFolder;
import cascade.run.RunReport;
import cascade.run.ScenarioRun;
import cascade.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "replay",
    description = {
      "Send a run's dead letters through the event-driven path again (after a fault is fixed, say) and report their new outcomes.",
      "",
      "Each dead letter becomes one new request, sent at --rate per second into the event path of the run's scenario "
          + "(its file and overrides are recorded in the run folder), in memory, with any --set on top.",
      "",
      // One key to a line: the help's line breaking may cut a dotted key at its dot.
      "A --set may not change what the replay decides itself:",
      "  scenario.architectures, scenario.variants,",
      "  traffic.total, traffic.arrivals, traffic.rate,",
      "  persistence.journal, persistence.url, cluster.mode, cluster.kill.",
      "",
      "A replay is named replay-<yyyyMMdd-HHmmss> after the time it starts (-2, -3, ... for another in the same second); "
          + "it has no folder of its own. Once it has run, it marks the letters it sent as replayed into that name, "
          + "in the run's journal: the only change a replay makes to the run folder. The next replay skips them and says "
          + "how many; --again replays them anyway. `cascade dlq list` shows the marks.",
      "",
      "Arguments and overrides are checked before the journal is opened, and it is first opened read-only: a replay "
          + "that is refused, or that finds nothing left to replay, changes nothing.",
      ""
    },
    mixinStandardHelpOptions = true)
final class DlqReplayCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run folder (as printed after `reports:`).")
  Path folder;

  @Option(names = "--rate", paramLabel = "R", description = "Dead letters replayed per second (default: ${DEFAULT-VALUE}).")
  double rate = 100;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = {"Change the scenario for the replay. Repeatable. For example:", "--set service.failure-probability=0"})
  List<String> overrides = new ArrayList<>();

  @Option(names = "--again", description = "Replay the letters earlier replays took too, and mark them again.")
  boolean again;

  @Option(names = "--json", paramLabel = "-", description = "With '-', standard output carries only the JSON document.")
  String json;

  @Override
  public Integer call() {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be a number above 0, but was " + rate);
    }
    RunFolder run = RunFolder.read(folder);
    // Every --set is checked here, before the journal is opened at all: how many letters the
    // replay will send does not change what is valid.
    ReplayScenario.load(run, 1, rate, overrides);

    List<DeadLetterReader.Queue> queues = DeadLetterReader.read(run.readOnlyJournal(), run.run(), 1);
    ReplaySelection selection = ReplaySelection.of(queues, again);
    boolean jsonOnStdout = "-".equals(json);
    PrintWriter human = jsonOnStdout ? spec.commandLine().getErr() : spec.commandLine().getOut();
    try {
      if (queues.stream().mapToLong(DeadLetterReader.Queue::total).sum() == 0) {
        human.printf("no dead letters in %s: nothing to replay%n", folder);
        return 0;
      }
      if (selection.skipped() > 0) {
        human.printf(
            "skipped %d dead letters already replayed into %s; --again replays them anyway%n", selection.skipped(), String.join(", ", selection.skippedInto()));
      }
      if (selection.letters() == 0) {
        human.printf("nothing left to replay in %s%n", folder);
        return 0;
      }
      String replay = ReplaySelection.newReplayName(queues, LocalDateTime.now());
      Scenario scenario = ReplayScenario.load(run, selection.letters(), rate, overrides);
      long before = queues.stream().mapToLong(q -> q.total() - q.notReplayed()).sum();
      human.printf(
          "replaying %d dead letters of %s as %s, at %.0f per second%s%n",
          selection.letters(), folder, replay, rate, again && before > 0 ? " (--again: " + before + " of them were replayed before)" : "");
      human.flush();
      RunReport report = ScenarioRun.run(Plans.of(scenario), scenario.cluster(), scenario.clock(), null, name -> {}, spec.commandLine().getErr()::println);
      List<ArchitectureResult> results = report.results();
      human.print(SummaryTable.render(results));
      mark(run, selection, replay);
      human.printf("marked %d dead letters of %s as replayed into %s%n", selection.letters(), folder, replay);
      if (jsonOnStdout) {
        spec.commandLine().getOut().print(JsonReport.render(scenario.name() + " (" + replay + ")", scenario.description(), scenario.seed(), results));
        spec.commandLine().getOut().flush();
      }
      return 0;
    } finally {
      human.flush();
    }
  }

  /** Only now, with the replay's outcomes counted, is the journal opened for writing. */
  private static void mark(RunFolder run, ReplaySelection selection, String replay) {
    try {
      ReplayMarks.write(run.writableJournal(), run.run(), selection, replay);
    } catch (JournalException | RunFailedException e) {
      throw new RunFailedException(
          "the replay ran, but its dead letters could not be marked as replayed, so the next replay sends them again: " + e.getMessage());
    }
  }
}
