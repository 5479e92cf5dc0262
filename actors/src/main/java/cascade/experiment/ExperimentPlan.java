package cascade.experiment;

import cascade.bus.ConsumerSettings;
import cascade.load.Load;
import cascade.load.RequestClasses;
import cascade.model.FailureModel;
import cascade.runtime.InvalidSetting;
import cascade.rpc.CallerSettings;
import cascade.service.ServicePlan;

/**
 * One architecture to run: the load, the downstream service, and how the architecture calls it.
 *
 * @param arrivals the load: an open-loop arrival schedule or a closed loop of users
 * @param name the name its result carries (the tutorial's {@code RPC} or {@code EventDriven}, or a
 *     variant's own, like {@code RPC + retry budget})
 * @param seed the seed every random stream of this run is split from; all architectures of a
 *     scenario get the same one, so their services draw the same numbers
 * @param classes the request classes the load mixes; each request's class is drawn from its id
 */
public record ExperimentPlan(
    String name, Architecture architecture, Load arrivals, ServicePlan service, long seed, RequestClasses classes) {

  /** A plan whose requests are all of one class. */
  public ExperimentPlan(String name, Architecture architecture, Load arrivals, ServicePlan service, long seed) {
    this(name, architecture, arrivals, service, seed, RequestClasses.ONE);
  }

  /** A plan named after its architecture, with the tutorial's service: one instance, no faults. */
  public ExperimentPlan(Architecture architecture, Load arrivals, FailureModel service, long seed) {
    this(architecture.name(), architecture, arrivals, ServicePlan.of(service), seed);
  }

  /** The architectures the seed tutorial compares. */
  public sealed interface Architecture {
    /** The tutorial's name for it, used as the result's {@code name}. */
    String name();

    /** Its key in scenario files and reports. */
    String kind();
  }

  /**
   * Whether an event path keeps a journal (the actor system that runs it must have one configured).
   *
   * @param run           the journal names of this run's bus and dead-letter queue derive from it;
   *                      empty for an event path in memory
   * @param snapshotEvery journaled events between snapshots, 0 for none
   */
  public record Durability(String run, int snapshotEvery) {
    public static final Durability IN_MEMORY = new Durability("", 0);

    public boolean journaled() {
      return !run.isEmpty();
    }
  }

  /** Callers that wait for each attempt. */
  public record Rpc(CallerSettings caller) implements Architecture {
    @Override
    public String name() {
      return "RPC";
    }

    @Override
    public String kind() {
      return "rpc";
    }
  }

  /**
   * A bounded bus, consumers pulling from it, and a dead-letter queue. Each setting but {@code
   * durability} is named as its key in the scenario's {@code event-driven} section.
   *
   * @param busCapacity     events the bus holds; publishing to a full bus drops the event
   * @param consumers       consumers pulling from the bus
   * @param consumer        how each consumer treats an event
   * @param deadLettersKept dead letters the queue keeps for the report (it counts all of them)
   * @param durability      whether the bus and the dead-letter queue keep a journal
   */
  public record EventDriven(int busCapacity, int consumers, ConsumerSettings consumer, int deadLettersKept, Durability durability)
      implements Architecture {

    public EventDriven {
      atLeast("busCapacity", busCapacity, 1);
      atLeast("consumers", consumers, 1);
      atLeast("deadLettersKept", deadLettersKept, 0);
    }

    /** The tutorial's event path: everything in memory. */
    public EventDriven(int busCapacity, int consumers, ConsumerSettings consumer, int deadLettersKept) {
      this(busCapacity, consumers, consumer, deadLettersKept, Durability.IN_MEMORY);
    }

    /** The same event path, with its journal: a scenario's persistence section and run name decide it. */
    public EventDriven withDurability(Durability durability) {
      return new EventDriven(busCapacity, consumers, consumer, deadLettersKept, durability);
    }

    @Override
    public String name() {
      return "EventDriven";
    }

    @Override
    public String kind() {
      return "event-driven";
    }
  }

  /**
   * A graph of tiers, each a service calling the next ({@link TopologyPlan}); the
   * load's requests go to the entry tier through {@code caller}, with its retries and policies.
   */
  public record Topology(CallerSettings caller, TopologyPlan topology) implements Architecture {
    @Override
    public String name() {
      return "Topology";
    }

    @Override
    public String kind() {
      return "topology";
    }
  }

  private static void atLeast(String field, int value, int least) {
    if (value < least) {
      throw new InvalidSetting(field, "must be at least " + least + ", but was " + value);
    }
  }
}
