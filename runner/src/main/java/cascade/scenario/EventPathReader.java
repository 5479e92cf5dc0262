package cascade.scenario;

import cascade.bus.ConsumerSettings;
import cascade.experiment.ExperimentPlan;

/**
 * Reads {@code event-driven}, the bus, its consumers and their dead-letter queue, into the event
 * path's own settings. The event path is in memory here: whether it keeps a journal depends on the
 * scenario's {@code persistence} and the run's name, so it is set when the run is planned.
 */
final class EventPathReader {

  private EventPathReader() {}

  static ExperimentPlan.EventDriven read(Values v) {
    String e = "event-driven.";
    return v.build("event-driven", () -> new ExperimentPlan.EventDriven(
        v.integer(e + "bus-capacity"),
        v.integer(e + "consumers"),
        new ConsumerSettings(
            v.duration(e + "timeout", false),
            CallPathReader.retry(v, e + "retry"),
            v.bool(e + "cancel-on-timeout"),
            CallPathReader.policies(v, e + "policies")),
        v.integer(e + "dead-letters-kept"),
        ExperimentPlan.Durability.IN_MEMORY));
  }
}
