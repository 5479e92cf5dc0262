package cascade.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import cascade.bus.DeadLetterQueue;
import cascade.bus.DurableDeadLetterQueue;
import cascade.persistence.Journal;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads a past run's dead-letter queues back from its journal, by recovering them. */
public final class DeadLetterReader {

  /** One architecture's queue: its name in the run, how many letters it holds, the first ones. */
  public record Queue(String architecture, long total, List<DeadLetterQueue.DeadLetter> letters) {}

  private DeadLetterReader() {}

  /** @param limit letters to bring back per queue (the total counts them all) */
  public static List<Queue> read(Journal journal, String run, int limit) {
    String prefix = DurableDeadLetterQueue.persistenceId(run + "/");
    List<String> ids = journal.persistenceIds(prefix);
    List<Queue> queues = new ArrayList<>();
    if (ids.isEmpty()) {
      return queues;
    }
    ActorSystem<Void> system =
        ActorSystem.create(Behaviors.empty(), "cascade-dlq", journal.akkaConfig().withFallback(ConfigFactory.load()));
    try {
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        // A queue without metrics only answers: recovering it writes nothing to the journal.
        ActorRef<DeadLetterQueue.Command> queue =
            system.systemActorOf(DurableDeadLetterQueue.create(id, limit, 0, null), "dead-letter-queue-" + i, Props.empty());
        DeadLetterQueue.DeadLetters letters =
            AskPattern.<DeadLetterQueue.Command, DeadLetterQueue.DeadLetters>ask(
                    queue, DeadLetterQueue.GetDeadLetters::new, Duration.ofSeconds(60), system.scheduler())
                .toCompletableFuture()
                .get(70, TimeUnit.SECONDS);
        List<DeadLetterQueue.DeadLetter> kept = letters.kept();
        queues.add(new Queue(id.substring(prefix.length()), letters.total(), kept.subList(0, Math.min(limit, kept.size()))));
      }
      return queues;
    } catch (Exception e) {
      throw new RunFailedException("could not read the dead letters from " + journal.where() + ": " + e);
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Best effort: the letters are already read.
      }
    }
  }
}
