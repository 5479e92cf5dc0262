package cascade.report;

import cascade.metrics.ArchitectureResult;
import cascade.run.JournalUse;
import cascade.run.NodeEvent;
import cascade.run.NodeInfo;
import cascade.run.SweepResults;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON document of a run: {@code {"scenario", "description", "seed", "results": [...]}}, each
 * result with the tutorial's keys first, then Cascade Lab's. Keys are snake_case like the tutorial's;
 * milliseconds are rounded to two decimals.
 */
public final class JsonReport {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** A document of results alone: no nodes, no journal, no facts of the machine, no sweep. */
  public static String render(String scenario, String description, long seed, List<ArchitectureResult> results) {
    return render(scenario, description, seed, results, List.of(), List.of(), null, null, null);
  }

  /**
   * @param journal what the durable event path journaled, or null without a journal
   * @param runInfo facts about the machine and the moment (when it ran, for how long, which
   *     process), which differ from run to run; null to leave them out, as {@code results.json}
   *     does so that two runs of the same scenario and seed compare equal
   * @param sweep a sweep's results by point, or null for a run without {@code scenario.sweep}: then
   *     the document has no {@code sweep} and its results no {@code sweep_point}
   */
  public static String render(
      String scenario,
      String description,
      long seed,
      List<ArchitectureResult> results,
      List<NodeInfo> nodes,
      List<NodeEvent> nodeEvents,
      JournalUse journal,
      RunInfo runInfo,
      SweepResults sweep) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("scenario", scenario);
    document.put("description", description);
    document.put("seed", seed);
    document.put(
        "results",
        results.stream()
            .map(r -> {
              Map<String, Object> m = result(r);
              if (sweep != null) {
                m.put("sweep_point", SweepTable.jsonValues(sweep.pointOf(r.name()).orElseThrow()));
              }
              return m;
            })
            .toList());
    document.put("nodes", nodes.stream().map(JsonReport::node).toList());
    document.put("node_events", nodeEvents.stream().map(JsonReport::nodeEvent).toList());
    if (journal != null) {
      document.put("journal", journal(journal));
    }
    if (sweep != null) {
      document.put("sweep", SweepTable.json(sweep));
    }
    if (runInfo != null) {
      document.put("run_info", runInfo(runInfo, journal));
    }
    try {
      return MAPPER.writeValueAsString(document) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plain map could not be written as JSON", e);
    }
  }

  private static Map<String, Object> nodeEvent(NodeEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", e.node());
    m.put("event", e.event());
    m.put("at_ms", Figure.round(e.atMs(), 100));
    return m;
  }

  /** Only what the run decides; where the journal is, its speed and its size are in run_info. */
  private static Map<String, Object> journal(JournalUse journal) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", journal.kind());
    m.put("events_written", journal.written());
    m.put("rows", journal.rows());
    m.put("snapshots", journal.snapshots());
    return m;
  }

  /** The machine's part of a run, apart from the results: see {@link RunInfo}. */
  public static String renderRunInfo(RunInfo info, JournalUse journal) {
    try {
      return MAPPER.writeValueAsString(runInfo(info, journal)) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plain map could not be written as JSON", e);
    }
  }

  private static Map<String, Object> runInfo(RunInfo info, JournalUse journal) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clock", info.clock());
    m.put("started", info.started().toString());
    m.put("wall_seconds", Math.round(info.wallSeconds() * 1000) / 1000.0);
    m.put("pid", info.pid());
    m.put("cores", info.cores());
    m.put("java", info.java());
    if (journal != null) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("where", journal.where());
      j.put("events_per_second", Math.round(journal.eventsPerSecond() * 10) / 10.0);
      j.put("bytes", journal.bytes());
      m.put("journal", j);
    }
    return m;
  }

  static Map<String, Object> node(NodeInfo n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    m.put("roles", n.roles());
    m.put("address", n.address());
    // The process: a fact of the machine, absent (null) for the one node of a run in one actor system.
    m.put("pid", n.pid() > 0 ? n.pid() : null);
    // Only the lab's own messages (calls, replies, events, metrics), not cluster gossip; null
    // when the node could not say (no cluster, or it was killed).
    m.put("messages_sent_to_other_nodes", n.traffic() == null ? null : n.traffic().messagesSent());
    m.put("bytes_sent_to_other_nodes", n.traffic() == null ? null : n.traffic().bytesSent());
    m.put("messages_received_from_other_nodes", n.traffic() == null ? null : n.traffic().messagesReceived());
    if (!n.tiers().isEmpty()) {
      m.put("tiers", n.tiers()); // a topology's tiers it ran
    }
    return m;
  }

  static Map<String, Object> result(ArchitectureResult r) {
    Map<String, Object> m = object(ResultFigures.RESULT, r);
    if (!r.tiers().isEmpty()) {
      m.put("tiers", r.tiers().stream().map(t -> object(ResultFigures.TIER, t)).toList());
    }
    return m;
  }

  /**
   * An object of {@code figures} read off {@code value}, in their order; a dotted key ({@code
   * outcomes.succeeded}) goes into a nested object, which stands where its first figure does.
   */
  static <T> Map<String, Object> object(List<Figure<T>> figures, T value) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Figure<T> figure : figures) {
      if (figure.key() == null) {
        continue;
      }
      Map<String, Object> into = m;
      String[] path = figure.key().split("\\.");
      for (int i = 0; i < path.length - 1; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) into.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        into = nested;
      }
      into.put(path[path.length - 1], figure.json().apply(value));
    }
    return m;
  }
}
