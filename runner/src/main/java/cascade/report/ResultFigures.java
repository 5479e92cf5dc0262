package cascade.report;

import static cascade.report.Figure.count;
import static cascade.report.Figure.counts;
import static cascade.report.Figure.millis;
import static cascade.report.Figure.plain;
import static cascade.report.Figure.ratio;
import static cascade.report.Figure.span;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.ArchitectureResult.ClassResult;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.metrics.Recovery;
import cascade.metrics.TierResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The figures of a result, each declared once: {@code results.json} writes them in this order (the
 * seed's keys first, then Cascade Lab's), and the summary, health, class and tier tables pick
 * their columns from them by key. A new figure is one line in {@link #RESULT}, and one key in a
 * table's list if a table should show it.
 */
final class ResultFigures {

  private ResultFigures() {}

  /** A result's figures in the order of {@code results.json}; its tiers follow when it has any. */
  static final List<Figure<ArchitectureResult>> RESULT =
      concat(
          List.of(
              plain("name", "architecture", ArchitectureResult::name),
              plain("kind", null, ArchitectureResult::kind),
              count("ok", null, r -> r.attempts().ok()),
              count("fail", null, r -> r.attempts().fail()),
              count("dropped", null, r -> r.outcomes().count(Outcome.DROPPED)),
              count("retries", "retries", r -> r.attempts().retries()),
              count("timeouts", "timeouts", r -> r.attempts().timeouts()),
              count("cb_open", "cb_open", r -> r.outcomes().reason(Reasons.BREAKER_OPEN)),
              count("dlq", null, r -> r.outcomes().count(Outcome.DEAD_LETTERED)),
              millis("lat_p50_ms", "lat p50", r -> r.latency().latP50Ms()),
              millis("lat_p95_ms", null, r -> r.latency().latP95Ms()),
              millis("lat_p99_ms", "lat p99", r -> r.latency().latP99Ms()),
              millis("lat_mean_ms", null, r -> r.latency().latMeanMs()),
              span("wall_ms", "wall", ArchitectureResult::wallMs),
              count("requests", "requests", r -> r.outcomes().requests()),
              count("shed", null, r -> r.attempts().shed()),
              count("retry_peak_per_10ms", null, r -> r.attempts().retryPeak()),
              count("attempts", "attempts", r -> r.attempts().total()),
              ratio("amplification", "ampl", r -> r.attempts().amplification())),
          outcomes(r -> r.outcomes().counts()),
          List.of(
              counts("reasons", r -> r.outcomes().reasons()),
              counts("policy_events", r -> r.attempts().policyEvents()),
              count("crashes", "crashes", r -> r.health().crashes()),
              count("restarts", "restarts", r -> r.health().restarts()),
              count("lost_with_instances", "lost with instance", r -> r.health().lostWithInstances()),
              span("unavailable_ms", "unavailable", r -> r.health().unavailableMs()),
              counts("akka_dead_letters", r -> r.health().akkaDeadLetters()),
              millis("recovery_ms", "recovery", r -> r.health().recoveryMs()),
              // Whether goodput came back after the faults (see cascade.metrics.Recovery); null without a trigger.
              plain("recovered", null, r -> recovery(r, Recovery::recovered)),
              millis("recovered_after_ms", null, r -> recovery(r, Recovery::recoveredAfterMs)),
              millis("goodput_before_per_s", null, r -> recovery(r, Recovery::goodputBeforePerSecond)),
              millis("goodput_end_per_s", null, r -> recovery(r, Recovery::goodputEndPerSecond)),
              count("lost", "lost", r -> r.outcomes().lost()),
              count("redelivered", null, r -> r.durability().redelivered()),
              count("duplicates", null, r -> r.durability().duplicates()),
              millis("e2e_p50_ms", "e2e p50", r -> r.latency().e2eP50Ms()),
              millis("e2e_p95_ms", null, r -> r.latency().e2eP95Ms()),
              millis("e2e_p99_ms", "e2e p99", r -> r.latency().e2eP99Ms()),
              millis("e2e_max_ms", "e2e max", r -> r.latency().e2eMaxMs()),
              // HdrHistogram's own summary figures; the whole distribution is in e2e-<name>.hgrm.
              millis("e2e_min_ms", null, r -> r.latency().e2eHistogram().minMillis()),
              millis("e2e_mean_ms", null, r -> r.latency().e2eHistogram().meanMillis()),
              millis("e2e_stddev_ms", null, r -> r.latency().e2eHistogram().stdDeviationMillis()),
              millis("e2e_p99_9_ms", null, r -> r.latency().e2eHistogram().percentileMillis(99.9)),
              millis("e2e_p99_99_ms", null, r -> r.latency().e2eHistogram().percentileMillis(99.99)),
              plain("classes", null, ResultFigures::classes)));

  /**
   * A request class's figures, in the order of its JSON object and of the class table's columns;
   * its name is the object's key in {@code classes}.
   */
  static final List<Figure<ClassResult>> CLASS =
      concat(
          List.of(Figure.shown("class", ClassResult::name), count("requests", "requests", ClassResult::requests)),
          outcomes(ClassResult::outcomes),
          List.of(millis("e2e_p50_ms", "e2e p50", ClassResult::e2eP50Ms), millis("e2e_p99_ms", "e2e p99", ClassResult::e2eP99Ms)));

  /** A call from one tier to another, in the order of its JSON object. */
  static final List<Figure<TierResult.Calls>> CALLS =
      List.of(
          plain("to", null, TierResult.Calls::to),
          plain("call", null, TierResult.Calls::call),
          count("requests", null, TierResult.Calls::requests),
          count("attempts", null, TierResult.Calls::attempts),
          count("retries", null, TierResult.Calls::retries),
          count("succeeded", null, TierResult.Calls::succeeded),
          count("failed", null, TierResult.Calls::failed));

  /** A tier's figures, in the order of its JSON object and of the tier table's columns. */
  static final List<Figure<TierResult>> TIER =
      List.of(
          plain("name", "tier", TierResult::name),
          count("received", "received", TierResult::received),
          ratio("amplification", "ampl", TierResult::amplification),
          count("succeeded", "succeeded", TierResult::succeeded),
          count("failed", "failed", TierResult::failed),
          millis("service_p50_ms", "svc p50", TierResult::serviceP50Ms),
          millis("service_p99_ms", "svc p99", TierResult::serviceP99Ms),
          new Figure<>("calls", "calls (attempts, retries)", t -> t.calls().stream().map(c -> JsonReport.object(CALLS, c)).toList(), ResultFigures::calls));

  /** The summary table's columns: counts first, then the tutorial's latency and the end-to-end latency. */
  static final List<Figure<ArchitectureResult>> SUMMARY =
      pick(
          "name", "requests", "outcomes.succeeded", "outcomes.failed", "outcomes.rejected", "outcomes.dropped", "outcomes.dead_lettered",
          "lost", "attempts", "amplification", "retries", "timeouts", "cb_open",
          "lat_p50_ms", "lat_p99_ms", "e2e_p50_ms", "e2e_p99_ms", "e2e_max_ms", "wall_ms");

  /** The service-health table's columns, shown when a run had crashes, dead letters or faults that end. */
  static final List<Figure<ArchitectureResult>> HEALTH =
      List.of(
          find("name"),
          Figure.shown("success", r -> String.format(Locale.ROOT, "%.1f%%", successPercent(r))),
          find("e2e_p99_ms"),
          find("amplification"),
          find("crashes"),
          find("restarts"),
          find("lost_with_instances"),
          find("unavailable_ms"),
          Figure.shown("akka dead letters", r -> Long.toString(r.health().akkaDeadLetters().values().stream().mapToLong(Long::longValue).sum())),
          find("recovery_ms"));

  /** The figure of a result under {@code key}. */
  static Figure<ArchitectureResult> find(String key) {
    return RESULT.stream()
        .filter(f -> key.equals(f.key()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no result figure " + key));
  }

  /** One figure per outcome, {@code outcomes.<outcome>}, labelled as the tables head them. */
  private static <T> List<Figure<T>> outcomes(Function<T, Map<Outcome, Long>> counts) {
    List<Figure<T>> figures = new ArrayList<>();
    for (Outcome outcome : Outcome.values()) {
      ToLongFunction<T> count = t -> counts.apply(t).getOrDefault(outcome, 0L);
      figures.add(count("outcomes." + outcome.key, outcome.key.replace('_', '-'), count));
    }
    return figures;
  }

  private static double successPercent(ArchitectureResult r) {
    long requests = r.outcomes().requests();
    return requests == 0 ? 0 : 100.0 * r.outcomes().count(Outcome.SUCCEEDED) / requests;
  }

  private static <V> V recovery(ArchitectureResult r, Function<Recovery, V> figure) {
    return r.recovery() == null ? null : figure.apply(r.recovery());
  }

  /** The request classes by name, each an object of its {@link #CLASS} figures. */
  private static Map<String, Object> classes(ArchitectureResult r) {
    Map<String, Object> classes = new java.util.LinkedHashMap<>();
    for (ClassResult c : r.classes()) {
      classes.put(c.name(), JsonReport.object(CLASS, c));
    }
    return classes;
  }

  private static String calls(TierResult t) {
    if (t.calls().isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (TierResult.Calls c : t.calls()) {
      parts.add((c.call().equals("event") ? "~> " : "-> ") + c.to() + " " + c.attempts() + " (" + c.retries() + ")");
    }
    return String.join(", ", parts);
  }

  private static List<Figure<ArchitectureResult>> pick(String... keys) {
    return java.util.Arrays.stream(keys).map(ResultFigures::find).toList();
  }

  @SafeVarargs
  private static <T> List<Figure<T>> concat(List<Figure<T>>... parts) {
    List<Figure<T>> all = new ArrayList<>();
    for (List<Figure<T>> part : parts) {
      all.addAll(part);
    }
    return List.copyOf(all);
  }
}
