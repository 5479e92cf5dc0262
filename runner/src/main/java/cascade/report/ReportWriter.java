package cascade.report;

import cascade.metrics.ArchitectureResult;
import cascade.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code cascade run} adds to a run folder once the tables, JSON and CSVs are there: the
 * scenario's copy, each architecture's interval log ({@code .hlog}), and {@code report.html}, built
 * from the folder's files as {@code cascade report} would build it.
 */
public final class ReportWriter {

  /** What was written: the report, its size and the time it took to build and write it. */
  public record Written(Path report, long bytes, double millis) {
    /** The line the run prints. */
    public String line() {
      return String.format(Locale.ROOT, "report: %s (%.0f kB, written in %.0f ms)", report, bytes / 1e3, millis);
    }
  }

  private ReportWriter() {}

  /**
   * @param shownSource the scenario file as the user would type it
   * @param settings    the run's overrides as {@code key=value}, the tutorial's included
   */
  public static Written afterRun(Path folder, Scenario scenario, String shownSource, List<String> settings, List<ArchitectureResult> results)
      throws IOException {
    ScenarioCopy.write(folder, scenario.source(), shownSource, scenario.seed(), settings);
    for (ArchitectureResult result : results) {
      Files.writeString(folder.resolve(IntervalLog.fileName(result.name())), IntervalLog.render(result.name(), result.timeSeries()));
    }
    long start = System.nanoTime();
    Path report = HtmlReport.write(folder);
    return new Written(report, Files.size(report), (System.nanoTime() - start) / 1e6);
  }
}
