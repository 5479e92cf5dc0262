package cascade.cli;

import cascade.scenario.ScenarioCatalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "list",
    description = "List the scenarios in DIR (default: the project's scenarios/ folder), a line each.",
    mixinStandardHelpOptions = true)
final class ListCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Folder of scenario files.")
  Path dir;

  @Override
  public Integer call() {
    Path folder = dir != null ? dir : defaultFolder();
    if (!Files.isDirectory(folder)) {
      throw new CommandLine.ParameterException(spec.commandLine(), folder + ": no such folder");
    }
    List<ScenarioCatalog.Entry> entries = ScenarioCatalog.list(folder);
    int width = entries.stream().mapToInt(e -> e.file().toString().length()).max().orElse(0);
    PrintWriter out = spec.commandLine().getOut();
    for (ScenarioCatalog.Entry entry : entries) {
      String path = entry.file().toString();
      out.println(path + " ".repeat(width - path.length()) + "  " + entry.description());
    }
    return 0;
  }

  /** The cascade script says where the project is; without it, the current folder's scenarios/. */
  private static Path defaultFolder() {
    String home = System.getProperty("cascade.home");
    Path scenarios = Path.of("scenarios");
    if (home != null && !Files.isDirectory(scenarios)) {
      return Path.of(home).resolve("scenarios");
    }
    return scenarios;
  }
}
