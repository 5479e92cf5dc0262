package com.example.inventory;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import cascade.extension.ExtensionSettings;
import cascade.service.ServiceExtension;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Our inventory service as Cascade Lab sees it: it answers after a fixed lookup time, and fails
 * every {@code fail-every}-th lookup (a shard that is always being rebalanced). Named {@code
 * inventory} in scenarios.
 */
public final class InventoryService implements ServiceExtension {

  @Override
  public String name() {
    return "inventory";
  }

  @Override
  public String description() {
    return "fixed lookup time; every n-th lookup fails";
  }

  @Override
  public void check(ExtensionSettings settings) {
    settings.duration("lookup-time", Duration.ofMillis(5));
    settings.integer("fail-every", 10, 1, 1_000_000);
  }

  @Override
  public Behavior<DownstreamService.Command> instance(ExtensionSettings settings, RandomGenerator random) {
    Duration lookup = settings.duration("lookup-time", Duration.ofMillis(5));
    int failEvery = settings.integer("fail-every", 10, 1, 1_000_000);
    return Behaviors.withTimers(timers -> serving(timers, lookup, failEvery, 0));
  }

  /** A lookup finished. */
  private record Answer(DownstreamService.Handle handle, boolean ok) implements DownstreamService.ExtensionMessage {}

  private static Behavior<DownstreamService.Command> serving(
      akka.actor.typed.javadsl.TimerScheduler<DownstreamService.Command> timers, Duration lookup, int failEvery, long served) {
    return Behaviors.receive(DownstreamService.Command.class)
        .onMessage(DownstreamService.Handle.class, handle -> {
          long number = served + 1;
          timers.startSingleTimer(handle.attemptId(), new Answer(handle, number % failEvery != 0), lookup);
          return serving(timers, lookup, failEvery, number);
        })
        .onMessage(Answer.class, answer -> {
          AttemptId id = answer.handle().attemptId();
          answer.handle().replyTo().tell(answer.ok() ? new DownstreamService.Succeeded(id) : new DownstreamService.Failed(id));
          return Behaviors.same();
        })
        .onMessage(DownstreamService.Cancel.class, cancel -> {
          // The caller gave up: no answer is owed, and the lookup stops.
          timers.cancel(cancel.attemptId());
          return Behaviors.same();
        })
        .build();
  }
}
