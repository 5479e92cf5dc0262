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

/** A topology run through the command: the per-tier block in the table, `tiers` in the JSON. */
class TopologyRunTest {

  @TempDir Path dir;

  /**
   * a -> b -> c, 2 retries per hop, c always fails: (2 + 1)^k attempts per request at the k-th
   * tier. Nothing times out (2 s against millisecond answers) and no tier is near its capacity,
   * so the counts are exact whatever the timing.
   */
  private static final String CHAIN =
      """
      scenario.architectures = [topology]
      traffic { total = 5, arrivals = tutorial }
      service { capacity = 100000, base-latency = 1ms, jitter = 0ms, failure-probability = 0 }
      rpc { timeout = 2s, policies = [], retry { max-retries = 2, base = 1ms } }
      topology {
        tiers { a {}, b {}, c { service { failure-probability = 1.0 } } }
        edges = [ { from = a, to = [b] }, { from = b, to = [c] } ]
      }
      """;

  @Test
  void aChainReportsEachTiersAmplificationAtTheAnalyticBound() throws IOException {
    Path file = dir.resolve("chain.conf");
    Files.writeString(file, CHAIN);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.execute(
            new String[] {"run", file.toString(), "--json", "-", "--out", dir.resolve("out").toString()},
            new PrintWriter(out, true),
            new PrintWriter(err, true));

    assertThat(code).as(err.toString()).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString()).get("results").get(0);
    assertThat(result.get("kind").asText()).isEqualTo("topology");
    assertThat(result.get("outcomes").get("failed").asLong()).isEqualTo(5);
    assertThat(result.get("lost").asLong()).isZero();
    List<String> tiers = new ArrayList<>();
    List<Double> amplification = new ArrayList<>();
    for (JsonNode tier : result.get("tiers")) {
      tiers.add(tier.get("name").asText());
      amplification.add(tier.get("amplification").asDouble());
    }
    assertThat(tiers).containsExactly("a", "b", "c");
    assertThat(amplification).containsExactly(3.0, 9.0, 27.0);
    JsonNode aToB = result.get("tiers").get(0).get("calls").get(0);
    assertThat(aToB.get("to").asText()).isEqualTo("b");
    assertThat(aToB.get("attempts").asLong()).isEqualTo(45);
    assertThat(aToB.get("retries").asLong()).isEqualTo(30);
    // The table goes to standard error with --json -, the tiers' block under it.
    assertThat(err.toString()).contains("tiers:").containsPattern("Topology +c +135 +27\\.00");
    // Each tier's time series is in the run folder: its intervals add up to the tier's totals.
    assertThat(columnSum(dir.resolve("out/timeseries-topology-tier-c.csv"), "received")).isEqualTo(135);
    assertThat(columnSum(dir.resolve("out/timeseries-topology-tier-c.csv"), "failed")).isEqualTo(135);
    assertThat(columnSum(dir.resolve("out/timeseries-topology-tier-b.csv"), "attempts_out")).isEqualTo(135);
    assertThat(columnSum(dir.resolve("out/timeseries-topology-tier-a.csv"), "retries_out")).isEqualTo(30);
  }

  private static long columnSum(Path csv, String column) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    int index = java.util.Arrays.asList(lines.get(0).split(",")).indexOf(column);
    return lines.stream().skip(1).mapToLong(line -> Long.parseLong(line.split(",")[index])).sum();
  }
}
