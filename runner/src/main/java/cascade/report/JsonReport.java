package cascade.report;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.metrics.Recovery;
import cascade.metrics.TierResult;
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
 * result with the seed's keys first, then Cascade Lab's. Keys are snake_case like the seed's;
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
    document.put(
        "node_events",
        nodeEvents.stream()
            .map(e -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("node", e.node());
              m.put("event", e.event());
              m.put("at_ms", round(e.atMs()));
              return m;
            })
            .toList());
    if (journal != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      // Only what the run decides; where the journal is, its speed and its size are in run_info.
      m.put("kind", journal.kind());
      m.put("events_written", journal.written());
      m.put("rows", journal.rows());
      m.put("snapshots", journal.snapshots());
      document.put("journal", m);
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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("kind", r.kind());
    m.put("ok", r.ok());
    m.put("fail", r.fail());
    m.put("dropped", r.dropped());
    m.put("retries", r.retries());
    m.put("timeouts", r.timeouts());
    m.put("cb_open", r.cbOpen());
    m.put("dlq", r.dlq());
    m.put("lat_p50_ms", round(r.latP50Ms()));
    m.put("lat_p95_ms", round(r.latP95Ms()));
    m.put("lat_p99_ms", round(r.latP99Ms()));
    m.put("lat_mean_ms", round(r.latMeanMs()));
    m.put("wall_ms", round(r.wallMs()));
    m.put("requests", r.requests());
    m.put("shed", r.shed());
    m.put("retry_peak_per_10ms", r.retryPeak());
    m.put("attempts", r.attempts());
    m.put("amplification", Math.round(r.amplification() * 1000) / 1000.0);
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome.key, r.outcomes().getOrDefault(outcome, 0L));
    }
    m.put("outcomes", outcomes);
    m.put("reasons", new java.util.TreeMap<>(r.reasons()));
    m.put("policy_events", new java.util.TreeMap<>(r.policyEvents()));
    m.put("crashes", r.crashes());
    m.put("restarts", r.restarts());
    m.put("lost_with_instances", r.lostWithInstances());
    m.put("unavailable_ms", round(r.unavailableMs()));
    m.put("akka_dead_letters", new java.util.TreeMap<>(r.akkaDeadLetters()));
    m.put("recovery_ms", round(r.recoveryMs()));
    // Whether goodput came back after the faults (see cascade.metrics.Recovery); null without a trigger.
    Recovery recovery = r.recovery();
    m.put("recovered", recovery == null ? null : recovery.recovered());
    m.put("recovered_after_ms", recovery == null ? null : round(recovery.recoveredAfterMs()));
    m.put("goodput_before_per_s", recovery == null ? null : round(recovery.goodputBeforePerSecond()));
    m.put("goodput_end_per_s", recovery == null ? null : round(recovery.goodputEndPerSecond()));
    m.put("lost", r.lost());
    m.put("redelivered", r.redelivered());
    m.put("duplicates", r.duplicates());
    m.put("e2e_p50_ms", round(r.e2eP50Ms()));
    m.put("e2e_p95_ms", round(r.e2eP95Ms()));
    m.put("e2e_p99_ms", round(r.e2eP99Ms()));
    m.put("e2e_max_ms", round(r.e2eMaxMs()));
    // HdrHistogram's own summary figures; the whole distribution is in e2e-<name>.hgrm.
    m.put("e2e_min_ms", round(r.e2eHistogram().minMillis()));
    m.put("e2e_mean_ms", round(r.e2eHistogram().meanMillis()));
    m.put("e2e_stddev_ms", round(r.e2eHistogram().stdDeviationMillis()));
    m.put("e2e_p99_9_ms", round(r.e2eHistogram().percentileMillis(99.9)));
    m.put("e2e_p99_99_ms", round(r.e2eHistogram().percentileMillis(99.99)));
    Map<String, Object> classes = new LinkedHashMap<>();
    for (ArchitectureResult.ClassResult c : r.classes()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("requests", c.requests());
      Map<String, Long> counts = new LinkedHashMap<>();
      for (Outcome outcome : Outcome.values()) {
        counts.put(outcome.key, c.outcomes().getOrDefault(outcome, 0L));
      }
      one.put("outcomes", counts);
      one.put("e2e_p50_ms", round(c.e2eP50Ms()));
      one.put("e2e_p99_ms", round(c.e2eP99Ms()));
      classes.put(c.name(), one);
    }
    m.put("classes", classes);
    if (!r.tiers().isEmpty()) {
      m.put("tiers", r.tiers().stream().map(JsonReport::tier).toList());
    }
    return m;
  }

  static Map<String, Object> tier(TierResult t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("received", t.received());
    m.put("amplification", Math.round(t.amplification() * 1000) / 1000.0);
    m.put("succeeded", t.succeeded());
    m.put("failed", t.failed());
    m.put("service_p50_ms", round(t.serviceP50Ms()));
    m.put("service_p99_ms", round(t.serviceP99Ms()));
    m.put(
        "calls",
        t.calls().stream()
            .map(c -> {
              Map<String, Object> call = new LinkedHashMap<>();
              call.put("to", c.to());
              call.put("call", c.call());
              call.put("requests", c.requests());
              call.put("attempts", c.attempts());
              call.put("retries", c.retries());
              call.put("succeeded", c.succeeded());
              call.put("failed", c.failed());
              return call;
            })
            .toList());
    return m;
  }

  private static Double round(Double millis) {
    return millis == null ? null : Math.round(millis * 100) / 100.0;
  }
}
