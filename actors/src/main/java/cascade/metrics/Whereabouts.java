package cascade.metrics;

import cascade.runtime.CrossesNodes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a stalled run's open requests were last seen. When no request has ended for too long (see
 * {@link MetricsRecorder.WatchForStall}), the experiment asks each part that can hold a request
 * (the caller, the publisher, the bus) about the open ones; each answers for those it holds, in
 * words a user can act on, and the run ends with the report instead of waiting for ever.
 */
public final class Whereabouts {

  private Whereabouts() {}

  /**
   * What one part holds of the requests asked about.
   *
   * @param part the part, as a report names it ("event bus on node events")
   * @param seen per request id, what the part knows of it ("delivered to consumer-3, not confirmed")
   */
  public record Answer(String part, Map<Long, String> seen) implements CrossesNodes {
    public Answer {
      seen = Map.copyOf(seen);
    }
  }

  /**
   * The report: one line per open request, naming every part that holds it, or saying that none
   * does (its outcome was lost on the way).
   */
  public static String report(String architecture, MetricsRecorder.Stalled stalled, long requests, List<Answer> answers, int asked) {
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            java.util.Locale.ROOT,
            "%s: the run stalled: %d of %d requests have no outcome, and no attempt or request has ended for %.1f s (longer than the scenario's timeouts and retries allow)",
            architecture,
            stalled.open(),
            requests,
            stalled.quiet().toNanos() / 1e9));
    Map<Long, StringBuilder> lines = new TreeMap<>();
    stalled.firstOpen().forEach(id -> lines.put(id, new StringBuilder()));
    for (Answer answer : answers) {
      answer.seen().forEach((id, what) -> {
        StringBuilder line = lines.get(id);
        if (line != null) {
          line.append(line.length() == 0 ? "" : "; ").append(answer.part()).append(": ").append(what);
        }
      });
    }
    lines.forEach((id, line) ->
        report.append("\n  request ").append(id).append(": ")
            .append(line.length() > 0 ? line : "held by no part (" + asked + " asked, " + answers.size() + " answered): its outcome was lost on the way"));
    if (stalled.open() > stalled.firstOpen().size()) {
      report.append("\n  (the first ").append(stalled.firstOpen().size()).append(" shown)");
    }
    return report.toString();
  }
}
