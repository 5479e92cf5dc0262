package cascade.virtualtime;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import cascade.runtime.Clock;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Akka's own actors, timers and asks on the virtual clock. */
class VirtualTimeTest {

  /** Runs {@code guardian} in an actor system on a fresh virtual time; returns what it completes. */
  private static <G, T> T run(Behavior<G> guardian, CompletableFuture<T> result) throws Exception {
    VirtualTime time = VirtualTime.start("test");
    ActorSystem<G> system = ActorSystem.create(guardian, "virtual", time.akkaConfig().withFallback(ConfigFactory.load("application-test")));
    time.release();
    try {
      return result.get(30, TimeUnit.SECONDS);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      time.close();
    }
  }

  @Test
  void timersFireAtTheirVirtualDeadlineExactlyAndTiesInTheOrderTheyWereSet() throws Exception {
    record Fired(int index, long atNanos) {}
    CompletableFuture<List<Fired>> done = new CompletableFuture<>();
    Behavior<Void> guardian =
        Behaviors.setup(
            context -> {
              long start = Clock.nanos();
              List<Fired> fired = new ArrayList<>();
              ActorRef<Integer> counter =
                  context.spawn(
                      Behaviors.receive(Integer.class)
                          .onMessage(Integer.class, i -> {
                            fired.add(new Fired(i, Clock.nanos() - start));
                            if (fired.size() == 2000) {
                              done.complete(fired);
                            }
                            return Behaviors.same();
                          })
                          .build(),
                      "counter");
              // 2000 timers armed in one handler: 1000 of 8 ms, then 1000 of 3 ms.
              for (int i = 0; i < 2000; i++) {
                context.scheduleOnce(Duration.ofMillis(i < 1000 ? 8 : 3), counter, i);
              }
              return Behaviors.empty();
            });
    List<Fired> fired = run(guardian, done);
    assertThat(fired.subList(0, 1000)).allMatch(f -> f.atNanos() == 3_000_000L && f.index() >= 1000);
    assertThat(fired.subList(1000, 2000)).allMatch(f -> f.atNanos() == 8_000_000L && f.index() < 1000);
    assertThat(fired.subList(1000, 2000)).extracting(Fired::index).isSorted();
    assertThat(fired.subList(0, 1000)).extracting(Fired::index).isSorted();
  }

  @Test
  void aTaskThatThrowsIsKeptForTheRunToReportAndTheDriverGoesOn() throws Exception {
    // Akka's dispatcher reports what its own tasks throw; a task handed straight to the driver
    // (a future's callback, say) has no one else to tell.
    try (VirtualTime time = VirtualTime.start("failing")) {
      time.release();
      CompletableFuture<Boolean> next = new CompletableFuture<>();
      time.execute(() -> { throw new IllegalStateException("lost a message"); });
      time.execute(() -> next.complete(true));
      assertThat(next.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(time.failure()).isInstanceOf(IllegalStateException.class).hasMessage("lost a message");
    }
  }

  @Test
  void aCancelledTimerNeverFiresAndAFixedRateTimerKeepsItsBeat() throws Exception {
    CompletableFuture<List<Long>> done = new CompletableFuture<>();
    Behavior<String> guardian =
        Behaviors.<String>setup(
                context ->
                    Behaviors.withTimers(
                        timers -> {
                          long start = Clock.nanos();
                          List<Long> ticks = new ArrayList<>();
                          timers.startSingleTimer("never", "never", Duration.ofMillis(250));
                          timers.startTimerAtFixedRate("beat", "beat", Duration.ofMillis(100));
                          timers.cancel("never");
                          return Behaviors.receive(String.class)
                              .onMessageEquals("never", () -> {
                                ticks.add(-1L);
                                return Behaviors.same();
                              })
                              .onMessageEquals("beat", () -> {
                                ticks.add(Clock.nanos() - start);
                                if (ticks.size() == 5) {
                                  timers.cancel("beat");
                                  done.complete(ticks);
                                }
                                return Behaviors.same();
                              })
                              .build();
                        }));
    assertThat(run(guardian, done)).containsExactly(100_000_000L, 200_000_000L, 300_000_000L, 400_000_000L, 500_000_000L);
  }

  @Test
  void theClockStandsStillWhileHeldAndMovesOnOnceReleased() throws Exception {
    VirtualTime time = VirtualTime.start("held");
    CompletableFuture<Long> fired = new CompletableFuture<>();
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.setup(
                context -> {
                  context.scheduleOnce(Duration.ofSeconds(5), context.spawn(Behaviors.receive(String.class).onAnyMessage(m -> {
                    fired.complete(Clock.nanos());
                    return Behaviors.same();
                  }).build(), "late"), "tick");
                  return Behaviors.empty();
                }),
            "held",
            time.akkaConfig().withFallback(ConfigFactory.load("application-test")));
    try {
      Thread.sleep(300);
      assertThat(fired).as("held: the 5 s timer must not fire").isNotDone();
      assertThat(time.nanos()).isEqualTo(VirtualTime.EPOCH_NANOS);
      time.release();
      assertThat(fired.get(30, TimeUnit.SECONDS)).isEqualTo(VirtualTime.EPOCH_NANOS + 5_000_000_000L);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      time.close();
    }
  }
}
