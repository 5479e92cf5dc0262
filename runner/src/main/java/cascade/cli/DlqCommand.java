package cascade.cli;

import cascade.bus.DeadLetterQueue;
import cascade.metrics.ArchitectureResult;
import cascade.report.JsonReport;
import cascade.report.SummaryTable;
import cascade.run.DeadLetterReader;
import cascade.run.Plans;
import cascade.run.RunFolder;
import cascade.run.RunReport;
import cascade.run.ScenarioRun;
import cascade.scenario.Scenario;
import cascade.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "dlq",
    description = {
      "Read or replay the dead letters a run journaled (a run with persistence.journal = h2 or postgresql).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  cascade dlq list target/runs/durable-bus-20261123-093000",
      "  cascade dlq replay target/runs/durable-bus-20261123-093000 --set service.failure-probability=0"
    },
    synopsisSubcommandLabel = "(list | replay)",
    subcommands = {DlqCommand.ListLetters.class, DlqCommand.Replay.class},
    mixinStandardHelpOptions = true)
final class DlqCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: cascade dlq list RUN, or cascade dlq replay RUN");
  }

  @Command(
      name = "list",
      description = {"Show a run's dead letters: request, tries, the reason of the last failure, and how every try ended.", ""},
      mixinStandardHelpOptions = true)
  static final class ListLetters implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder (as printed after `reports:`).")
    Path folder;

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N letters per architecture (default: ${DEFAULT-VALUE}).")
    int limit = 50;

    @Override
    public Integer call() {
      if (limit < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, but was " + limit);
      }
      RunFolder run = RunFolder.read(folder);
      List<DeadLetterReader.Queue> queues = DeadLetterReader.read(run.journal(), run.run(), limit);
      PrintWriter out = spec.commandLine().getOut();
      if (queues.isEmpty()) {
        out.printf("no dead letters in %s%n", folder);
      }
      for (DeadLetterReader.Queue queue : queues) {
        out.printf("%s: %d dead letters%s%n", queue.architecture(), queue.total(), queue.total() > queue.letters().size() ? " (the first " + queue.letters().size() + " shown)" : "");
        out.printf("  %8s  %5s  %-26s  %s%n", "request", "tries", "reason", "how each try ended");
        for (DeadLetterQueue.DeadLetter letter : queue.letters()) {
          out.printf("  %8d  %5d  %-26s  %s%n", letter.requestId(), letter.tries(), letter.reason(), String.join(", ", letter.failures()));
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "replay",
      description = {
        "Send a run's dead letters through the event-driven path again (after a fault is fixed, say) and report their new outcomes.",
        "",
        "Each dead letter becomes one new request, sent at --rate per second into the event path of the run's scenario "
            + "(its file and overrides are recorded in the run folder), in memory, with any --set on top. The run folder is not changed.",
        ""
      },
      mixinStandardHelpOptions = true)
  static final class Replay implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder (as printed after `reports:`).")
    Path folder;

    @Option(names = "--rate", paramLabel = "R", description = "Dead letters replayed per second (default: ${DEFAULT-VALUE}).")
    double rate = 100;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Change the scenario for the replay, e.g. --set service.failure-probability=0. Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--json", paramLabel = "-", description = "With '-', standard output carries only the JSON document.")
    String json;

    @Override
    public Integer call() {
      if (!(rate > 0)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be above 0, but was " + rate);
      }
      RunFolder run = RunFolder.read(folder);
      List<DeadLetterReader.Queue> queues = DeadLetterReader.read(run.journal(), run.run(), 1);
      long letters = queues.stream().mapToLong(DeadLetterReader.Queue::total).sum();
      boolean jsonOnStdout = "-".equals(json);
      PrintWriter human = jsonOnStdout ? spec.commandLine().getErr() : spec.commandLine().getOut();
      if (letters == 0) {
        human.printf("no dead letters in %s: nothing to replay%n", folder);
        human.flush();
        return 0;
      }
      List<String> settings = new ArrayList<>(run.overrides());
      settings.addAll(
          List.of(
              "scenario.architectures=[event-driven]",
              "scenario.variants=[]",
              "traffic.total=" + letters,
              "traffic.arrivals=constant",
              "traffic.rate=" + rate,
              "persistence.journal=off",
              "cluster.mode=off",
              "cluster.kill=[]"));
      settings.addAll(overrides);
      Scenario scenario = ScenarioLoader.load(run.scenarioFile(), settings);
      human.printf("replaying %d dead letters of %s at %.0f per second%n", letters, folder, rate);
      RunReport report = ScenarioRun.run(Plans.of(scenario), scenario.cluster(), name -> {});
      List<ArchitectureResult> results = report.results();
      human.print(SummaryTable.render(results));
      human.flush();
      if (jsonOnStdout) {
        spec.commandLine().getOut().print(JsonReport.render(scenario.name() + " (replay)", scenario.description(), scenario.seed(), results));
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
