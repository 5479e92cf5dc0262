package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scenario.sweep}: what it expands to, and one clear message for each way to get it wrong. */
class SweepReaderTest {

  @TempDir Path dir;

  private Path file(String body) throws IOException {
    Path file = dir.resolve("story.conf");
    Files.writeString(file, body);
    return file;
  }

  private Sweep sweep(String body, String... overrides) throws IOException {
    return ScenarioLoader.load(file(body), List.of(overrides)).sweep();
  }

  private String problem(String body, String... overrides) throws IOException {
    Path file = file(body);
    return org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file, List.of(overrides)))
        .getMessage();
  }

  private String at(int line) {
    return dir.resolve("story.conf") + ":" + line + ": ";
  }

  @Test
  void withoutASweepThereAreNoPoints() throws IOException {
    assertThat(sweep("").on()).isFalse();
    assertThat(sweep("").points()).isEmpty();
    assertThat(sweep("scenario.sweep = [ { key = seed, values = [1, 2] } ]", "scenario.sweep=[]").on()).isFalse();
  }

  @Test
  void aRangeStepsInExactDecimalsAndIncludesItsEnd() throws IOException {
    Sweep sweep = sweep("scenario.sweep = [ { key = service.failure-probability, from = 0, to = 1, step = 0.1 } ]\n");

    assertThat(sweep.keys()).containsExactly("service.failure-probability");
    assertThat(sweep.points()).hasSize(11);
    assertThat(sweep.points().stream().map(Sweep.Point::label))
        .containsExactly(
            "failure-probability=0", "failure-probability=0.1", "failure-probability=0.2", "failure-probability=0.3",
            "failure-probability=0.4", "failure-probability=0.5", "failure-probability=0.6", "failure-probability=0.7",
            "failure-probability=0.8", "failure-probability=0.9", "failure-probability=1");
    assertThat(sweep.points().get(3).values()).isEqualTo(Map.of("service.failure-probability", 0.3));
    // A whole value is a whole number, so that whole-number keys take it.
    assertThat(sweep.points().get(10).values().get("service.failure-probability")).isEqualTo(1L);
  }

  @Test
  void twoKeysMakeEveryCombinationTheFirstOutermost() throws IOException {
    Sweep sweep =
        sweep(
            """
            scenario.sweep = [
              { key = rpc.retry.max-retries, values = [0, 3] }
              { key = rpc.timeout, values = [50ms, 120ms] }
            ]
            """);

    assertThat(sweep.points().stream().map(Sweep.Point::label))
        .containsExactly("max-retries=0, timeout=50ms", "max-retries=0, timeout=120ms", "max-retries=3, timeout=50ms", "max-retries=3, timeout=120ms");
    assertThat(sweep.points().get(0).where()).isEqualTo(at(2).replaceAll(": $", ""));
  }

  @Test
  void anUnknownKeyIsNamedWithASuggestion() throws IOException {
    assertThat(problem("scenario.sweep = [ { key = service.failure-probabilty, values = [0.1] } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].key: unknown key service.failure-probabilty; did you mean service.failure-probability?");
    assertThat(problem("scenario.sweep = [ { key = service.failure-probability, valeus = [0.1] } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].valeus: unknown key; an entry has key, and values or from, to, step; did you mean values?");
  }

  @Test
  void aNumericKeyTakesNumbersOnly() throws IOException {
    assertThat(problem("scenario.sweep = [ { key = service.failure-probability, values = [0.1, high] } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].values: service.failure-probability is a number, but the list holds \"high\"");
    assertThat(problem("scenario.sweep = [ { key = rpc.timeout, from = 1, to = 2, step = 1 } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].key: rpc.timeout is not a number: list its values instead, like values = [...]");
    assertThat(problem("scenario.sweep = [ { key = service.capacity, from = 100, to = lots, step = 100 } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].to: must be a number, but was \"lots\"");
  }

  @Test
  void anEmptyListAStepThatNeverArrivesAndABackwardRangeAreRefused() throws IOException {
    assertThat(problem("scenario.sweep = [ { key = service.capacity, values = [] } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].values: is empty: a sweep needs at least one value");
    assertThat(problem("scenario.sweep = [ { key = service.capacity, from = 100, to = 200, step = 0 } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].step: must be above 0, but was 0");
    assertThat(problem("scenario.sweep = [ { key = service.capacity, from = 100, to = 200, step = -10 } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].step: must be above 0, but was -10");
    assertThat(problem("scenario.sweep = [ { key = service.capacity, from = 300, to = 200, step = 10 } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].from: must be at most to (200), but was 300");
    assertThat(problem("scenario.sweep = [ { key = service.capacity, from = 1, to = 2000, step = 1 } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].step: makes 2000 points from 1 to 2000, more than 1000");
    assertThat(problem("scenario.sweep = [ { key = service.capacity, from = 100 } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].to: missing: a range needs from, to and step");
  }

  @Test
  void atMostTwoKeysEachOnce() throws IOException {
    assertThat(
            problem(
                """
                scenario.sweep = [
                  { key = service.capacity, values = [100] }
                  { key = rpc.timeout, values = [50ms] }
                  { key = seed, values = [1] }
                ]
                """))
        .isEqualTo(at(1) + "scenario.sweep: may vary at most 2 keys, but names 3");
    assertThat(problem("scenario.sweep = [ { key = seed, values = [1] }, { key = seed, values = [2] } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[1].key: names seed twice");
  }

  @Test
  void onlyTheSystemAndItsLoadCanBeSweptOneValueAtATime() throws IOException {
    assertThat(problem("scenario.sweep = [ { key = cluster.port, values = [1, 2] } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].key: a sweep may vary only seed, traffic, service, rpc, event-driven, policy keys, but names cluster.port");
    assertThat(problem("scenario.sweep = [ { key = rpc.policies, values = [breaker] } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].key: rpc.policies holds a list or a section; a sweep varies single values");
    assertThat(problem("scenario.sweep = [ { key = seed } ]\n"))
        .isEqualTo(at(1) + "scenario.sweep[0].key: needs the values seed takes: values = [...], or from, to and step");
  }

  @Test
  void neitherASetNorAVariantMayFixASweptKey() throws IOException {
    String body = "scenario.sweep = [ { key = service.capacity, values = [100, 200] } ]\n";
    assertThat(problem(body, "service.capacity=300"))
        .isEqualTo(
            "--set service.capacity=300: service.capacity: the sweep (" + at(1).replaceAll(": $", "")
                + ") sets this key at each point; drop the --set, or the sweep with --set 'scenario.sweep=[]'");
    assertThat(
            problem(
                """
                scenario.variants = [ { name = big, architecture = rpc, set { service.capacity = 900 } } ]
                scenario.sweep = [ { key = service.capacity, values = [100, 200] } ]
                """))
        .isEqualTo(at(2) + "scenario.sweep[0].key: variant \"big\" sets service.capacity itself, so the sweep could not vary it there");
  }

  @Test
  void aBadValueAtAnyPointIsFoundWithWhereTheSweepIsAndTheKey() throws IOException {
    Path file = file("\nscenario.sweep = [ { key = service.failure-probability, from = 0.8, to = 1.2, step = 0.2 } ]\n");
    Scenario scenario = ScenarioLoader.load(file, List.of());
    List<Sweep.Point> points = scenario.sweep().points();
    assertThat(ScenarioLoader.loadPoint(file, List.of(), points.get(1)).service().model().failureProbability()).isEqualTo(1.0);

    String message =
        org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.loadPoint(file, List.of(), points.get(2)))
            .getMessage();
    assertThat(message)
        .isEqualTo(
            at(2).replaceAll(": $", "") + " (scenario.sweep point failure-probability=1.2): service.failure-probability: must be between 0 and 1, but was 1.2");
  }

  @Test
  void aClusterCannotBeSwept() throws IOException {
    assertThat(problem("cluster.mode = in-jvm\nscenario.sweep = [ { key = seed, values = [1, 2] } ]\n"))
        .isEqualTo(at(2) + "scenario.sweep: a sweep runs its points side by side in one actor system: set cluster.mode = off");
  }
}
