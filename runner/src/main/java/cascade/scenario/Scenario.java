package cascade.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A scenario file, read once, validated, and merged with the defaults of
 * {@code scenarios/reference.conf}. Every field here has passed validation: a {@code Scenario}
 * that exists can run.
 *
 * @param name          the scenario's name (the file name without {@code .conf} unless set)
 * @param description   one line for {@code cascade list}; may be empty
 * @param source        the file it was read from
 * @param seed          the seed every random stream is split from
 * @param architectures the architectures to run, in order, without duplicates
 */
public record Scenario(
    String name,
    String description,
    Path source,
    long seed,
    List<Architecture> architectures,
    Traffic traffic,
    Service service,
    Backoff backoff,
    Rpc rpc,
    EventDriven eventDriven) {

  public Scenario {
    architectures = List.copyOf(architectures);
  }

  /** The architectures a scenario can compare; {@code key} is the name used in scenario files. */
  public enum Architecture {
    RPC("rpc"),
    EVENT_DRIVEN("event-driven");

    public final String key;

    Architecture(String key) {
      this.key = key;
    }
  }

  /** How requests arrive; {@code key} is the name used in scenario files. */
  public enum Arrivals {
    /** Every request at t=0, as the seed tutorial really sends them. */
    SEED_COMPATIBLE("seed-compatible"),
    /** {@code burst} requests every {@code gap}, really spaced in time. */
    BURSTS("bursts");

    public final String key;

    Arrivals(String key) {
      this.key = key;
    }
  }

  /** Where in a request's life the breaker is asked for permission. */
  public enum BreakerConsulted {
    PER_ATTEMPT("per-attempt"),
    PER_REQUEST("per-request");

    public final String key;

    BreakerConsulted(String key) {
      this.key = key;
    }
  }

  public record Traffic(int total, Arrivals arrivals, int burst, Duration gap) {}

  public record Service(
      double capacity,
      Duration baseLatency,
      Duration jitter,
      double failureProbability,
      Duration overloadLatency,
      double overloadFailureProbability,
      double maxFailureProbability) {}

  public record Backoff(Duration base, Duration cap) {}

  public record Breaker(
      boolean enabled, int window, int failureThreshold, Duration openFor, BreakerConsulted consulted) {}

  public record Bulkhead(int maxConcurrent, int maxWaiting) {}

  public record Rpc(
      Duration timeout, int maxRetries, boolean cancelOnTimeout, Breaker breaker, Bulkhead bulkhead) {}

  public record EventDriven(
      int busCapacity,
      int consumers,
      Duration timeout,
      int maxRetries,
      boolean cancelOnTimeout,
      int deadLettersKept) {}
}
