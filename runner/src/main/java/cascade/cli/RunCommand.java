package cascade.cli;

import cascade.metrics.ArchitectureResult;
import cascade.persistence.Journal;
import cascade.run.JournalUse;
import cascade.run.Journals;
import cascade.run.RunFolder;
import cascade.experiment.ExperimentPlan;
import cascade.report.JsonReport;
import cascade.report.ProgressDisplay;
import cascade.report.RunInfo;
import cascade.report.SummaryTable;
import cascade.report.SweepTable;
import cascade.report.TimeSeriesCsv;
import cascade.run.RunFailedException;
import cascade.run.RunReport;
import cascade.run.ScenarioRun;
import cascade.run.SweepResults;
import cascade.run.SweepRun;
import cascade.scenario.Scenario;
import cascade.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    description = {
      "Run a scenario and print one row per architecture.",
      "",
      "Each architecture runs against a fresh downstream service built from the same model and seed.",
      "",
      // One file to a line: the help's line breaking may cut a file name at its dot.
      "Written to --out:",
      "  report.html        charts of every architecture over time, one file that",
      "                     opens offline (`cascade report` rebuilds it)",
      "  summary.txt        the table",
      "  results.json       the JSON document",
      "  scenario.conf      the scenario's text with the seed and --set overrides",
      "and per architecture:",
      "  timeseries-<name>.csv  one row per 100 ms (topologies add one per tier)",
      "  e2e-<name>.hgrm        end-to-end latency, HdrHistogram's percentile format",
      "  e2e-<name>.hlog        HdrHistogram's interval log, a histogram per 100 ms",
      "",
      "In one actor system (cluster.mode = off) runs keep virtual time: the clock jumps to the next timer when no actor "
          + "has work, so a run is exact, repeats to the byte for the same scenario and seed, and takes a fraction of the "
          + "time it models; architectures and variants run side by side, one per core. Runs over cluster nodes keep real time.",
      "",
      "With scenario.sweep, every architecture runs at every point of the sweep, and the reports gain a table per metric "
          + "against the swept values, sweep.csv and the JSON's `sweep` (see docs/sweeps.md).",
      "",
      "The file is checked before anything runs, like `cascade validate` does; scenario files, and the files they include, "
          + "are limited to " + ScenarioLoader.FILE_LIMIT_MB + " MB.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  cascade run scenarios/seed-tutorial.conf",
      "  cascade run scenarios/seed-tutorial.conf --seed 7 --json -",
      "  cascade run scenarios/seed-tutorial.conf --set rpc.retry.max-retries=0",
      "  cascade run scenarios/seed-tutorial.conf --set traffic.arrivals=bursts",
      "  cascade run scenarios/million-requests.conf --quiet"
    },
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (HOCON).")
  Path file;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for every random draw (overrides the file's `seed`).")
  Long seed;

  @Option(
      names = "--clock",
      paramLabel = "virtual|real",
      description = "The clock to keep (overrides the file's `clock`; default: virtual in one actor system, real with cluster nodes).")
  String clock;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one key, e.g. --set traffic.total=500 or --set rpc.timeout=150ms. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--json",
      paramLabel = "PATH|-",
      description = "Also write the JSON document to PATH; with '-', standard output carries only the JSON and the table goes to standard error.")
  String json;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for the reports (default: target/runs/<scenario>-<timestamp>/).")
  Path out;

  @Option(
      names = "--progress",
      paramLabel = "auto|tty|plain|off",
      description =
          "How standard error shows progress while the run goes: a line per architecture with requests done of the total, "
              + "the time left, simulated time, the breaker's state (- without one) and outcomes so far (ok, failed, rejected, "
              + "dropped, dlq). tty: redrawn in place; plain: a line every " + ProgressDisplay.PLAIN_EVERY_SECONDS + " s and at 100%%; auto (default): tty when "
              + "standard error is a terminal, plain otherwise. Never on standard output.")
  String progress = "auto";

  @Option(
      names = "--quiet",
      description = "No progress and no \"running ...\" lines on standard error; errors, warnings and the table still show.")
  boolean quiet;

  /** Where a run writes and journals, made ready before it starts. */
  private record Prepared(Path folder, String run, Journal journal) {}

  /** What a run brought back, and when it started (on the machine's clock). */
  private record Ran(RunReport report, java.time.Instant started, long startNanos) {}

  @Override
  public Integer call() throws IOException {
    List<String> settings = settings();
    ProgressDisplay.Mode progressMode = progressMode();
    Scenario scenario = ScenarioLoader.load(file, settings);
    // Every point of a sweep is checked now, before anything runs.
    SweepRun sweep = SweepRun.of(scenario, file, settings);
    // Warnings go where errors go, whatever --json says: standard output may carry only the document.
    scenario.warnings().forEach(spec.commandLine().getErr()::println);
    Prepared prepared = prepare(scenario, settings);
    Ran ran = run(scenario, sweep, prepared, progressMode);
    List<ArchitectureResult> results = ran.report().results();
    writeAndShow(scenario, settings, sweep, prepared, ran);
    long lost = results.stream().mapToLong(r -> r.outcomes().lost()).sum();
    if (lost != 0) {
      throw new RunFailedException(lost + " request(s) ended without an outcome: this is a bug in Cascade Lab");
    }
    return 0;
  }

  /** The overrides the scenario is loaded with: --set, then --seed and --clock. */
  private List<String> settings() {
    List<String> settings = new ArrayList<>(overrides);
    if (seed != null) {
      settings.add("seed=" + seed);
    }
    if (clock != null) {
      if (!clock.equals("virtual") && !clock.equals("real")) {
        throw usage("--clock must be virtual or real, but was " + clock);
      }
      settings.add("clock=" + clock);
    }
    return settings;
  }

  private ProgressDisplay.Mode progressMode() {
    try {
      return quiet ? ProgressDisplay.Mode.OFF : ProgressDisplay.Mode.of(progress);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** Whom a person reads: standard output, unless it carries only the JSON document. */
  private PrintWriter human() {
    return "-".equals(json) ? spec.commandLine().getErr() : spec.commandLine().getOut();
  }

  /**
   * Step one: the run folder and the journal, checked and made before anything runs, so that a run
   * of minutes cannot end in "cannot write" with its results lost.
   */
  private Prepared prepare(Scenario scenario, List<String> settings) throws IOException {
    Path folder = out != null ? out : Path.of("target", "runs", scenario.name() + "-" + LocalDateTime.now().format(STAMP));
    if (out == null && scenario.persistence().on()) {
      // Two runs in the same second would share a folder, and a journal: its events belong to one.
      for (int n = 2; Files.exists(folder); n++) {
        folder = Path.of("target", "runs", scenario.name() + "-" + LocalDateTime.now().format(STAMP) + "-" + n);
      }
    }
    checkBeforeRunning(scenario, folder);
    String run = folder.toAbsolutePath().normalize().getFileName().toString();
    // The journal first: a journal that cannot be used stops the run before anything is written.
    Journal journal = Journals.of(scenario.persistence(), folder);
    if (journal != null) {
      if (journal.kind() == Journal.Kind.H2) {
        Files.createDirectories(folder);
      }
      journal.prepare();
      if (!journal.persistenceIds(cascade.bus.DurableEventBus.persistenceId(run + "/")).isEmpty()) {
        throw new cascade.persistence.JournalException(
            journal.where() + ": already holds the events of a run named " + run + "; give this run another --out");
      }
      Files.createDirectories(folder);
      new RunFolder(folder, run, file, settings, scenario.persistence()).write();
    }
    return new Prepared(folder, run, journal);
  }

  /** Step two: every architecture (at every point of a sweep), with the progress display beside it. */
  private Ran run(Scenario scenario, SweepRun sweep, Prepared prepared, ProgressDisplay.Mode progressMode) {
    PrintWriter human = human();
    java.time.Instant started = java.time.Instant.now();
    long startNanos = System.nanoTime();
    human.printf("scenario %s (seed %d): %s%n", scenario.name(), scenario.seed(), scenario.description());
    scenario.faultSchedule().entries().forEach(e -> human.printf("  fault %s: %s%n", e.label(), e.describe()));
    human.flush(); // before the progress display draws below it
    List<ExperimentPlan> plans = sweep.plans(prepared.run());
    RunReport report;
    try (ProgressDisplay display = ProgressDisplay.start(progressMode, !quiet, spec.commandLine().getErr(), plans)) {
      report =
          ScenarioRun.run(plans, scenario.cluster(), scenario.clock(), prepared.journal(), display.board(), display::started, display::say);
    }
    showNodes(report);
    return new Ran(report, started, startNanos);
  }

  /** How the cluster went: how soon it was up, what each node sent, and when nodes were killed or came back. */
  private void showNodes(RunReport report) {
    PrintWriter err = spec.commandLine().getErr();
    if (report.clusterUpMs() != null) {
      err.printf("  cluster of %d nodes up in %.0f ms%n", report.nodes().size(), report.clusterUpMs());
      report.nodes().stream()
          .filter(node -> node.traffic() != null)
          .forEach(
              node ->
                  err.printf(
                      "  node %s (pid %d) sent %d messages (%.1f kB) to other nodes, received %d%n",
                      node.name(),
                      node.pid(),
                      node.traffic().messagesSent(),
                      node.traffic().bytesSent() / 1e3,
                      node.traffic().messagesReceived()));
    }
    report.nodeEvents().forEach(e -> err.printf("  node %s %s at %.0f ms%n", e.node(), e.event(), e.atMs()));
  }

  /**
   * Step three: the table for a person, the files of the run folder, and the JSON document where
   * --json says.
   */
  private void writeAndShow(Scenario scenario, List<String> settings, SweepRun sweep, Prepared prepared, Ran ran) throws IOException {
    RunReport report = ran.report();
    List<ArchitectureResult> results = report.results();
    Path folder = prepared.folder();
    PrintWriter human = human();
    JournalUse journalUse = measureJournal(scenario, prepared, ran);
    RunInfo runInfo = RunInfo.of(scenario.clock().key, ran.started(), ran.startNanos());
    SweepResults sweepResults = sweep.results(results);
    // results.json leaves out what belongs to the machine (run-info.json has it), so that runs compare equal.
    String resultsFile =
        JsonReport.render(
            scenario.name(), scenario.description(), scenario.seed(), results, report.nodes(), report.nodeEvents(), journalUse, null, sweepResults);
    String document =
        JsonReport.render(
            scenario.name(), scenario.description(), scenario.seed(), results, report.nodes(), report.nodeEvents(), journalUse, runInfo, sweepResults);
    String table = SummaryTable.render(results) + durabilityNotes(scenario, report) + (sweepResults == null ? "" : SweepTable.render(sweepResults));
    human.print(table);
    if (journalUse != null) {
      human.println(journalUse.line());
    }
    writeReports(folder, scenario, resultsFile, table, results);
    if (sweepResults != null) {
      Files.writeString(folder.resolve("sweep.csv"), SweepTable.csv(sweepResults));
    }
    Files.writeString(folder.resolve("run-info.json"), JsonReport.renderRunInfo(runInfo, journalUse));
    human.println(cascade.report.ReportWriter.afterRun(folder, scenario, shown(scenario.source()), settings, results).line());
    human.printf("reports: %s%n", folder);
    human.flush();
    if ("-".equals(json)) {
      spec.commandLine().getOut().print(document);
      spec.commandLine().getOut().flush();
    } else if (json != null) {
      Files.writeString(Path.of(json), document);
    }
  }

  /** What the durable event path journaled, or null without a journal (or when it cannot be measured). */
  private JournalUse measureJournal(Scenario scenario, Prepared prepared, Ran ran) {
    if (prepared.journal() == null) {
      return null;
    }
    // The journal's rate over the time requests were running (first arrival to last outcome):
    // setting up and shutting down actor systems is not journal time. In virtual time that is
    // simulated time, and the journal's speed shows in the machine's time only.
    double busySeconds =
        scenario.clock() == Scenario.Clock.VIRTUAL
            ? (System.nanoTime() - ran.startNanos()) / 1e9
            : ran.report().results().stream().mapToDouble(ArchitectureResult::wallMs).sum() / 1000;
    try {
      return JournalUse.measure(prepared.journal(), prepared.run(), busySeconds);
    } catch (cascade.persistence.JournalException e) {
      // The results stand; only the journal's size is missing.
      spec.commandLine().getErr().printf("  could not measure the journal: %s%n", e.getMessage());
      return null;
    }
  }

  /**
   * What a run that killed nodes proved, and what it did not: a kill timed after the run's end
   * never happens, and a durable event path killed with nothing unconfirmed recovered nothing.
   * Said rather than left to look tested.
   */
  private String durabilityNotes(Scenario scenario, RunReport report) {
    StringBuilder notes = new StringBuilder();
    for (Scenario.NodeKill kill : scenario.cluster().kills()) {
      boolean happened = report.nodeEvents().stream().anyMatch(e -> e.node().equals(kill.node()) && e.event().equals("killed"));
      if (!happened) {
        spec.commandLine().getErr().printf("  node %s was never killed: the run ended before %d ms into the load%n", kill.node(), kill.at().toMillis());
      }
    }
    boolean eventPathKilled =
        report.nodeEvents().stream()
            .filter(e -> e.event().equals("killed"))
            .anyMatch(e -> scenario.cluster().nodes().stream()
                .anyMatch(node -> node.name().equals(e.node()) && node.roles().contains(scenario.cluster().eventPathRole())));
    for (ArchitectureResult result : report.results()) {
      if (eventPathKilled && scenario.persistence().on() && result.kind().equals("event-driven") && result.durability().redelivered() == 0) {
        notes.append(
            String.format(
                "%s: nothing was delivered again: when the event path's node was killed its bus held no unconfirmed events"
                    + " (the kill came before the load reached it, or after the load ended); cluster.kill.at is counted from the start of the load%n",
                result.name()));
      }
      if (result.durability().redelivered() > 0 || result.durability().duplicates() > 0) {
        notes.append(
            String.format(
                "%s: %d events delivered again after the bus restarted; %d outcomes reported twice, counted once%n",
                result.name(), result.durability().redelivered(), result.durability().duplicates()));
      }
    }
    return notes.toString();
  }

  /**
   * Everything the run will need at its end, checked at its start: a run of minutes must not end
   * in "cannot write" with its results lost. Each problem is a usage error naming the option or key.
   */
  private void checkBeforeRunning(Scenario scenario, Path folder) {
    String option = out != null ? "--out " : "the run folder ";
    OutputCheck.folder(folder).ifPresent(problem -> { throw usage(option + problem); });
    if (json != null && !json.equals("-")) {
      OutputCheck.file(Path.of(json)).ifPresent(problem -> { throw usage("--json " + problem); });
    }
    if (scenario.cluster().mode() != Scenario.ClusterMode.OFF) {
      OutputCheck.port(scenario.cluster().host(), scenario.cluster().port())
          .ifPresent(problem -> { throw usage("cluster.port = " + scenario.cluster().port() + ": " + problem); });
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /**
   * A scenario of the project as the project names it (scenarios/seed-tutorial.conf), wherever the
   * command ran from: the summary it heads is then the same file for everyone. Others as given.
   */
  static String shown(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("cascade")) && Files.isDirectory(dir.resolve("scenarios"))) {
        return dir.relativize(absolute).toString();
      }
    }
    return file.toString();
  }

  private void writeReports(Path folder, Scenario scenario, String document, String table, List<ArchitectureResult> results)
      throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("results.json"), document);
    for (ArchitectureResult result : results) {
      Files.writeString(folder.resolve(TimeSeriesCsv.fileName(result.name())), TimeSeriesCsv.render(result.timeSeries(), scenario.faultSchedule()));
      if (result.latency().e2eHistogram().count() > 0) {
        // HdrHistogram's percentile format, for its plotter (hdrhistogram.github.io/HdrHistogram/plotFiles.html).
        String hgrm = TimeSeriesCsv.fileName(result.name()).replaceFirst("^timeseries-", "e2e-").replaceFirst("\\.csv$", ".hgrm");
        Files.writeString(folder.resolve(hgrm), result.latency().e2eHistogram().percentileDistribution());
      }
      for (cascade.metrics.TierResult tier : result.tiers()) {
        Files.writeString(folder.resolve(TimeSeriesCsv.tierFileName(result.name(), tier.name())), TimeSeriesCsv.renderTier(tier.series()));
      }
    }
    String header =
        "# Generated by: cascade run " + shown(scenario.source()) + " --seed " + scenario.seed()
            + (overrides.isEmpty() ? "" : " --set " + String.join(" --set ", overrides))
            + System.lineSeparator()
            + "# Regenerate it with the same command; do not edit by hand."
            + System.lineSeparator();
    Files.writeString(folder.resolve("summary.txt"), header + table);
  }
}
