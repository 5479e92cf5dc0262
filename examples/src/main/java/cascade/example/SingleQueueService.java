package cascade.example;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import cascade.extension.ExtensionSettings;
import cascade.service.ServiceExtension;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * A service of a different shape than the tutorial's: one worker and a bounded FIFO queue, like a
 * single-threaded server (an M/M/1/K queue). Service times are exponential around {@code
 * mean-service-time}; an attempt that finds the queue full is rejected at once; an attempt its
 * caller gave up on is dropped from the queue. Name it with {@code service.model = single-queue}.
 *
 * <p>It shows everything a service actor needs: the {@link DownstreamService} protocol (answer every
 * Handle once; Cancel may come), its own timer message (a {@link DownstreamService.ExtensionMessage}),
 * and randomness from the stream it is given, so that a seed reproduces a run.
 */
public final class SingleQueueService implements ServiceExtension {

  @Override
  public String name() {
    return "single-queue";
  }

  @Override
  public String description() {
    return "one worker and a bounded FIFO queue (M/M/1/K), exponential service times";
  }

  @Override
  public void check(ExtensionSettings settings) {
    meanServiceTime(settings);
    queueCapacity(settings);
  }

  @Override
  public Behavior<DownstreamService.Command> instance(ExtensionSettings settings, RandomGenerator random) {
    Duration mean = meanServiceTime(settings);
    int capacity = queueCapacity(settings);
    return Behaviors.withTimers(timers -> idle(new State(mean, capacity, random, timers)));
  }

  private static Duration meanServiceTime(ExtensionSettings settings) {
    Duration mean = settings.duration("mean-service-time", Duration.ofMillis(4));
    if (mean.isZero()) {
      throw new ExtensionSettings.Problem("mean-service-time", "must be more than 0");
    }
    return mean;
  }

  private static int queueCapacity(ExtensionSettings settings) {
    return settings.integer("queue-capacity", 50, 0, 1_000_000);
  }

  /** The worker finished the attempt at the head of the line. */
  private record Done(AttemptId attemptId) implements DownstreamService.ExtensionMessage {}

  private record Waiting(AttemptId attemptId, ActorRef<DownstreamService.Reply> replyTo) {}

  /** What one instance holds: the attempt being served and the line behind it. */
  private static final class State {
    final Duration mean;
    final int capacity;
    final RandomGenerator random;
    final TimerScheduler<DownstreamService.Command> timers;
    final Deque<Waiting> line = new ArrayDeque<>();
    Waiting serving;

    State(Duration mean, int capacity, RandomGenerator random, TimerScheduler<DownstreamService.Command> timers) {
      this.mean = mean;
      this.capacity = capacity;
      this.random = random;
      this.timers = timers;
    }

    /** Starts the next attempt in line, if any. */
    void serveNext() {
      serving = line.pollFirst();
      if (serving != null) {
        // Exponential: -mean * ln(U), U in (0, 1].
        long nanos = (long) (-mean.toNanos() * StrictMath.log(1.0 - random.nextDouble()));
        timers.startSingleTimer(serving.attemptId(), new Done(serving.attemptId()), Duration.ofNanos(Math.max(1, nanos)));
      }
    }
  }

  private static Behavior<DownstreamService.Command> idle(State state) {
    return Behaviors.receive(DownstreamService.Command.class)
        .onMessage(DownstreamService.Handle.class, handle -> {
          if (state.serving != null && state.line.size() >= state.capacity) {
            handle.replyTo().tell(new DownstreamService.Rejected(handle.attemptId(), "queue-full"));
            return Behaviors.same();
          }
          state.line.addLast(new Waiting(handle.attemptId(), handle.replyTo()));
          if (state.serving == null) {
            state.serveNext();
          }
          return Behaviors.same();
        })
        .onMessage(Done.class, done -> {
          if (state.serving != null && state.serving.attemptId().equals(done.attemptId())) {
            state.serving.replyTo().tell(new DownstreamService.Succeeded(done.attemptId()));
            state.serveNext();
          }
          return Behaviors.same();
        })
        .onMessage(DownstreamService.Cancel.class, cancel -> {
          // Queued work nobody waits for is dropped; the attempt being served runs to its end.
          state.line.removeIf(waiting -> waiting.attemptId().equals(cancel.attemptId()));
          return Behaviors.same();
        })
        .onMessage(DownstreamService.GetInFlight.class, get -> {
          get.replyTo().tell(new DownstreamService.InFlight(state.serving == null ? 0 : 1, state.line.size()));
          return Behaviors.same();
        })
        .build();
  }
}
