package cascade.run;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.scenario.Sweep;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep's results point by point, each with every architecture's result: what the JSON's
 * {@code sweep}, the sweep table and {@code sweep.csv} show. The figures each shows are declared
 * here once.
 *
 * @param sweep  the swept keys and their values
 * @param points every point, in the order it ran
 */
public record SweepResults(Sweep sweep, List<PointResults> points) {

  public SweepResults {
    points = List.copyOf(points);
  }

  /** One point: its values, and each architecture's result there, in the scenario's order. */
  public record PointResults(Sweep.Point point, List<Entry> results) {
    public PointResults {
      results = List.copyOf(results);
    }
  }

  /** @param architecture the architecture's or variant's name, without the point */
  public record Entry(String architecture, ArchitectureResult result) {

    /** Attempts per request, to three decimals (as the JSON rounds it). */
    public double amplification() {
      return Math.round(result.attempts().amplification() * 1000) / 1000.0;
    }

    /** Succeeded / requests, to six decimals. */
    public double successRate() {
      long requests = result.outcomes().requests();
      double rate = requests == 0 ? 0 : (double) result.outcomes().count(Outcome.SUCCEEDED) / requests;
      return Math.round(rate * 1e6) / 1e6;
    }

    /** End-to-end p99 in ms, to two decimals; null when no request ended. */
    public Double e2eP99Ms() {
      Double p99 = result.latency().e2eP99Ms();
      return p99 == null ? null : Math.round(p99 * 100) / 100.0;
    }

    /** Whether goodput came back after the faults; null when the run has no recovery trigger. */
    public Boolean recovered() {
      return result.recovery() == null ? null : result.recovery().recovered();
    }
  }

  /** The names of the architectures, in the scenario's order. */
  public List<String> architectures() {
    return points.isEmpty() ? List.of() : points.get(0).results().stream().map(Entry::architecture).toList();
  }

  /** The point a result (by its full name) belongs to. */
  public Optional<Map<String, Object>> pointOf(String resultName) {
    return points.stream()
        .filter(p -> p.results().stream().anyMatch(e -> e.result().name().equals(resultName)))
        .map(p -> p.point().values())
        .findFirst();
  }

  /** Whether any result has a recovery trigger (else the recovered figures are all null). */
  public boolean anyRecovery() {
    return points.stream().flatMap(p -> p.results().stream()).anyMatch(e -> e.result().recovery() != null);
  }
}
