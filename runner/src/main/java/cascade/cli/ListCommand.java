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
    description = {
      "List the scenarios in DIR (default: the project's scenarios/ folder), a line each.",
      "With --extensions, list instead the extensions on the class path (policies, service actors, routers, traffic shapes) that scenarios can name."
    },
    mixinStandardHelpOptions = true)
final class ListCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Folder of scenario files.")
  Path dir;

  @CommandLine.Option(names = "--extensions", description = "List the installed extensions instead of scenarios.")
  boolean extensions;

  @Override
  public Integer call() {
    if (extensions) {
      PrintWriter out = spec.commandLine().getOut();
      list(out, "policy (rpc.policies, event-driven.policies)", cascade.callpath.PolicyExtension.class);
      list(out, "service model (service.model)", cascade.service.ServiceExtension.class);
      list(out, "router (service.routing)", cascade.service.RouterExtension.class);
      list(out, "traffic shape (traffic.arrivals)", cascade.load.TrafficShapeExtension.class);
      return 0;
    }
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

  private static void list(PrintWriter out, String kind, Class<? extends cascade.extension.Extension> type) {
    out.println(kind + ":");
    List<? extends cascade.extension.Extension> found = cascade.extension.Extensions.all(type);
    if (found.isEmpty()) {
      out.println("  (none)");
    }
    int width = found.stream().mapToInt(e -> e.name().length()).max().orElse(0);
    for (cascade.extension.Extension extension : found) {
      out.println("  " + extension.name() + " ".repeat(width - extension.name().length()) + "  " + extension.description());
    }
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
