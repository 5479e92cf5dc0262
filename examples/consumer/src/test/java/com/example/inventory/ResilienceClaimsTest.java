package com.example.inventory;

import static cascade.testkit.CascadeAssertions.assertThat;

import cascade.testkit.Simulation;
import cascade.testkit.SimulationResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What our team promises about the system, checked on every build (virtual time: a few seconds, the same every time). */
class ResilienceClaimsTest {

  @Test
  void aThirtyPercentCapacityDropNeverLosesARequestAndRecoversWithinTwoSeconds() {
    SimulationResult result = Simulation.fromResource("scenarios/capacity-drop.conf").seed(7).run();

    assertThat(result)
        .lostNothing()
        .architecture("RPC")
        .hasSucceededShareAtLeast(0.9)
        .recoveredWithin(Duration.ofSeconds(2));
  }

  @Test
  void retriesCarryEveryRequestPastOurFlakyInventory() {
    SimulationResult result =
        Simulation.scenario("inventory-steady")
            .architectures("rpc")
            .requests(500)
            .set("traffic.arrivals", "constant")
            .set("service.model", "inventory")
            .set("service.model-settings", Map.of("fail-every", 5))
            .set("rpc.policies", List.of())
            .run();

    assertThat(result)
        .lostNothing()
        .architecture("RPC")
        .hasSucceededShareAtLeast(1.0)
        .hasAmplificationAtMost(1.3);
  }
}
