package cascade.experiment;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import cascade.bus.BusProtocol;
import cascade.bus.Consumer;
import cascade.bus.DeadLetterQueue;
import cascade.bus.DurableDeadLetterQueue;
import cascade.bus.DurableEventBus;
import cascade.bus.EventBus;
import cascade.model.RandomStreams;
import cascade.runtime.Clock;

/** Spawns an event-driven run's bus, dead-letter queue and consumers, wherever they are placed. */
public final class EventPath {

  private EventPath() {}

  /** Spawns them as children of {@code parent}; returns the bus. */
  public static ActorRef<BusProtocol.Command> spawnInto(ActorContext<?> parent, EventPathHost.StartEventPath request) {
    ExperimentPlan.EventDriven events = request.settings();
    RandomStreams random = new RandomStreams(request.seed());
    ExperimentPlan.Durability durability = events.durability();
    ActorRef<BusProtocol.Command> bus =
        parent.spawn(
            durability.journaled()
                ? DurableEventBus.create(DurableEventBus.persistenceId(durability.run()), events.busCapacity(), durability.snapshotEvery(), request.metrics())
                : EventBus.create(events.busCapacity(), request.metrics()),
            "bus");
    ActorRef<DeadLetterQueue.Command> deadLetters =
        parent.spawn(
            durability.journaled()
                ? DurableDeadLetterQueue.create(
                    DurableDeadLetterQueue.persistenceId(durability.run()), events.deadLettersKept(), durability.snapshotEvery(), request.metrics())
                : DeadLetterQueue.create(events.deadLettersKept(), request.metrics()),
            "dead-letter-queue");
    for (int i = 0; i < events.consumers(); i++) {
      String name = "consumer-" + i;
      parent.spawn(
          Consumer.create(events.consumer(), bus, request.service(), deadLetters, request.metrics(), random.forComponent(name), Clock::nanos),
          name);
    }
    return bus;
  }
}
