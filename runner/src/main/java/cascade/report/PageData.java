package cascade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report page's script draws, as one JSON object built from run folders: per run its
 * texts, per result the time series by column (x in seconds of the run), the fault spans, node
 * kills and recovery to mark, per tier its series; the sweep object as the run wrote it; and for
 * two runs, the summary rows of both with their differences.
 */
final class PageData {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The figures of a result that a comparison of two runs sets side by side, as paths into its JSON. */
  static final Map<String, String> DELTA_FIGURES = deltaFigures();

  private PageData() {}

  /** Labels as the comparison shows them, keys as {@link ResultFigures} declares them. */
  private static Map<String, String> deltaFigures() {
    Map<String, String> m = new LinkedHashMap<>();
    compare(m, "requests", "requests");
    compare(m, "succeeded", "outcomes.succeeded");
    compare(m, "failed", "outcomes.failed");
    compare(m, "rejected", "outcomes.rejected");
    compare(m, "dropped", "outcomes.dropped");
    compare(m, "dead-lettered", "outcomes.dead_lettered");
    compare(m, "attempts", "attempts");
    compare(m, "ampl", "amplification");
    compare(m, "retries", "retries");
    compare(m, "timeouts", "timeouts");
    compare(m, "e2e p50 ms", "e2e_p50_ms");
    compare(m, "e2e p99 ms", "e2e_p99_ms");
    compare(m, "e2e max ms", "e2e_max_ms");
    compare(m, "recovered", "recovered");
    return m;
  }

  /** The figure under {@code key}, by its path in a result's JSON object; a key no figure has fails at once. */
  private static void compare(Map<String, String> figures, String label, String key) {
    figures.put(label, "/" + ResultFigures.find(key).key().replace('.', '/'));
  }

  /**
   * @param labels one label per run ("A", "B"), shown beside its results when there are several runs
   * @param regenerate the command that rebuilds the page
   */
  static ObjectNode of(List<RunFiles> runs, List<String> labels, String regenerate) {
    ObjectNode page = MAPPER.createObjectNode();
    page.put("regenerate", regenerate);
    ObjectNode specs = page.putObject("specs");
    specs.set("result", MAPPER.valueToTree(ChartSpecs.RESULT));
    specs.set("tier", MAPPER.valueToTree(ChartSpecs.TIER));
    specs.set("compare", MAPPER.valueToTree(ChartSpecs.COMPARE));
    specs.set("sweepMetrics", MAPPER.valueToTree(ChartSpecs.SWEEP_METRICS));
    specs.set("palette", MAPPER.valueToTree(ChartSpecs.PALETTE));
    ArrayNode runNodes = page.putArray("runs");
    for (int i = 0; i < runs.size(); i++) {
      runNodes.add(run(runs.get(i), labels.get(i)));
    }
    if (runs.size() == 2) {
      page.set("deltas", deltas(runs.get(0), runs.get(1)));
    }
    return page;
  }

  private static ObjectNode run(RunFiles files, String label) {
    ObjectNode run = MAPPER.createObjectNode();
    run.put("label", label);
    run.put("folder", files.folder().toAbsolutePath().normalize().getFileName().toString());
    run.put("scenario", files.scenario());
    run.put("description", files.document().path("description").asText(""));
    run.put("seed", files.seed());
    run.put("summary", files.summary());
    run.put("scenarioText", files.scenarioText());
    ArrayNode results = run.putArray("results");
    for (RunFiles.Result result : files.results()) {
      results.add(result(result, files.document().path("node_events")));
    }
    if (files.document().has("sweep")) {
      run.set("sweep", files.document().get("sweep"));
    }
    return run;
  }

  private static ObjectNode result(RunFiles.Result r, JsonNode nodeEvents) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", r.name());
    node.put("kind", r.json().path("kind").asText());
    if (r.json().has("sweep_point")) {
      node.set("sweepPoint", r.json().get("sweep_point"));
    }
    List<Double> starts = r.series().numbers("t_ms");
    double intervalMs = starts.size() > 1 ? starts.get(1) - starts.get(0) : 100;
    node.put("intervalMs", intervalMs);
    node.set("x", seconds(starts));
    ObjectNode columns = node.putObject("columns");
    for (String column : r.series().header()) {
      if (!column.equals("t_ms") && !column.equals("breaker") && !column.equals("faults")) {
        columns.set(column, MAPPER.valueToTree(r.series().numbers(column)));
      }
    }
    node.set("breaker", MAPPER.valueToTree(r.series().column("breaker")));
    List<Span> faults = spans(r.series().column("faults"), starts, intervalMs);
    node.set("faults", MAPPER.valueToTree(faults));
    double endS = starts.isEmpty() ? 0 : (starts.get(starts.size() - 1) + intervalMs) / 1000;
    double loadStartS = loadStartSeconds(r, starts);
    node.set("downs", MAPPER.valueToTree(downs(nodeEvents, loadStartS, endS)));
    ArrayNode marks = node.putArray("marks");
    for (JsonNode event : nodeEvents) {
      marks.addObject().put("label", "node " + event.path("node").asText() + " " + event.path("event").asText())
          .put("at", loadStartS + event.path("at_ms").asDouble() / 1000);
    }
    markRecovery(node, marks, r, faults, intervalMs);
    ArrayNode tiers = node.putArray("tiers");
    for (RunFiles.Tier tier : r.tiers()) {
      ObjectNode t = tiers.addObject();
      t.put("name", tier.name());
      t.set("x", seconds(tier.series().numbers("t_ms")));
      ObjectNode tierColumns = t.putObject("columns");
      for (String column : tier.series().header()) {
        if (!column.equals("t_ms")) {
          tierColumns.set(column, MAPPER.valueToTree(tier.series().numbers(column)));
        }
      }
    }
    return node;
  }

  /**
   * Node events are timed from the start of the load, the series from the start of the run: in a
   * cluster run the load starts later. The first interval with requests offered is where it started
   * (to within an interval), and where the events are placed from.
   */
  private static double loadStartSeconds(RunFiles.Result r, List<Double> starts) {
    List<Double> offered = r.series().numbers("offered");
    for (int i = 0; i < offered.size(); i++) {
      if (offered.get(i) != null && offered.get(i) > 0) {
        return starts.get(i) / 1000;
      }
    }
    return 0;
  }

  /** Whether goodput came back after the faults, and when: a mark on the charts and a line beside them. */
  private static void markRecovery(ObjectNode node, ArrayNode marks, RunFiles.Result r, List<Span> faults, double intervalMs) {
    JsonNode recovered = r.json().path("recovered");
    if (!recovered.isBoolean()) {
      return;
    }
    double faultsEndMs = faults.stream().mapToDouble(Span::to).max().orElse(0) * 1000;
    if (recovered.asBoolean() && r.json().path("recovered_after_ms").isNumber()) {
      // Recovery is judged on whole intervals: the recovered stretch starts at an interval's start,
      // which the span's end (rounded up to its interval) plus the delay lands in.
      double atMs = Math.floor((faultsEndMs + r.json().path("recovered_after_ms").asDouble()) / intervalMs) * intervalMs;
      marks.addObject().put("label", "recovered").put("at", atMs / 1000).put("kind", "recovered");
      node.put("recovery", String.format(java.util.Locale.ROOT, "recovered %.0f ms after the faults ended",
          r.json().path("recovered_after_ms").asDouble()));
    } else if (!recovered.asBoolean()) {
      node.put("recovery", "did not recover: goodput stayed below 90% of what it was before the faults");
    }
  }

  /** A stretch of the run a fault was in force, in seconds: whole intervals, as the CSV marks them. */
  record Span(String label, double from, double to) {}

  static List<Span> spans(List<String> faults, List<Double> starts, double intervalMs) {
    Map<String, double[]> open = new LinkedHashMap<>();
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i <= faults.size(); i++) {
      List<String> labels = i < faults.size() && !faults.get(i).isEmpty() ? List.of(faults.get(i).split("\\+")) : List.of();
      for (var it = open.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        if (!labels.contains(entry.getKey())) {
          spans.add(new Span(entry.getKey(), entry.getValue()[0] / 1000, entry.getValue()[1] / 1000));
          it.remove();
        }
      }
      for (String label : labels) {
        double start = starts.get(i);
        open.computeIfAbsent(label, l -> new double[] {start, start})[1] = start + intervalMs;
      }
    }
    return spans;
  }

  /**
   * When each killed node was down, in seconds of the run: from its kill to its restart, or to
   * {@code endS} when it stayed down. (Its removal from the cluster stays a mark: the node was down
   * before.) Node events are timed from the load's start, {@code loadStartS} into the run.
   */
  static List<Span> downs(JsonNode nodeEvents, double loadStartS, double endS) {
    List<Span> downs = new ArrayList<>();
    Map<String, Double> killedAt = new LinkedHashMap<>();
    for (JsonNode event : nodeEvents) {
      String name = event.path("node").asText();
      double at = loadStartS + event.path("at_ms").asDouble() / 1000;
      switch (event.path("event").asText()) {
        case "killed" -> killedAt.put(name, at);
        case "restarted" -> {
          Double from = killedAt.remove(name);
          if (from != null) {
            downs.add(new Span("node " + name + " down", from, at));
          }
        }
        default -> { }
      }
    }
    killedAt.forEach((name, from) -> downs.add(new Span("node " + name + " down", from, Math.max(from, endS))));
    return downs;
  }

  private static ArrayNode seconds(List<Double> millis) {
    ArrayNode x = MAPPER.createArrayNode();
    millis.forEach(ms -> x.add(ms / 1000));
    return x;
  }

  /** Per result name of either run: each figure in A, in B, and B - A where both are numbers. */
  private static ArrayNode deltas(RunFiles a, RunFiles b) {
    List<String> names = new ArrayList<>();
    a.results().forEach(r -> names.add(r.name()));
    b.results().stream().map(RunFiles.Result::name).filter(n -> !names.contains(n)).forEach(names::add);
    ArrayNode out = MAPPER.createArrayNode();
    for (String name : names) {
      JsonNode ra = find(a, name);
      JsonNode rb = find(b, name);
      ObjectNode row = out.addObject();
      row.put("name", name);
      ArrayNode figures = row.putArray("figures");
      DELTA_FIGURES.forEach((label, path) -> {
        JsonNode va = ra == null ? null : ra.at(path);
        JsonNode vb = rb == null ? null : rb.at(path);
        ObjectNode figure = figures.addObject().put("label", label);
        figure.set("a", va == null || va.isMissingNode() ? null : va);
        figure.set("b", vb == null || vb.isMissingNode() ? null : vb);
        if (va != null && vb != null && va.isNumber() && vb.isNumber()) {
          figure.put("delta", Math.round((vb.asDouble() - va.asDouble()) * 1000) / 1000.0);
        }
      });
    }
    return out;
  }

  private static JsonNode find(RunFiles run, String name) {
    return run.results().stream().filter(r -> r.name().equals(name)).map(RunFiles.Result::json).findFirst().orElse(null);
  }
}
