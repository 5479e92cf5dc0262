package cascade.run;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import cascade.metrics.LatencyHistogram;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late an actor's timers fire, under the load the event path puts on them: {@code
 * chains} timers are pending at any time (like 16 consumers each waiting for the service), and
 * each one, when it fires, records its actual delay and arms the next, until {@code timers} have
 * fired. The benchmark behind the timing-fidelity figure of docs/timing.md ({@code cascade
 * calibrate}).
 */
public final class TimerFidelity {

  /** One scheduler set-up to measure. */
  public record Setup(String label, String implementation, Duration tick) {}

  /** Actual delays of the timers, in milliseconds. */
  public record Measurement(Setup setup, double p50Millis, double p99Millis, double maxMillis) {}

  private sealed interface Command {}

  private record Fired(long armedNanos) implements Command {}

  private TimerFidelity() {}

  public static Measurement measure(Setup setup, int timers, int chains, Duration delay) {
    Config config =
        ConfigFactory.parseString(
                "akka.scheduler.implementation = \"" + setup.implementation() + "\"\n"
                    + "akka.scheduler.tick-duration = " + setup.tick().toNanos() + "ns\n")
            .withFallback(ConfigFactory.load());
    CompletableFuture<LatencyHistogram> done = new CompletableFuture<>();
    ActorSystem<Command> system = ActorSystem.create(timing(timers, chains, delay, done), "calibrate", config);
    try {
      LatencyHistogram delays = done.get(timers * delay.toMillis() + 60_000, TimeUnit.MILLISECONDS);
      return new Measurement(setup, delays.percentileMillis(50), delays.percentileMillis(99), delays.maxMillis());
    } catch (Exception e) {
      throw new RunFailedException("calibration with " + setup.label() + " failed: " + e);
    } finally {
      system.terminate();
    }
  }

  private static Behavior<Command> timing(
      int timers, int chains, Duration delay, CompletableFuture<LatencyHistogram> done) {
    return Behaviors.setup(
        context -> {
          LatencyHistogram delays = new LatencyHistogram();
          int[] armed = {0};
          for (int i = 0; i < Math.min(chains, timers); i++) {
            arm(context, delay, armed);
          }
          return Behaviors.receive(Command.class)
              .onMessage(
                  Fired.class,
                  fired -> {
                    delays.recordNanos(System.nanoTime() - fired.armedNanos());
                    if (delays.count() == timers) {
                      done.complete(delays);
                    } else if (armed[0] < timers) {
                      arm(context, delay, armed);
                    }
                    return Behaviors.same();
                  })
              .build();
        });
  }

  private static void arm(ActorContext<Command> context, Duration delay, int[] armed) {
    armed[0]++;
    context.scheduleOnce(delay, context.getSelf(), new Fired(System.nanoTime()));
  }
}
