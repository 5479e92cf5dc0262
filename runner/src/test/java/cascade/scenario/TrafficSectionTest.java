package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cascade.load.ClosedLoop;
import cascade.load.ConstantRate;
import cascade.load.Ramp;
import cascade.load.Replay;
import cascade.load.RequestClasses;
import cascade.load.Sinusoidal;
import cascade.load.Spike;
import cascade.load.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traffic shapes beyond the tutorial's: what a file says, and the one-line problems a bad one gets. */
class TrafficSectionTest {

  @TempDir Path dir;

  private Path story(String body) throws IOException {
    Path file = dir.resolve("story.conf");
    Files.writeString(file, body);
    return file;
  }

  private Scenario.Traffic load(String body, String... overrides) throws IOException {
    return ScenarioLoader.load(story(body), List.of(overrides)).traffic();
  }

  private String problem(String body) throws IOException {
    Path file = story(body);
    return catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file, List.of())).getMessage();
  }

  @Test
  void readsEachShapesSettings() throws IOException {
    String shapes =
        """
        traffic { arrivals = step, total = 900, rate = 100, ramp-to = 300, step-at = 2s, step-to = 50
          spike-at = 3s, spike-for = 1s, spike-rate = 900, amplitude = 40, period = 1m
          users = 8, think-time = 1s, think = exponential }
        """;
    assertThat(load(shapes).load()).isEqualTo(new Step(900, 100, Duration.ofSeconds(2), 50));
    assertThat(load(shapes, "traffic.arrivals=spike").load()).isEqualTo(new Spike(900, 100, Duration.ofSeconds(3), Duration.ofSeconds(1), 900));
    assertThat(load(shapes, "traffic.arrivals=sinusoidal").load()).isEqualTo(new Sinusoidal(900, 100, 40, Duration.ofMinutes(1)));
    assertThat(load(shapes, "traffic.arrivals=ramp").load()).isEqualTo(new Ramp(900, 100, 300));
    assertThat(load(shapes, "traffic.arrivals=constant").load()).isEqualTo(new ConstantRate(900, 100));
    ClosedLoop users = (ClosedLoop) load(shapes, "traffic.arrivals=closed-loop").load();
    assertThat(users.users()).isEqualTo(8);
    assertThat(users.thinkTime()).isEqualTo(Duration.ofSeconds(1));
    assertThat(users.think()).isEqualTo(ClosedLoop.Think.EXPONENTIAL);
    // A shape that is not used is still checked, as every key of a scenario is.
    assertThat(problem("traffic { arrivals = constant, spike-for = soon }\n")).contains("traffic.spike-for: must be a duration");
  }

  @Test
  void aDayCycleMayNotSwingBelowZero() throws IOException {
    // The rule lives in Sinusoidal itself; the reader reports it at the key, with its line.
    assertThat(problem("traffic {\n arrivals = sinusoidal\n rate = 100\n amplitude = 150\n}\n"))
        .isEqualTo(dir.resolve("story.conf") + ":4: traffic.amplitude: must be at most traffic.rate (100) for a sinusoidal load, or the rate would go below 0, but was 150");
    // The same amplitude is fine for a shape that does not use it.
    assertThat(load("traffic { arrivals = constant, rate = 100, amplitude = 150 }").load()).isEqualTo(new ConstantRate(2000, 100));
  }

  @Test
  void thinkTimesAreChosenByName() throws IOException {
    assertThat(problem("traffic.think = exponentail\n"))
        .isEqualTo(dir.resolve("story.conf") + ":1: traffic.think: must be one of fixed, uniform, exponential, but was exponentail; did you mean exponential?");
    assertThat(problem("traffic.users = 0\n")).isEqualTo(dir.resolve("story.conf") + ":1: traffic.users: must be at least 1, but was 0");
  }

  @Test
  void requestClassesHaveWeightsAndPrioritiesWithDefaults() throws IOException {
    Scenario.Traffic t =
        load("traffic.classes = [\n { name = checkout, weight = 1, priority = 1 }\n { name = browse, weight = 4 }\n { name = admin } ]\n");
    assertThat(t.classes().classes())
        .containsExactly(
            new RequestClasses.RequestClass("checkout", 1, 1),
            new RequestClasses.RequestClass("browse", 4, 0),
            new RequestClasses.RequestClass("admin", 1, 0));
    assertThat(load("").classes().classes()).containsExactly(new RequestClasses.RequestClass("default", 1, 0));
  }

  @Test
  void aBadRequestClassIsNamedWithItsLine() throws IOException {
    String at3 = dir.resolve("story.conf") + ":3: traffic.classes: ";
    assertThat(problem("traffic.classes = [\n { name = checkout }\n { name = browse, weight = 0 }\n]\n"))
        .isEqualTo(at3 + "class browse: weight must be a number above 0, but was 0");
    assertThat(problem("traffic.classes = [\n { name = checkout }\n { name = browse, priorty = 2 }\n]\n"))
        .isEqualTo(at3 + "class 2 has an unknown key priorty; did you mean priority? (it takes name, weight, priority)");
    assertThat(problem("traffic.classes = [\n { name = checkout }\n { name = checkout }\n]\n")).isEqualTo(at3 + "names the class checkout twice");
    assertThat(problem("traffic.classes = [\n { name = checkout }\n { weight = 2 }\n]\n")).isEqualTo(at3 + "class 2 needs a name, like name = checkout");
    assertThat(problem("traffic.classes = [\n { name = a }\n { name = b, priority = high }\n]\n"))
        .isEqualTo(at3 + "class b: priority must be a whole number (higher is served first), but was \"high\"");
    assertThat(problem("traffic.classes = checkout\n"))
        .isEqualTo(dir.resolve("story.conf") + ":1: traffic.classes: must be a list like [ { name = checkout, weight = 1, priority = 1 } ], but was \"checkout\"");
  }

  @Test
  void aReplayReadsItsCsvBesideTheScenarioAndCountsItsRows() throws IOException {
    Files.createDirectories(dir.resolve("traces"));
    Files.writeString(dir.resolve("traces/peak.csv"), "# recorded at noon\noffset_ms,path\n0,/a\n0.5,/b\n\n12,/c\n");
    Scenario.Traffic t = load("traffic { arrivals = replay, replay-file = traces/peak.csv, total = 5 }\n");
    assertThat(t.load().total()).isEqualTo(3);
    assertThat(t.load()).isEqualTo(new Replay(new long[] {0, 500_000, 12_000_000}));
  }

  @Test
  void aBadCsvIsNamedWithItsLine() throws IOException {
    Path csv = dir.resolve("bad.csv");
    String replay = "traffic {\n arrivals = replay\n replay-file = bad.csv\n}\n";

    Files.writeString(csv, "offset_ms\n1\n2\nsoon\n");
    assertThat(problem(replay)).isEqualTo(csv + ":4: traffic.replay-file: the offset must be a number of milliseconds, like 12.5, but was \"soon\"");
    Files.writeString(csv, "1\n5\n3\n");
    assertThat(problem(replay)).isEqualTo(csv + ":3: traffic.replay-file: offsets must be in order, but 3 ms comes after 5 ms");
    Files.writeString(csv, "-1\n");
    assertThat(problem(replay)).isEqualTo(csv + ":1: traffic.replay-file: the offset must be at least 0 ms, but was -1");
    Files.writeString(csv, "# nothing yet\n");
    assertThat(problem(replay)).isEqualTo(csv + ": traffic.replay-file: holds no offsets (one per line, in milliseconds)");
    assertThat(problem("traffic {\n arrivals = replay\n replay-file = missing.csv\n}\n"))
        .isEqualTo(dir.resolve("story.conf") + ":3: traffic.replay-file: no readable file " + dir.resolve("missing.csv"));
    assertThat(problem("traffic.arrivals = replay\n"))
        .startsWith(dir.resolve("story.conf") + ": traffic.replay-file: must name a CSV file");
  }
}
