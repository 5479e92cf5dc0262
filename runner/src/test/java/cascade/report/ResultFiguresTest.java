package cascade.report;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.LatencyHistogram;
import cascade.metrics.Outcome;
import cascade.metrics.Recovery;
import cascade.metrics.TierResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The description of a result's figures is the one place they are listed: the JSON writes every
 * figure of it and nothing else, and each table column shows its figure's value under its label.
 */
class ResultFiguresTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A result in which every figure has a value of its own, so that a mix-up shows. */
  private static ArchitectureResult result() {
    Map<Outcome, Long> counts = Map.of(Outcome.SUCCEEDED, 60L, Outcome.FAILED, 11L, Outcome.REJECTED, 12L, Outcome.DROPPED, 13L, Outcome.DEAD_LETTERED, 14L);
    LatencyHistogram e2e = new LatencyHistogram();
    e2e.recordNanos(21_000_000);
    e2e.recordNanos(45_000_000);
    TierResult tier =
        new TierResult("stock", 140, 1.4, 120, 20, 8.5, 9.5, List.of(new TierResult.Calls("db", "rpc", 120, 130, 10, 115, 5)), List.of());
    return new ArchitectureResult(
        "RPC",
        "rpc",
        new ArchitectureResult.Outcomes(110, counts, Map.of("breaker-open", 7L, "last-attempt-failed", 11L), 0),
        new ArchitectureResult.Attempts(187, 1.7, 60, 35, 77, 9, 15, 16, Map.of("breaker: closed->open", 2L)),
        new ArchitectureResult.Latency(11.111, 12.222, 13.333, 11.555, 20.25, 30.5, 40.75, 50.125, e2e),
        new ArchitectureResult.Health(3, 2, 4, 123.456, Map.of("service: Handle (mailbox full)", 5L), 250.5),
        new Recovery(500, 480.0, true, 300.0),
        new ArchitectureResult.Durability(17, 18),
        List.of(new ArchitectureResult.ClassResult("checkout", 50, counts, 19.5, 39.5)),
        List.of(tier),
        List.of(),
        1234.567);
  }

  @Test
  void theJsonWritesEveryFigureOfTheDescriptionUnderItsKeyAndNothingElse() throws Exception {
    ArchitectureResult result = result();
    JsonNode json = MAPPER.readTree(JsonReport.render("demo", "", 7, List.of(result))).get("results").get(0);

    Set<String> described = new LinkedHashSet<>();
    for (Figure<ArchitectureResult> figure : ResultFigures.RESULT) {
      if (figure.key() != null) {
        assertThat(json.at(path(figure.key())).isMissingNode()).as(figure.key()).isFalse();
        assertThat(json.at(path(figure.key()))).as(figure.key()).isEqualTo(tree(figure.json().apply(result)));
        described.add(figure.key().split("\\.")[0]);
      }
    }
    described.add("tiers");
    assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(described);
    // The figures read from the records, not only from the description: spot checks of values a user reads.
    assertThat(json.get("cb_open").asLong()).isEqualTo(7);
    assertThat(json.get("dlq").asLong()).isEqualTo(14);
    assertThat(json.get("retry_peak_per_10ms").asLong()).isEqualTo(9);
    assertThat(json.get("unavailable_ms").asDouble()).isEqualTo(123.46);
    assertThat(json.get("duplicates").asLong()).isEqualTo(18);
  }

  @Test
  void aClassAndATierAreWrittenFigureByFigure() throws Exception {
    ArchitectureResult result = result();
    JsonNode json = MAPPER.readTree(JsonReport.render("demo", "", 7, List.of(result))).get("results").get(0);

    JsonNode checkout = json.get("classes").get("checkout");
    for (Figure<ArchitectureResult.ClassResult> figure : ResultFigures.CLASS) {
      if (figure.key() != null) {
        assertThat(checkout.at(path(figure.key()))).as(figure.key()).isEqualTo(tree(figure.json().apply(result.classes().get(0))));
      }
    }
    JsonNode stock = json.get("tiers").get(0);
    for (Figure<TierResult> figure : ResultFigures.TIER) {
      assertThat(stock.at(path(figure.key()))).as(figure.key()).isEqualTo(tree(figure.json().apply(result.tiers().get(0))));
    }
    assertThat(stock.get("calls").get(0).get("attempts").asLong()).isEqualTo(130);
  }

  @Test
  void eachTableColumnShowsItsFiguresValueUnderItsLabel() {
    ArchitectureResult result = result();
    String table = SummaryTable.render(List.of(result));

    assertThat(cells(section(table, null), 0)).isEqualTo(expected(ResultFigures.SUMMARY, result));
    assertThat(cells(section(table, "service health:"), 0)).isEqualTo(expected(ResultFigures.HEALTH, result));
    assertThat(cells(section(table, "tiers:"), 0)).containsEntry("architecture", "RPC").containsEntry("tier", "stock")
        .containsEntry("ampl", "1.40").containsEntry("svc p99", "9.5").containsEntry("calls (attempts, retries)", "-> db 130 (10)");
    ArchitectureResult twoClasses =
        new ArchitectureResult(result.name(), result.kind(), result.outcomes(), result.attempts(), result.latency(), result.health(),
            result.recovery(), result.durability(), List.of(result.classes().get(0), new ArchitectureResult.ClassResult("browse", 0, Map.of(), null, null)),
            List.of(), List.of(), result.wallMs());
    Map<String, String> checkout = cells(section(SummaryTable.render(List.of(twoClasses)), "per request class:"), 0);
    assertThat(checkout).containsEntry("class", "checkout").containsEntry("dead-lettered", "14").containsEntry("e2e p99", "39.5");
    assertThat(checkout.keySet()).containsExactlyElementsOf(
        Stream.concat(Stream.of("architecture"), ResultFigures.CLASS.stream().map(Figure::label)).toList());
  }

  @Test
  void everyLabelledFigureIsShownInATable() {
    Set<String> shown = new LinkedHashSet<>();
    Stream.concat(ResultFigures.SUMMARY.stream(), ResultFigures.HEALTH.stream()).forEach(f -> shown.add(f.label()));
    for (Figure<ArchitectureResult> figure : ResultFigures.RESULT) {
      if (figure.label() != null) {
        assertThat(shown).as("the label of " + figure.key()).contains(figure.label());
      }
    }
  }

  private static Map<String, String> expected(List<Figure<ArchitectureResult>> columns, ArchitectureResult result) {
    Map<String, String> cells = new LinkedHashMap<>();
    columns.forEach(f -> cells.put(f.label(), f.text().apply(result)));
    return cells;
  }

  /** The lines of the grid under {@code title} (the first grid when null), up to its first line of prose. */
  private static List<String> section(String table, String title) {
    List<String> lines = table.lines().toList();
    int start = title == null ? 0 : lines.indexOf(title) + 1;
    List<String> grid = new ArrayList<>();
    for (int i = start; i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).contains("; "); i++) {
      grid.add(lines.get(i));
    }
    return grid;
  }

  /** Row {@code row} of a grid, by its header's labels: cells and labels stand apart by two spaces or more. */
  private static Map<String, String> cells(List<String> grid, int row) {
    String[] labels = grid.get(0).strip().split(" {2,}");
    String[] values = grid.get(row + 1).strip().split(" {2,}");
    assertThat(values).hasSameSizeAs(labels);
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i++) {
      cells.put(labels[i], values[i]);
    }
    return cells;
  }

  /** A value as the document holds it once written and read back (numbers parsed as any JSON reader would). */
  private static JsonNode tree(Object value) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String path(String key) {
    return "/" + key.replace('.', '/');
  }
}
