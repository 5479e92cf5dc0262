package cascade.cli;

import static cascade.cli.CommandLineRun.cascade;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.cli.CommandLineRun.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep through the command line: what it runs, names and writes, and what it refuses before running. */
class SweepCommandTest {

  @TempDir Path dir;

  private Path scenario(String body) throws IOException {
    Path file = dir.resolve("swept.conf");
    Files.writeString(file, body);
    return file;
  }

  private static final String TWO_KEYS =
      """
      scenario.architectures = [rpc]
      scenario.sweep = [
        { key = service.failure-probability, values = [0, 1] }
        { key = rpc.retry.max-retries, from = 1, to = 2, step = 1 }
      ]
      traffic { total = 100, arrivals = constant, rate = 1000 }
      service { max-failure-probability = 1 }
      rpc.policies = []
      """;

  @Test
  void everyPointRunsForEveryArchitectureAndTheDocumentFollowsTheContract() throws IOException {
    Path out = dir.resolve("out");
    Result result = cascade("run", scenario(TWO_KEYS).toString(), "--json", "-", "--out", out.toString());

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode document = new ObjectMapper().readTree(result.out());
    List<String> names = new ArrayList<>();
    document.get("results").forEach(r -> names.add(r.get("name").asText()));
    assertThat(names)
        .containsExactly(
            "RPC @ failure-probability=0, max-retries=1", "RPC @ failure-probability=0, max-retries=2",
            "RPC @ failure-probability=1, max-retries=1", "RPC @ failure-probability=1, max-retries=2");
    JsonNode last = document.get("results").get(3);
    assertThat(last.get("sweep_point").toString()).isEqualTo("{\"service.failure-probability\":1,\"rpc.retry.max-retries\":2}");
    // Every call fails at p = 1: each request makes max-retries + 1 attempts.
    assertThat(last.get("amplification").asDouble()).isEqualTo(3.0);
    assertThat(last.get("lost").asLong()).isZero();

    JsonNode sweep = document.get("sweep");
    assertThat(sweep.get("keys").toString()).isEqualTo("[\"service.failure-probability\",\"rpc.retry.max-retries\"]");
    assertThat(sweep.get("metrics").toString()).isEqualTo("[\"amplification\",\"success_rate\",\"e2e_p99_ms\",\"recovered\"]");
    assertThat(sweep.get("points")).hasSize(4);
    JsonNode point = sweep.get("points").get(2);
    assertThat(point.get("values").toString()).isEqualTo("{\"service.failure-probability\":1,\"rpc.retry.max-retries\":1}");
    JsonNode entry = point.get("results").get(0);
    assertThat(entry.get("architecture").asText()).isEqualTo("RPC");
    assertThat(entry.get("result").asText()).isEqualTo("RPC @ failure-probability=1, max-retries=1");
    assertThat(entry.get("amplification").asDouble()).isEqualTo(2.0);
    assertThat(entry.get("success_rate").asDouble()).isEqualTo(0.0);
    assertThat(entry.get("e2e_p99_ms").isNumber()).isTrue();
    assertThat(entry.get("recovered").isNull()).isTrue();
    assertThat(sweep.get("points").get(0).get("results").get(0).get("success_rate").asDouble()).isEqualTo(1.0);

    // The files of every point, named as today's are; the sweep's own CSV; the tables in summary.txt.
    assertThat(out.resolve("timeseries-rpc-failure-probability-1-max-retries-2.csv")).exists();
    assertThat(Files.readAllLines(out.resolve("sweep.csv")))
        .containsExactly(
            "service.failure-probability,rpc.retry.max-retries,architecture,result,amplification,success_rate,e2e_p99_ms,recovered",
            "0,1,RPC,\"RPC @ failure-probability=0, max-retries=1\",1.0,1.0," + jsonP99(document, 0) + ",",
            "0,2,RPC,\"RPC @ failure-probability=0, max-retries=2\",1.0,1.0," + jsonP99(document, 1) + ",",
            "1,1,RPC,\"RPC @ failure-probability=1, max-retries=1\",2.0,0.0," + jsonP99(document, 2) + ",",
            "1,2,RPC,\"RPC @ failure-probability=1, max-retries=2\",3.0,0.0," + jsonP99(document, 3) + ",");
    String summary = Files.readString(out.resolve("summary.txt"));
    assertThat(summary)
        .contains("sweep over service.failure-probability and rpc.retry.max-retries: 4 points x 1 architectures")
        .contains("amplification (attempts per request):")
        .containsPattern("failure-probability +max-retries +RPC")
        .containsPattern("\\n1 +2 +3\\.000\\n")
        .doesNotContain("recovered (");
    assertThat(result.err()).contains("amplification (attempts per request):");
  }

  private static String jsonP99(JsonNode document, int index) {
    return String.valueOf(document.get("sweep").get("points").get(index).get("results").get(0).get("e2e_p99_ms").asDouble());
  }

  @Test
  void withoutASweepTheDocumentHasNoSweepAndNoSweepPoint() throws IOException {
    Result result =
        cascade("run", scenario(TWO_KEYS).toString(), "--set", "scenario.sweep=[]", "--json", "-", "--out", dir.resolve("plain").toString());

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode document = new ObjectMapper().readTree(result.out());
    assertThat(document.has("sweep")).isFalse();
    assertThat(document.get("results")).hasSize(1);
    assertThat(document.get("results").get(0).has("sweep_point")).isFalse();
    assertThat(document.get("results").get(0).get("name").asText()).isEqualTo("RPC");
    assertThat(dir.resolve("plain/sweep.csv")).doesNotExist();
  }

  @Test
  void aValueThatFitsNoPointStopsTheRunBeforeAnythingRuns() throws IOException {
    Path file =
        scenario(
            """
            scenario.architectures = [rpc]
            scenario.sweep = [ { key = traffic.total, from = 100, to = 200, step = 50.5 } ]
            """);
    Result result = cascade("run", file.toString(), "--out", dir.resolve("never").toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo(file + ":2 (scenario.sweep point total=150.5): traffic.total: must be a whole number, but was 150.5");
    assertThat(result.out()).isEmpty();
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void validateNamesThePointsItWouldRun() throws IOException {
    Result result = cascade("validate", scenario(TWO_KEYS).toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .endsWith(
            String.join(
                System.lineSeparator(),
                "sweep over service.failure-probability and rpc.retry.max-retries: 4 points x 1 architectures = 4 runs",
                "  failure-probability=0, max-retries=1",
                "  failure-probability=0, max-retries=2",
                "  failure-probability=1, max-retries=1",
                "  failure-probability=1, max-retries=2",
                ""));
  }
}
