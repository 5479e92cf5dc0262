package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped sweep {@code scenarios/sweeps/fixing-retries.conf} against what Brooker's article and
 * probability say it must show, point by point, read from its JSON document (run once for the
 * class).
 */
class FixingRetriesSweepTest {

  private static final String KEY = "service.failure-probability";

  /** Per point (failure probability): each architecture's entry of the document's sweep object. */
  private static final Map<Double, Map<String, JsonNode>> POINTS = new LinkedHashMap<>();

  private static long requests;

  @TempDir static Path dir;

  @BeforeAll
  static void runTheSweep() throws IOException {
    Path scenario = ExpectedResultsTest.scenarios().resolve("sweeps/fixing-retries.conf");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new String[] {"run", scenario.toString(), "--json", "-", "--out", dir.resolve("out").toString()},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    JsonNode document = new ObjectMapper().readTree(out.toString());
    assertThat(document.get("sweep").get("keys").get(0).asText()).isEqualTo(KEY);
    for (JsonNode point : document.get("sweep").get("points")) {
      Map<String, JsonNode> byArchitecture = new LinkedHashMap<>();
      point.get("results").forEach(r -> byArchitecture.put(r.get("architecture").asText(), r));
      POINTS.put(point.get("values").get(KEY).asDouble(), byArchitecture);
    }
    for (JsonNode result : document.get("results")) {
      assertThat(result.get("lost").asLong()).as(result.get("name").asText()).isZero();
      requests = result.get("requests").asLong();
    }
    assertThat(POINTS).hasSize(11);
    assertThat(Files.readAllLines(dir.resolve("out/sweep.csv"))).hasSize(1 + 11 * 5);
  }

  private static double amplification(double p, String architecture) {
    return POINTS.get(p).get(architecture).get("amplification").asDouble();
  }

  private static double success(double p, String architecture) {
    return POINTS.get(p).get(architecture).get("success_rate").asDouble();
  }

  /**
   * With three retries, a request makes k attempts (k = 1..3) with probability p^(k-1) (1 - p) and
   * four with probability p^3, so its mean is 1 + p + p^2 + p^3. The mean over n independent
   * requests has a standard error of sqrt(variance / n); four of them (a chance of about 6 in
   * 100,000 per point for a correct model, and the run is seeded, so it passes or fails for good)
   * bound how far the measured mean may stray. The JSON rounds it to 0.001, which is added.
   */
  @Test
  void plainRetriesMakeOnePlusPPlusPSquaredPlusPCubedAttemptsPerRequest() {
    for (double p : POINTS.keySet()) {
      double mean = 0;
      double meanOfSquares = 0;
      for (int k = 1; k <= 4; k++) {
        double chance = k < 4 ? Math.pow(p, k - 1) * (1 - p) : Math.pow(p, 3);
        mean += k * chance;
        meanOfSquares += k * k * chance;
      }
      assertThat(mean).isCloseTo(1 + p + p * p + p * p * p, within(1e-12));
      double standardError = Math.sqrt((meanOfSquares - mean * mean) / requests);
      assertThat(amplification(p, "plain retries")).as("p = %s", p).isCloseTo(mean, within(4 * standardError + 0.0005));
    }
    assertThat(amplification(0.5, "plain retries")).isCloseTo(1.875, within(0.06));
    // At the ends nothing is left to chance.
    assertThat(amplification(0.0, "plain retries")).isEqualTo(1.0);
    assertThat(amplification(1.0, "plain retries")).isEqualTo(4.0);
  }

  @Test
  void aRequestFundedBudgetStaysNearOnePointOneWhereTheTokenBucketDecaysToOne() {
    // The budget (10% of requests, no minimum) pays its share of retries even when every call fails.
    for (double p : new double[] {0.3, 0.5, 0.8, 1.0}) {
      assertThat(amplification(p, "retry budget 10%")).as("p = %s", p).isBetween(1.09, 1.1);
    }
    // The bucket pays only from successes: at p = 1 just its 100 starting tokens are spent.
    assertThat(amplification(1.0, "token bucket")).isEqualTo(1 + 100.0 / requests);
    double previous = Double.MAX_VALUE;
    for (double p : new double[] {0.2, 0.4, 0.6, 0.8, 1.0}) {
      assertThat(amplification(p, "token bucket")).as("p = %s", p).isLessThan(previous);
      previous = amplification(p, "token bucket");
    }
    // Once successes are too few to refill it (and its starting tokens are a small share), it spends less than the budget.
    for (double p : new double[] {0.4, 0.6, 0.8, 1.0}) {
      assertThat(amplification(p, "token bucket")).as("p = %s", p).isLessThan(amplification(p, "retry budget 10%"));
    }
    // Where failures are rarer than a success's deposit, it lets every retry through, as plain retries do.
    assertThat(amplification(0.1, "token bucket")).isEqualTo(amplification(0.1, "plain retries"));
  }

  @Test
  void aBreakerOnRetriesOnlyKeepsFirstTriesWhereAPerAttemptBreakerRefusesThem() {
    // At p = 0.5 half the requests would succeed at the first try; the per-attempt breaker rejects nearly all.
    assertThat(success(0.5, "breaker")).isLessThan(0.05);
    assertThat(success(0.5, "breaker on retries")).isCloseTo(0.5, within(0.03));
    for (double p : POINTS.keySet()) {
      // Every first try is made, and once the breaker is open almost no retry.
      assertThat(amplification(p, "breaker on retries")).as("p = %s", p).isGreaterThanOrEqualTo(1.0);
      assertThat(success(p, "breaker on retries")).as("p = %s", p).isGreaterThanOrEqualTo(1 - p - 0.03);
    }
    assertThat(amplification(1.0, "breaker on retries")).isCloseTo(1.0, within(0.01));
  }
}
