package cascade.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.metrics.RunMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  @Test
  void writesTheSeedKeysInOrderThenTheLabsWithMillisecondsRounded() throws Exception {
    RunMetrics metrics = new RunMetrics();
    metrics.attemptEnded(cascade.metrics.AttemptResult.SUCCEEDED, 11_234_567);
    metrics.requestEnded(Outcome.SUCCEEDED, null, 11_234_567);
    metrics.requestEnded(Outcome.REJECTED, Reasons.BREAKER_OPEN, 0);
    ArchitectureResult result = result("RPC", "rpc", 2, 123_456_789, metrics);

    JsonNode document = new ObjectMapper().readTree(JsonReport.render("demo", "a demo", 7, List.of(result)));

    assertThat(document.get("scenario").asText()).isEqualTo("demo");
    JsonNode r = document.get("results").get(0);
    assertThat(r.fieldNames()).toIterable().startsWith("name", "kind", "ok", "fail", "dropped", "retries", "timeouts", "cb_open", "dlq");
    // Histogram buckets at three significant digits are 8 µs wide here; two decimals remain.
    assertThat(r.get("lat_p50_ms").asDouble()).isCloseTo(11.23, within(0.01));
    assertThat(r.get("wall_ms").asDouble()).isEqualTo(123.46);
    assertThat(r.get("cb_open").asLong()).isEqualTo(1);
    assertThat(r.get("fail").asLong()).isEqualTo(1);
    assertThat(r.get("outcomes").get("rejected").asLong()).isEqualTo(1);
    assertThat(r.get("outcomes").get("dead_lettered").asLong()).isZero();
    assertThat(r.get("reasons").get("breaker-open").asLong()).isEqualTo(1);
    assertThat(r.get("lost").asLong()).isZero();
    assertThat(r.get("amplification").asDouble()).isEqualTo(0.5);
  }

  @Test
  void eachRequestClassIsReportedApartAndTheTableShowsThemOnlyWhenThereAreSeveral() throws Exception {
    RunMetrics metrics = new RunMetrics();
    metrics.requestEnded(Outcome.SUCCEEDED, null, 5_000_000, 0);
    metrics.requestEnded(Outcome.REJECTED, "shed-queue-full", 1_000_000, 1);
    metrics.requestEnded(Outcome.SUCCEEDED, null, 30_000_000, 1);
    ArchitectureResult result = ArchitectureResult.of("RPC", "rpc", 3, 1, metrics, 0, null, i -> 0, List.of("checkout", "browse"), null);

    JsonNode classes = new ObjectMapper().readTree(JsonReport.render("demo", "", 7, List.of(result))).get("results").get(0).get("classes");
    assertThat(classes.fieldNames()).toIterable().containsExactly("checkout", "browse");
    assertThat(classes.get("browse").get("requests").asLong()).isEqualTo(2);
    assertThat(classes.get("browse").get("outcomes").get("rejected").asLong()).isEqualTo(1);
    assertThat(classes.get("checkout").get("e2e_p99_ms").asDouble()).isCloseTo(5.0, within(0.01));
    assertThat(SummaryTable.render(List.of(result))).contains("per request class:");
    assertThat(SummaryTable.render(List.of(result("RPC", "rpc", 3, 1, metrics)))).doesNotContain("per request class:");
  }

  @Test
  void latenciesWithNothingRecordedAreNull() throws Exception {
    ArchitectureResult empty = result("EventDriven", "event-driven", 0, 0, new RunMetrics());
    JsonNode r = new ObjectMapper().readTree(JsonReport.render("demo", "", 1, List.of(empty))).get("results").get(0);
    assertThat(r.get("lat_p50_ms").isNull()).isTrue();
    assertThat(r.get("e2e_max_ms").isNull()).isTrue();
  }

  @Test
  void recoveryIsReportedOnlyWhereFaultsHadAnEnd() throws Exception {
    ArchitectureResult plain = result("RPC", "rpc", 0, 0, new RunMetrics());
    ArchitectureResult faulted =
        new ArchitectureResult(
            "RPC",
            "rpc",
            new ArchitectureResult.Outcomes(0, java.util.Map.of(), java.util.Map.of(), 0),
            new ArchitectureResult.Attempts(0, 0, 0, 0, 0, 0, 0, 0, java.util.Map.of()),
            new ArchitectureResult.Latency(null, null, null, null, null, null, null, null, new cascade.metrics.LatencyHistogram()),
            new ArchitectureResult.Health(0, 0, 0, 0, java.util.Map.of(), null),
            new cascade.metrics.Recovery(500, 496.0, true, 400.0),
            new ArchitectureResult.Durability(0, 0),
            List.of(),
            List.of(),
            List.of(),
            0);
    JsonNode results = new ObjectMapper().readTree(JsonReport.render("demo", "", 1, List.of(plain, faulted))).get("results");

    assertThat(results.get(0).get("recovered").isNull()).isTrue();
    assertThat(results.get(0).get("recovered_after_ms").isNull()).isTrue();
    assertThat(results.get(1).get("recovered").asBoolean()).isTrue();
    assertThat(results.get(1).get("recovered_after_ms").asDouble()).isEqualTo(400.0);
    assertThat(results.get(1).get("goodput_before_per_s").asDouble()).isEqualTo(500.0);
    assertThat(SummaryTable.render(List.of(faulted))).contains("RPC  recovered 400 ms after the faults ended: 500/s before, 496/s at the end");
  }

  /** A result of a run without faults or request classes. */
  private static ArchitectureResult result(String name, String kind, long requests, long wallNanos, RunMetrics metrics) {
    return ArchitectureResult.of(name, kind, requests, wallNanos, metrics, 0, null, i -> 0, List.of("default"), null);
  }
}
