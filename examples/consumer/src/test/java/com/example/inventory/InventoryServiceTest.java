package com.example.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.typed.ActorRef;
import cascade.extension.ExtensionSettings;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import cascade.testkit.ActorTestKitExtension;
import cascade.testkit.Probe;
import cascade.testkit.Probes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Our service actor on its own, in time that moves only when the test says so. */
class InventoryServiceTest {

  @RegisterExtension
  static final ActorTestKitExtension akka = ActorTestKitExtension.withManualTime().perTest();

  private static final ExtensionSettings SETTINGS = new ExtensionSettings(Map.of("lookup-time", "5ms", "fail-every", "3"));

  @Test
  void answersAfterTheLookupTimeAndFailsEveryThirdLookup(ActorTestKit kit, ManualTime time, Probes probes) {
    Probe<DownstreamService.Reply> replies = probes.of("replies", DownstreamService.Reply.class);
    ActorRef<DownstreamService.Command> inventory = kit.spawn(new InventoryService().instance(SETTINGS, new SplittableRandom(1)), "inventory");
    for (int request = 1; request <= 3; request++) {
      inventory.tell(new DownstreamService.Handle(new AttemptId(request, 1), replies.ref(), Duration.ofMillis(100)));
    }

    time.expectNoMessageFor(Duration.ofMillis(4), replies.akka());
    time.timePasses(Duration.ofMillis(1));

    List<DownstreamService.Reply> answers = List.of(replies.receiveMessage(), replies.receiveMessage(), replies.receiveMessage());
    assertThat(answers)
        .containsExactlyInAnyOrder(
            new DownstreamService.Succeeded(new AttemptId(1, 1)),
            new DownstreamService.Succeeded(new AttemptId(2, 1)),
            new DownstreamService.Failed(new AttemptId(3, 1)));
    kit.stop(inventory);
  }

  @Test
  void aCancelledLookupIsNotAnswered(ActorTestKit kit, ManualTime time, Probes probes) {
    Probe<DownstreamService.Reply> replies = probes.of("replies", DownstreamService.Reply.class);
    ActorRef<DownstreamService.Command> inventory = kit.spawn(new InventoryService().instance(SETTINGS, new SplittableRandom(1)), "inventory");
    inventory.tell(new DownstreamService.Handle(new AttemptId(1, 1), replies.ref(), Duration.ofMillis(100)));
    inventory.tell(new DownstreamService.Cancel(new AttemptId(1, 1)));

    time.expectNoMessageFor(Duration.ofMillis(50), replies.akka());
    kit.stop(inventory);
  }
}
