package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scenarios/durable-bus-crash.conf as a user runs it: three node processes, the event path's node
 * killed with kill -9 and started again, its bus recovering from the H2 journal in the run folder.
 */
class DurableBusCrashTest {

  @TempDir Path dir;

  private static Path scenario() {
    Path here = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(here.resolve("scenarios"))) {
      here = here.getParent();
    }
    return here.resolve("scenarios").resolve("durable-bus-crash.conf");
  }

  @Test
  void everyRequestEndsOnceAlthoughTheBusNodeIsKilledAndRestarted() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // Less load than the scenario, and the kill later: a JVM under test starts slower, and the bus
    // must have journaled events in flight when its node dies, or there is nothing to recover.
    int code =
        Main.execute(
            new String[] {
              "run", scenario().toString(),
              "--set", "traffic.total=3600",
              "--set", "cluster.kill=[{node=events, at=5s, restart-after=1s}]",
              "--json", "-", "--out", dir.resolve("run").toString()
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();

    JsonNode document = new ObjectMapper().readTree(out.toString());
    JsonNode result = document.get("results").get(0);
    assertThat(result.get("lost").asLong()).isZero();
    long outcomes = 0;
    for (JsonNode count : result.get("outcomes")) {
      outcomes += count.asLong();
    }
    assertThat(outcomes).isEqualTo(3600);
    // Nothing was dropped or given up on: the publisher held what the dead bus could not take.
    assertThat(result.get("outcomes").get("succeeded").asLong()).as(err.toString()).isEqualTo(3600);
    // Events in flight on the dead node came back from the journal.
    assertThat(result.get("redelivered").asLong()).as(err.toString()).isPositive();
    List<String> events = new ArrayList<>();
    document.get("node_events").forEach(e -> events.add(e.get("node").asText() + " " + e.get("event").asText()));
    assertThat(events).contains("events killed", "events restarted", "events removed");
    assertThat(dir.resolve("run").resolve("journal.mv.db")).exists();
  }
}
