package cascade.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The scenarios of a folder and its direct sub-folders, for {@code cascade list}. */
public final class ScenarioCatalog {

  /** One scenario; a file that does not load is listed with the reason as its description. */
  public record Entry(Path file, String name, String description) {}

  private ScenarioCatalog() {}

  public static List<Entry> list(Path dir) {
    try (Stream<Path> files = Files.walk(dir, 2)) {
      return files
          .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".conf"))
          .filter(f -> !f.getFileName().toString().equals("reference.conf"))
          .sorted()
          .map(ScenarioCatalog::entry)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Entry entry(Path file) {
    try {
      Scenario scenario = ScenarioLoader.load(file, List.of());
      return new Entry(file, scenario.name(), scenario.description());
    } catch (ScenarioException e) {
      String name = file.getFileName().toString().replaceFirst("\\.conf$", "");
      return new Entry(file, name, "(invalid: " + e.getMessage() + ")");
    }
  }
}
