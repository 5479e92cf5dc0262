package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cascade.load.ConstantRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranges of the service and traffic sections' numbers are the settings' own rules: each
 * impossible value is refused at its key and line, in the words a scenario has always read, with
 * the number as the user wrote it.
 */
class RangeRulesTest {

  @TempDir Path dir;

  private String problem(String body) throws IOException {
    Path file = Files.writeString(dir.resolve("story.conf"), body);
    return catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file, List.of())).getMessage();
  }

  private String at(int line) {
    return dir.resolve("story.conf") + ":" + line + ": ";
  }

  @Test
  void theServicesNumbersAreRefusedAtTheirKeys() throws IOException {
    assertThat(problem("service.capacity = 0\n")).isEqualTo(at(1) + "service.capacity: must be above 0, but was 0");
    assertThat(problem("service.capacity = 0.5\nservice.overload-failure-probability = 1.25\n"))
        .isEqualTo(at(2) + "service.overload-failure-probability: must be between 0 and 1, but was 1.25");
    assertThat(problem("service.max-failure-probability = -0.5\n"))
        .isEqualTo(at(1) + "service.max-failure-probability: must be between 0 and 1, but was -0.5");
    assertThat(problem("service.replicas = -2\n")).isEqualTo(at(1) + "service.replicas: must be at least 1, but was -2");
    assertThat(problem("service.mailbox-capacity = -1\n")).isEqualTo(at(1) + "service.mailbox-capacity: must be at least 0, but was -1");
    assertThat(problem("service.load-shedding.max-concurrent = -1\n"))
        .isEqualTo(at(1) + "service.load-shedding.max-concurrent: must be at least 0, but was -1");
    assertThat(problem("service.load-shedding { max-concurrent = 10\n queue-capacity = -3 }\n"))
        .isEqualTo(at(2) + "service.load-shedding.queue-capacity: must be at least 0, but was -3");
    assertThat(problem("service.faults.crash-after = -1\n")).isEqualTo(at(1) + "service.faults.crash-after: must be at least 0, but was -1");
    assertThat(problem("service.faults.cold-latency-factor = 0.5\n"))
        .isEqualTo(at(1) + "service.faults.cold-latency-factor: must be at least 1, but was 0.5");
    assertThat(problem("service.faults.cold-latency-factor = 0\n"))
        .isEqualTo(at(1) + "service.faults.cold-latency-factor: must be at least 1, but was 0");
    assertThat(problem("service.supervision.max-restarts = 0\n"))
        .isEqualTo(at(1) + "service.supervision.max-restarts: must be at least 1, but was 0");
    assertThat(problem("service.supervision.random-factor = 2\n"))
        .isEqualTo(at(1) + "service.supervision.random-factor: must be between 0 and 1, but was 2");
  }

  @Test
  void aTiersServiceNumberIsRefusedAtTheTiersKey() throws IOException {
    String body =
        """
        scenario.architectures = [topology]
        topology {
          tiers {
            front { service { replicas = 0 } }
            back {}
          }
          edges = [ { from = front, to = back } ]
        }
        """;
    assertThat(problem(body)).isEqualTo(at(4) + "topology.tiers.front.service.replicas: must be at least 1, but was 0");
  }

  @Test
  void theTrafficsNumbersAreRefusedAtTheirKeys() throws IOException {
    assertThat(problem("traffic.total = 0\n")).isEqualTo(at(1) + "traffic.total: must be at least 1, but was 0");
    assertThat(problem("traffic { arrivals = constant\n rate = 0 }\n")).isEqualTo(at(2) + "traffic.rate: must be above 0, but was 0");
    assertThat(problem("traffic { arrivals = ramp\n ramp-to = -1.5 }\n")).isEqualTo(at(2) + "traffic.ramp-to: must be above 0, but was -1.5");
    assertThat(problem("traffic { arrivals = bursts\n burst = 0 }\n")).isEqualTo(at(2) + "traffic.burst: must be at least 1, but was 0");
    assertThat(problem("traffic { arrivals = step\n step-to = 0 }\n")).isEqualTo(at(2) + "traffic.step-to: must be above 0, but was 0");
    assertThat(problem("traffic { arrivals = spike\n spike-rate = -10 }\n")).isEqualTo(at(2) + "traffic.spike-rate: must be above 0, but was -10");
    assertThat(problem("traffic { arrivals = sinusoidal\n amplitude = -1 }\n")).isEqualTo(at(2) + "traffic.amplitude: must be at least 0, but was -1");
    assertThat(problem("traffic { arrivals = closed-loop\n users = 0 }\n")).isEqualTo(at(2) + "traffic.users: must be at least 1, but was 0");
  }

  @Test
  void aKeyTheChosenShapeDoesNotUseMeetsItsOwnShapesRulesAllTheSame() throws IOException {
    // The tutorial's load sends everything at once: it has no rate, ramp, burst, step, spike, cycle or users.
    assertThat(problem("traffic.rate = 0\n")).isEqualTo(at(1) + "traffic.rate: must be above 0, but was 0");
    assertThat(problem("traffic.ramp-to = 0\n")).isEqualTo(at(1) + "traffic.ramp-to: must be above 0, but was 0");
    assertThat(problem("traffic.burst = 0\n")).isEqualTo(at(1) + "traffic.burst: must be at least 1, but was 0");
    assertThat(problem("traffic.step-to = 0\n")).isEqualTo(at(1) + "traffic.step-to: must be above 0, but was 0");
    assertThat(problem("traffic.spike-rate = 0\n")).isEqualTo(at(1) + "traffic.spike-rate: must be above 0, but was 0");
    assertThat(problem("traffic { arrivals = constant\n amplitude = -1 }\n")).isEqualTo(at(2) + "traffic.amplitude: must be at least 0, but was -1");
    assertThat(problem("traffic { arrivals = replay\n total = 0 }\n")).isEqualTo(at(2) + "traffic.total: must be at least 1, but was 0");
    // A rule tying two keys together binds only the shape that uses both.
    Path file = Files.writeString(dir.resolve("story.conf"), "traffic { arrivals = constant, total = 10, rate = 5, amplitude = 6 }\n");
    assertThat(ScenarioLoader.load(file, List.of()).traffic().load()).isEqualTo(new ConstantRate(10, 5));
  }
}
