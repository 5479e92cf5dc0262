package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cascade.scenario.Scenario;
import cascade.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario that runs in one actor system, run twice in virtual time: the two runs
 * write the same files to the byte, and their summary is the one checked in beside the scenario
 * ({@code NAME.expected.txt}). A change that moves any figure of any scenario shows up here, in
 * the commit that makes it, with the difference printed.
 *
 * <p>When a change is meant to move figures, regenerate the expected summaries and commit them
 * with it:
 *
 * <pre>mvn -B -q test -pl runner -am -Dtest=ExpectedResultsTest -Dsurefire.failIfNoSpecifiedTests=false -Dcascade.expected.regenerate=true</pre>
 */
class ExpectedResultsTest {

  private static final boolean REGENERATE = Boolean.getBoolean("cascade.expected.regenerate");

  /** What a run writes that must not change from one run to the next (run-info.json is the machine's). */
  private static final List<String> DETERMINISTIC = List.of("results.json", "summary.txt");

  @TempDir Path dir;

  static Path scenarios() {
    Path here = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(here.resolve("scenarios"))) {
      here = here.getParent();
    }
    return here.resolve("scenarios");
  }

  /** The shipped scenarios that run in one actor system, so in virtual time. */
  static Stream<String> singleJvmScenarios() throws IOException {
    Path root = scenarios();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(file -> file.toString().endsWith(".conf") && !file.getFileName().toString().equals("reference.conf"))
          .filter(file -> ScenarioLoader.load(file, List.of()).clock() == Scenario.Clock.VIRTUAL)
          .map(file -> root.relativize(file).toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleJvmScenarios")
  void twoRunsWriteTheSameFilesAndTheExpectedSummary(String name) throws IOException {
    Path scenario = scenarios().resolve(name);
    Path first = run(scenario, dir.resolve("first"));
    Path second = run(scenario, dir.resolve("second"));

    List<String> files = new ArrayList<>(DETERMINISTIC);
    try (Stream<Path> written = Files.list(first)) {
      written.map(path -> path.getFileName().toString()).filter(file -> file.endsWith(".csv")).sorted().forEach(files::add);
    }
    for (String file : files) {
      assertThat(Files.readString(second.resolve(file))).as("%s of a second run of %s", file, name).isEqualTo(Files.readString(first.resolve(file)));
    }

    Path expected = scenarios().resolve(name.replaceAll("\\.conf$", ".expected.txt"));
    String summary = Files.readString(first.resolve("summary.txt"));
    if (REGENERATE) {
      Files.writeString(expected, summary);
      return;
    }
    if (!Files.exists(expected)) {
      fail("%s has no expected summary (%s); regenerate them (see this test's documentation)", name, scenarios().relativize(expected));
    }
    String want = Files.readString(expected);
    if (!want.equals(summary)) {
      fail("%s no longer gives its expected summary; if the change is meant, regenerate it (see this test's documentation)%n%s",
          name, diff(want, summary));
    }
  }

  private static Path run(Path scenario, Path out) {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    // The command as the expected summaries record it: the scenario as shipped, with its own seed.
    int code =
        Main.execute(
            new String[] {"run", scenario.toString(), "--out", out.toString()},
            new PrintWriter(stdout, true),
            new PrintWriter(stderr, true));
    assertThat(code).as(stderr.toString()).isZero();
    return out;
  }

  /** The lines that differ, each with its number: enough to see what moved. */
  private static String diff(String want, String got) {
    String[] a = want.split("\n", -1);
    String[] b = got.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String expected = i < a.length ? a[i] : "";
      String actual = i < b.length ? b[i] : "";
      if (!expected.equals(actual)) {
        out.append(String.format("line %d%n  expected: %s%n  actual:   %s%n", i + 1, expected, actual));
      }
    }
    return out.toString();
  }
}
