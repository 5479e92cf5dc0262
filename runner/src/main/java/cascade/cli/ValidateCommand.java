package cascade.cli;

import cascade.scenario.Scenario;
import cascade.scenario.ScenarioLoader;
import cascade.scenario.Sweep;
import cascade.run.SweepRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "validate",
    description = {
      "Check a scenario file without running it.",
      "",
      "Reports the first unknown key (with a suggestion), wrong type or impossible value, with its file, line and key. "
          + "Scenario files, and the files they include, are limited to " + ScenarioLoader.FILE_LIMIT_MB + " MB.",
      ""
    },
    mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (HOCON).")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Check with this override too. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    Scenario scenario = ScenarioLoader.load(file, overrides);
    // A sweep's points are checked like the file itself, before it is called valid.
    SweepRun sweep = SweepRun.of(scenario, file, overrides);
    scenario.warnings().forEach(spec.commandLine().getErr()::println);
    spec.commandLine()
        .getOut()
        .printf(
            "%s: valid (%s; %d requests, seed %d)%n",
            file,
            // What will run: the variants by name (each an architecture), or else the architectures.
            String.join(" | ", scenario.variants().stream().map(Scenario.Variant::name).toList()),
            scenario.traffic().load().total(),
            scenario.seed());
    if (sweep.on()) {
      List<String> points = sweep.points().stream().map(Sweep.Point::label).toList();
      spec.commandLine()
          .getOut()
          .printf(
              "sweep over %s: %d points x %d architectures = %d runs%n",
              String.join(" and ", scenario.sweep().keys()), points.size(), scenario.variants().size(), points.size() * scenario.variants().size());
      points.forEach(point -> spec.commandLine().getOut().printf("  %s%n", point));
    }
    return 0;
  }
}
