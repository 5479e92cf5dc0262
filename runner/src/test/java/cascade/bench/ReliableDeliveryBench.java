package cascade.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.delivery.ConsumerController;
import akka.actor.typed.delivery.WorkPullingProducerController;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.delivery.EventSourcedProducerQueue;
import cascade.bus.BusProtocol;
import cascade.bus.DurableEventBus;
import cascade.bus.Event;
import cascade.metrics.MetricsRecorder;
import cascade.persistence.Journal;
import cascade.runtime.Persisted;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which durable bus to build, measured: Akka's reliable delivery (work pulling, with an
 * EventSourcedProducerQueue) against Cascade Lab's DurableEventBus, on the same H2 journal, with
 * consumers that confirm at once, so the journal is what limits both. Not a test: run it with
 *
 * <pre>
 *   mvn -B -q -o test-compile -pl runner -am
 *   java -cp "runner/target/test-classes:runner/target/cascade-runner.jar:runner/target/lib/*" cascade.bench.ReliableDeliveryBench 20000 16
 * </pre>
 */
public final class ReliableDeliveryBench {

  /** The work item of the reliable-delivery side; journaled by its producer queue. */
  public record Job(long id) implements Persisted {}

  private ReliableDeliveryBench() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int consumers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    for (int round = 1; round <= 2; round++) {
      System.out.printf("round %d, %d messages, %d consumers%n", round, messages, consumers);
      System.out.printf("  reliable delivery (work pulling + EventSourcedProducerQueue): %.0f messages/s%n", reliableDelivery(messages, consumers));
      System.out.printf("  DurableEventBus (batched writes, confirmations journaled):     %.0f messages/s%n", durableBus(messages, consumers));
    }
  }

  private static ActorSystem<Void> system(String name) throws Exception {
    Journal journal = Journal.h2(Files.createTempDirectory("bench-" + name), false);
    journal.prepare();
    return ActorSystem.create(Behaviors.empty(), name, journal.akkaConfig().withFallback(ConfigFactory.load()));
  }

  static double reliableDelivery(int messages, int consumers) throws Exception {
    ActorSystem<Void> system = system("reliable");
    CompletableFuture<Long> done = new CompletableFuture<>();
    AtomicLong confirmed = new AtomicLong();
    ServiceKey<ConsumerController.Command<Job>> key = ServiceKey.create(ConsumerController.serviceKeyClass(), "workers");
    for (int i = 0; i < consumers; i++) {
      system.systemActorOf(worker(key, confirmed, messages, done), "worker-" + i, akka.actor.typed.Props.empty());
    }
    long start = System.nanoTime();
    Behavior<WorkPullingProducerController.Command<Job>> controller =
        WorkPullingProducerController.create(
            Job.class, "bench", key, Optional.of(EventSourcedProducerQueue.create(PersistenceId.ofUniqueId("bench-queue"))));
    system.systemActorOf(producer(controller, messages), "producer", akka.actor.typed.Props.empty());
    done.get(5, TimeUnit.MINUTES);
    double perSecond = messages / ((System.nanoTime() - start) / 1e9);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return perSecond;
  }

  private static Behavior<WorkPullingProducerController.RequestNext<Job>> producer(
      Behavior<WorkPullingProducerController.Command<Job>> controllerBehavior, int messages) {
    return Behaviors.setup(
        context -> {
          ActorRef<WorkPullingProducerController.Command<Job>> controller = context.spawn(controllerBehavior, "controller");
          controller.tell(new WorkPullingProducerController.Start<>(context.getSelf()));
          long[] next = {0};
          return Behaviors.receiveMessage(
              request -> {
                if (next[0] < messages) {
                  request.sendNextTo().tell(new Job(next[0]++));
                }
                return Behaviors.same();
              });
        });
  }

  private static Behavior<ConsumerController.Delivery<Job>> worker(
      ServiceKey<ConsumerController.Command<Job>> key, AtomicLong confirmed, int messages, CompletableFuture<Long> done) {
    return Behaviors.setup(
        context -> {
          ActorRef<ConsumerController.Command<Job>> consumer = context.spawn(ConsumerController.create(key), "consumer-controller");
          consumer.tell(new ConsumerController.Start<>(context.getSelf()));
          return Behaviors.receiveMessage(
              delivery -> {
                delivery.confirmTo().tell(ConsumerController.confirmed());
                if (confirmed.incrementAndGet() == messages) {
                  done.complete(System.nanoTime());
                }
                return Behaviors.same();
              });
        });
  }

  static double durableBus(int messages, int consumers) throws Exception {
    ActorSystem<Void> system = system("durable");
    CompletableFuture<Long> done = new CompletableFuture<>();
    AtomicLong confirmed = new AtomicLong();
    ActorRef<MetricsRecorder.Command> noMetrics = system.systemActorOf(Behaviors.<MetricsRecorder.Command>ignore(), "metrics", akka.actor.typed.Props.empty());
    ActorRef<BusProtocol.Command> bus =
        system.systemActorOf(DurableEventBus.create("bench-bus", messages, 1000, noMetrics), "bus", akka.actor.typed.Props.empty());
    for (int i = 0; i < consumers; i++) {
      system.systemActorOf(
          Behaviors.<BusProtocol.Delivery>setup(
              context -> {
                bus.tell(new BusProtocol.Pull(context.getSelf()));
                return Behaviors.receiveMessage(
                    delivery -> {
                      bus.tell(new BusProtocol.Confirm(delivery.event().requestId(), delivery.event().tries()));
                      bus.tell(new BusProtocol.Pull(context.getSelf()));
                      if (confirmed.incrementAndGet() == messages) {
                        done.complete(System.nanoTime());
                      }
                      return Behaviors.same();
                    });
              }),
          "consumer-" + i,
          akka.actor.typed.Props.empty());
    }
    long start = System.nanoTime();
    ActorRef<BusProtocol.Reply> ignore = system.systemActorOf(Behaviors.<BusProtocol.Reply>ignore(), "publisher", akka.actor.typed.Props.empty());
    for (long id = 0; id < messages; id++) {
      bus.tell(new BusProtocol.Offer(new Event(id, 0), ignore));
    }
    done.get(5, TimeUnit.MINUTES);
    double perSecond = messages / ((System.nanoTime() - start) / 1e9);
    // Wait for the last confirmations to be journaled too, as reliable delivery's count includes its own.
    akka.actor.typed.javadsl.AskPattern.<BusProtocol.Command, BusProtocol.Depth>ask(bus, BusProtocol.GetDepth::new, Duration.ofSeconds(60), system.scheduler())
        .toCompletableFuture()
        .get(70, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return perSecond;
  }
}
