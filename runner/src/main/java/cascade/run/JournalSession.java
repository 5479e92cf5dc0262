package cascade.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import cascade.persistence.Journal;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A short actor system on a past run's journal, for {@code cascade dlq}: the durable actors spawned
 * in it recover from the journal, and write to it only if the journal was opened for writing.
 * Closing it waits for the system to stop, which closes its connections, so the next session can
 * open the same H2 file in another mode.
 */
final class JournalSession implements AutoCloseable {

  /** Recovering a large queue from a slow disk takes seconds; a minute means something is wrong. */
  private static final Duration ANSWER = Duration.ofSeconds(60);

  private final Journal journal;
  private final ActorSystem<Void> system;
  private int spawned;

  JournalSession(Journal journal) {
    this.journal = journal;
    this.system = ActorSystem.create(Behaviors.empty(), "cascade-dlq", journal.akkaConfig().withFallback(ConfigFactory.load()));
  }

  /**
   * Spawns {@code actor}, asks it one thing and waits for the answer.
   *
   * @param what what the question is for, as error messages say it ("read the dead letters")
   * @throws RunFailedException when no answer comes
   */
  <C, A> A ask(Behavior<C> actor, Function<ActorRef<A>, C> question, String what) {
    ActorRef<C> ref = system.systemActorOf(actor, "journal-actor-" + spawned++, Props.empty());
    try {
      return AskPattern.<C, A>ask(ref, question::apply, ANSWER, system.scheduler())
          .toCompletableFuture()
          .get(ANSWER.toSeconds() + 10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailedException("interrupted while trying to " + what + " in " + journal.where());
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new RunFailedException("could not " + what + " in " + journal.where() + ": " + cause);
    }
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Best effort: what was asked is answered, and the JVM's exit closes the rest.
    }
  }
}
