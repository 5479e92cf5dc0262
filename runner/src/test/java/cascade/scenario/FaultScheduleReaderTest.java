package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.service.FaultSchedule;
import cascade.service.FaultSchedule.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faults.schedule}: read entry by entry, every problem one line naming the entry's line and key. */
class FaultScheduleReaderTest {

  @TempDir Path dir;

  private Path file(String body) throws IOException {
    Path file = dir.resolve("story.conf");
    Files.writeString(file, body);
    return file;
  }

  private Scenario load(String body, String... overrides) throws IOException {
    return ScenarioLoader.load(file(body), List.of(overrides));
  }

  private String problem(String body, String... overrides) throws IOException {
    Path file = file(body);
    return org.assertj.core.api.Assertions.catchThrowableOfType(
            ScenarioException.class, () -> ScenarioLoader.load(file, List.of(overrides)))
        .getMessage();
  }

  private String at(int line) {
    return dir.resolve("story.conf") + ":" + line + ": ";
  }

  @Test
  void everyKindIsReadWithWhatItNeeds() throws IOException {
    Scenario s =
        load(
            """
            service.replicas = 3
            faults.schedule = [
              { at = 1s, for = 500ms, kind = capacity-drop, factor = 0.3, label = "capacity drop" }
              { at = 2s, for = 100ms, kind = latency, factor = 4 }
              { at = 0ms, for = 1s, kind = error-rate, probability = 0.2, target = service }
              { at = 3s, kind = crash, instances = 2 }
              { at = 3s, for = 200ms, kind = hang }
              { at = 4s, for = 300ms, kind = stall }
            ]
            """);

    assertThat(s.faultSchedule().entries())
        .containsExactly(
            new FaultSchedule.Entry("capacity drop", "service", Kind.CAPACITY_DROP, Duration.ofSeconds(1), Duration.ofMillis(500), 0.3, 1),
            new FaultSchedule.Entry("latency", "service", Kind.LATENCY, Duration.ofSeconds(2), Duration.ofMillis(100), 4.0, 1),
            new FaultSchedule.Entry("error-rate", "service", Kind.ERROR_RATE, Duration.ZERO, Duration.ofSeconds(1), 0.2, 1),
            new FaultSchedule.Entry("crash", "service", Kind.CRASH, Duration.ofSeconds(3), Duration.ZERO, 0, 2),
            new FaultSchedule.Entry("hang", "service", Kind.HANG, Duration.ofSeconds(3), Duration.ofMillis(200), 0, 1),
            new FaultSchedule.Entry("stall", "service", Kind.STALL, Duration.ofSeconds(4), Duration.ofMillis(300), 0, 1));
    assertThat(load("").faultSchedule()).isEqualTo(FaultSchedule.NONE);
  }

  @Test
  void aBadEntryIsNamedByItsOwnLineAndKey() throws IOException {
    String head = "faults.schedule = [\n  { at = 1s, for = 500ms, kind = latency, factor = 2 }\n";
    assertThat(problem(head + "  { at = 1s, for = 500ms, kind = capacity-dip, factor = 0.3 }\n]\n"))
        .isEqualTo(at(3) + "faults.schedule[1].kind: must be one of latency, error-rate, capacity-drop, crash, hang, stall, node-kill, but was capacity-dip; did you mean capacity-drop?");
    assertThat(problem(head + "  { at = 1s, for = 500ms, factor = 0.3 }\n]\n"))
        .isEqualTo(at(3) + "faults.schedule[1].kind: every entry needs a kind (latency, error-rate, capacity-drop, crash, hang, stall, node-kill)");
    assertThat(problem(head + "  { at = 1s, kind = capacity-drop, factor = 0.3 }\n]\n"))
        .isEqualTo(at(3) + "faults.schedule[1].for: a capacity-drop entry needs for (like { at = 1s, for = 500ms, kind = capacity-drop, factor = 0.3 })");
    assertThat(problem(head + "  { at = 1s, for = 5ms, kind = capacity-drop, factr = 0.3 }\n]\n"))
        .isEqualTo(at(3) + "faults.schedule[1].factr: unknown key; did you mean factor?");
    assertThat(problem(head + "  { at = 1s, for = 5ms, kind = crash }\n]\n"))
        .isEqualTo(at(3) + "faults.schedule[1].for: a crash entry has no for (like { at = 1s, kind = crash, instances = 1 })");
  }

  @Test
  void impossibleTimesAndValuesAreRefused() throws IOException {
    assertThat(problem("faults.schedule = [ { at = -1s, for = 500ms, kind = stall } ]\n"))
        .isEqualTo(at(1) + "faults.schedule[0].at: must be at least 0, but was \"-1s\"");
    assertThat(problem("faults.schedule = [ { at = 1s, for = 0ms, kind = stall } ]\n"))
        .isEqualTo(at(1) + "faults.schedule[0].for: must be above 0, but was \"0ms\"");
    assertThat(problem("faults.schedule = [ { at = 1s, for = 1s, kind = capacity-drop, factor = 1.5 } ]\n"))
        .isEqualTo(at(1) + "faults.schedule[0].factor: must be above 0 and at most 1, but was 1.5");
    assertThat(problem("faults.schedule = [ { at = 1s, for = 1s, kind = error-rate, probability = 2 } ]\n"))
        .isEqualTo(at(1) + "faults.schedule[0].probability: must be between 0 and 1, but was 2");
    assertThat(problem("faults.schedule = [ { at = 1s, kind = crash, instances = 2 } ]\n"))
        .isEqualTo(at(1) + "faults.schedule[0].instances: can hit at most the service's 1 instance (service.replicas), but was 2");
    assertThat(problem("faults.schedule = [ { at = 1s, for = 1s, kind = stall, target = database } ]\n"))
        .isEqualTo(at(1) + "faults.schedule[0].target: must name a service of the scenario (service), but was database");
    assertThat(problem("faults.schedule = [ 3 ]\n"))
        .startsWith(at(1) + "faults.schedule: each entry must be a section like");
  }

  @Test
  void anEntryGivenOnTheCommandLineIsNamedByTheOption() throws IOException {
    String override = "faults.schedule=[{at=1s,kind=stall}]";
    assertThat(problem("", override))
        .isEqualTo("--set " + override + ": faults.schedule[0].for: a stall entry needs for (like { at = 1s, for = 200ms, kind = stall })");
  }

  @Test
  void aNodeKillIsAClusterKillAndNeedsANodeProcess() throws IOException {
    String twoProcesses = "cluster.mode = processes\nscenario.architectures = [rpc]\n";
    assertThat(load(twoProcesses + "faults.schedule = [ { at = 2s, kind = node-kill, node = back } ]\n").cluster().kills())
        .containsExactly(new Scenario.NodeKill("back", Duration.ofSeconds(2)));
    assertThat(problem("faults.schedule = [ { at = 2s, kind = node-kill, node = back } ]\n"))
        .isEqualTo(at(1) + "faults.schedule: node-kill needs a cluster of node processes (cluster.mode = processes), but cluster.mode is off");
    assertThat(problem(twoProcesses + "faults.schedule = [ { at = 2s, kind = node-kill, node = front } ]\n"))
        .isEqualTo(at(3) + "faults.schedule: node-kill can kill only a node other than the first (the coordinator), but names front");
    assertThat(problem(twoProcesses + "faults.schedule = [ { at = 2s, kind = node-kill } ]\n"))
        .isEqualTo(at(3) + "faults.schedule[0].node: a node-kill entry needs node (like { at = 1s, kind = node-kill, node = back })");
  }
}
