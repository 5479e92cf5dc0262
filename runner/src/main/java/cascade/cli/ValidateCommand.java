package cascade.cli;

import cascade.scenario.Scenario;
import cascade.scenario.ScenarioLoader;
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
    scenario.warnings().forEach(spec.commandLine().getErr()::println);
    spec.commandLine()
        .getOut()
        .printf(
            "%s: valid (%s; %d requests, seed %d)%n",
            file,
            // What will run: the variants by name (each an architecture), or else the architectures.
            String.join(" | ", scenario.variants().stream().map(Scenario.Variant::name).toList()),
            scenario.traffic().total(),
            scenario.seed());
    return 0;
  }
}
