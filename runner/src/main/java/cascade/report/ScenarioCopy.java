package cascade.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scenario a run used, kept in its run folder as {@code scenario.conf}: the file's text as it
 * was when the run read it, under a comment header with the seed and the {@code --set} overrides
 * that applied over it. The report shows it, so a report read months later still says what ran,
 * even after the scenario file changed.
 */
public final class ScenarioCopy {

  public static final String FILE = "scenario.conf";

  private ScenarioCopy() {}

  /**
   * @param shownSource the scenario file as the user would type it ({@code scenarios/seed-tutorial.conf})
   * @param overrides   the run's overrides as {@code key=value}, the tutorial's left out (it is given apart)
   */
  public static String render(String shownSource, String text, long seed, List<String> overrides) {
    String nl = System.lineSeparator();
    StringBuilder header = new StringBuilder()
        .append("# The scenario of this run: ").append(shownSource).append(", as the run read it.").append(nl)
        .append("# Seed: ").append(seed).append(nl)
        .append("# Overrides (--set, applied over the text below): ")
        .append(overrides.isEmpty() ? "none" : String.join(" ", overrides)).append(nl)
        .append("# Run again with: cascade run ").append(shownSource).append(" --seed ").append(seed);
    overrides.forEach(o -> header.append(" --set ").append(o));
    header.append(nl).append("# Written by cascade run for the report; the scenario's own text follows.").append(nl).append(nl);
    return header + text;
  }

  /** Writes the copy into {@code folder}. */
  public static void write(Path folder, Path source, String shownSource, long seed, List<String> settings) throws IOException {
    List<String> overrides = settings.stream().filter(s -> !s.startsWith("seed=")).toList();
    Files.writeString(folder.resolve(FILE), render(shownSource, Files.readString(source), seed, overrides));
  }
}
