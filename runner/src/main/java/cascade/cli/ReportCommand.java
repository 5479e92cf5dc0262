package cascade.cli;

import cascade.report.HtmlReport;
import cascade.report.ReportException;
import cascade.report.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    description = {
      "Rebuild a run's report.html from its run folder, or put two runs side by side.",
      "",
      "With one RUN_FOLDER (the folder `cascade run` printed after \"reports:\"), the report is built again from the "
          + "folder's files (results.json, the time-series CSVs, summary.txt, scenario.conf) and written to "
          + "RUN_FOLDER/report.html: after an upgrade of Cascade Lab, or for a folder copied from another machine.",
      "",
      "With two folders, A then B, it writes a comparison: for each architecture, every figure of the summary in A, "
          + "in B and the difference B - A, then each metric of both runs overlaid on one chart, each run's summary "
          + "and scenario. It goes to B/compare-with-<A's folder name>.html unless --out says otherwise.",
      "",
      "The page is one file that opens offline in any browser. Its path is printed.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  cascade run scenarios/seed-tutorial.conf --out target/runs/before",
      "  cascade report target/runs/before",
      "  cascade run scenarios/seed-tutorial.conf --seed 8 --out target/runs/after",
      "  cascade report target/runs/before target/runs/after",
      "  cascade report target/runs/before target/runs/after --out no-retries.html"
    },
    mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_FOLDER", description = "A run folder of `cascade run` (A, when comparing).")
  Path first;

  @Parameters(index = "1", arity = "0..1", paramLabel = "B", description = "A second run folder, to compare with the first.")
  Path second;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the page (default: RUN_FOLDER/report.html; for two runs, B/compare-with-<A>.html).")
  Path out;

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    String page;
    Path target;
    try {
      RunFiles a = RunFiles.read(first);
      if (second == null) {
        page = HtmlReport.render(a);
        target = out != null ? out : first.resolve(HtmlReport.FILE);
      } else {
        RunFiles b = RunFiles.read(second);
        page = HtmlReport.renderComparison(a, b);
        String name = first.toAbsolutePath().normalize().getFileName().toString();
        target = out != null ? out : second.resolve("compare-with-" + name + ".html");
      }
    } catch (ReportException e) {
      // A wrong folder is bad input: one line, like a bad scenario.
      spec.commandLine().getErr().println("cascade: " + e.getMessage());
      return 2;
    }
    OutputCheck.file(target).ifPresent(problem -> { throw new CommandLine.ParameterException(spec.commandLine(), "--out " + problem); });
    Files.writeString(target, page);
    spec.commandLine().getOut().printf(Locale.ROOT, "report: %s (%.0f kB, written in %.0f ms)%n",
        target, Files.size(target) / 1e3, (System.nanoTime() - start) / 1e6);
    return 0;
  }
}
