package cascade.scenario;

import cascade.experiment.ExperimentPlan;
import cascade.experiment.TopologyPlan;
import cascade.rpc.CallerSettings;
import cascade.service.FaultSchedule;
import cascade.service.ServicePlan;
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
 * @param architectures the architectures the file names, in order, without duplicates
 * @param traffic       the load every architecture meets, and the request classes it mixes
 * @param service       the file's downstream service, as its actors run it (without the run's
 *                      request classes and fault schedule, which Plans attaches)
 * @param rpc           the file's RPC caller
 * @param eventDriven   the file's event-driven path, in memory (the persistence section decides
 *                      its journal when the run is planned)
 * @param variants      what runs, in order: one per architecture, or the file's own variants
 *                      (a variant of the {@code topology} architecture carries its graph of tiers)
 * @param faultSchedule timed faults of the services ({@code faults.schedule}; node kills are in
 *                      {@code cluster.kills})
 * @param persistence   the event-driven path's journal, or none
 * @param clock         the clock the run keeps: virtual in one actor system, unless asked otherwise
 * @param warnings      what may run but deserves a word first (a cluster reachable from other
 *                      machines), each a line for standard error; usually none
 * @param sweep         the keys {@code scenario.sweep} varies and their values; {@link Sweep#NONE}
 *                      without one
 */
public record Scenario(
    String name,
    String description,
    Path source,
    long seed,
    List<Architecture> architectures,
    Traffic traffic,
    ServicePlan service,
    CallerSettings rpc,
    ExperimentPlan.EventDriven eventDriven,
    List<Variant> variants,
    Cluster cluster,
    FaultSchedule faultSchedule,
    Persistence persistence,
    Clock clock,
    List<String> warnings,
    Sweep sweep) {

  public Scenario {
    architectures = List.copyOf(architectures);
    variants = List.copyOf(variants);
    warnings = List.copyOf(warnings);
  }

  /**
   * One run of a scenario: an architecture with its settings, under its own name. Variants let
   * one scenario compare the same architecture with and without a remedy, side by side.
   */
  public record Variant(String name, Architecture architecture, ServicePlan service, CallerSettings rpc, ExperimentPlan.EventDriven eventDriven, TopologyPlan topology) {}

  /** The architectures a scenario can compare; {@code key} is the name used in scenario files. */
  public enum Architecture {
    RPC("rpc"),
    EVENT_DRIVEN("event-driven"),
    /** The tiers and edges of the {@code topology} section; the load calls its entry through {@code rpc}. */
    TOPOLOGY("topology");

    public final String key;

    Architecture(String key) {
      this.key = key;
    }
  }

  /** How requests arrive; {@code key} is the name used in scenario files. */
  public enum Arrivals {
    /** Every request at t=0, as the seed tutorial really sends them. */
    TUTORIAL("tutorial"),
    /** {@code burst} requests every {@code gap}, really spaced in time. */
    BURSTS("bursts"),
    /** Evenly spaced at {@code rate} per second. */
    CONSTANT("constant"),
    /** From {@code rate} to {@code rampTo} per second, linearly. */
    RAMP("ramp"),
    /** Independent arrivals at {@code rate} per second on average. */
    POISSON("poisson"),
    /** {@code rate} per second, then another rate from a time on. */
    STEP("step"),
    /** {@code rate} per second, with a spike of another rate for a while. */
    SPIKE("spike"),
    /** A day cycle, compressed: a rate swinging around {@code rate}. */
    SINUSOIDAL("sinusoidal"),
    /** The offsets of a recording. */
    REPLAY("replay"),
    /** Users who wait for each answer and think before sending the next request. */
    CLOSED_LOOP("closed-loop"),
    /** A traffic shape extension, named in traffic.arrivals (see {@code Traffic.customShape}). */
    EXTENSION("extension");

    public final String key;

    Arrivals(String key) {
      this.key = key;
    }
  }

  /**
   * The load and the request classes it mixes (at least one).
   */
  public record Traffic(cascade.load.Load load, cascade.load.RequestClasses classes) {}

  /** Which journal the event-driven path keeps; {@code key} is the name used in scenario files. */
  public enum JournalKind {
    OFF("off"),
    H2("h2"),
    POSTGRESQL("postgresql");

    public final String key;

    JournalKind(String key) {
      this.key = key;
    }
  }

  /**
   * @param url          the PostgreSQL JDBC URL (empty for the others)
   * @param passwordEnv  the environment variable holding the password, or empty
   * @param snapshotEvery journaled events between snapshots, 0 for none
   */
  public record Persistence(JournalKind journal, String url, String user, String passwordEnv, int snapshotEvery) {
    public boolean on() {
      return journal != JournalKind.OFF;
    }
  }

  /**
   * Where the actors run; {@code mode} is OFF for one actor system.
   *
   * @param kills node processes to kill (kill -9) during the run
   * @param callersRole the role of the node that runs the RPC callers; empty for the first node
   * @param host the address the first node listens on (and the other nodes it starts)
   * @param port the first node's port; 0 for a free one
   * @param joinTimeout how long the run waits for every node to be Up
   */
  public record Cluster(
      ClusterMode mode,
      List<Node> nodes,
      String serviceRole,
      String eventPathRole,
      List<NodeKill> kills,
      String callersRole,
      String host,
      int port,
      Duration joinTimeout) {
    public Cluster {
      nodes = List.copyOf(nodes);
      kills = List.copyOf(kills);
    }

    /** The node whose roles include {@code role}; validation made sure there is one. */
    public Node nodeWithRole(String role) {
      return nodes.stream().filter(n -> n.roles().contains(role)).findFirst().orElseThrow();
    }
  }

  /**
   * Kill the process of node {@code node} {@code at} after the run starts, and start a new one
   * {@code restartAfter} later (null: it stays dead).
   */
  public record NodeKill(String node, Duration at, Duration restartAfter) {

    /** A kill without a restart. */
    public NodeKill(String node, Duration at) {
      this(node, at, null);
    }
  }

  /**
   * A cluster node.
   *
   * @param external started by hand with {@code cascade node} (on another machine, say): the run
   *     does not start it, it waits for it to join
   */
  public record Node(String name, List<String> roles, boolean external) {
    public Node {
      roles = List.copyOf(roles);
    }

    public Node(String name, List<String> roles) {
      this(name, roles, false);
    }
  }

  /** The clock a run keeps (the {@code clock} key). */
  public enum Clock {
    /** Time jumps to the next timer when no actor has work: exact, repeatable, fast. */
    VIRTUAL("virtual"),
    /** The machine's clock. */
    REAL("real");

    public final String key;

    Clock(String key) {
      this.key = key;
    }
  }

  public enum ClusterMode {
    OFF("off"),
    IN_JVM("in-jvm"),
    PROCESSES("processes");

    public final String key;

    ClusterMode(String key) {
      this.key = key;
    }
  }

}
