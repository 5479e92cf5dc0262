package cascade.testkit;

import akka.actor.ActorRef;
import akka.actor.ActorRefWithCell;
import akka.actor.ExtendedActorSystem;
import akka.actor.InternalActorRef;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The actors a kit spawned that are still running: the children of the system's user guardian
 * (probes live elsewhere, under {@code /system}).
 *
 * <p>Akka Typed has no public way to list another actor's children, so this reads the classic
 * guardian's children: an internal API of Akka 2.6, stable across its patch releases.
 */
final class RunningActors {

  /**
   * How long the actors found running may take to finish stopping, all together: one that stopped
   * itself as the test ended may not have finished yet. Only actors really left running cost this
   * time, once per kit: before a failure the full second, before a warning a fifth of it.
   */
  static final Duration STOPPING = Duration.ofSeconds(1);

  private RunningActors() {}

  /** @param patience how long the actors found running may take to finish stopping */
  static List<String> of(ActorTestKit kit, Duration patience) {
    akka.actor.ActorSystem classic = Adapter.toClassic(kit.system());
    InternalActorRef guardian = ((ExtendedActorSystem) classic).guardian();
    if (!(guardian instanceof ActorRefWithCell withCell)) {
      return List.of();
    }
    List<ActorRef> candidates = new ArrayList<>();
    for (ActorRef child : scala.jdk.javaapi.CollectionConverters.asJava(withCell.children())) {
      if (!((InternalActorRef) child).isTerminated()) {
        candidates.add(child);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    TestProbe<Object> watcher = kit.createTestProbe();
    long deadline = System.nanoTime() + patience.toNanos();
    List<String> running = new ArrayList<>();
    for (ActorRef candidate : candidates) {
      Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      try {
        watcher.expectTerminated(Adapter.toTyped(candidate), left);
      } catch (AssertionError stillRunning) {
        running.add(candidate.path().toStringWithoutAddress());
      }
    }
    return running;
  }
}
