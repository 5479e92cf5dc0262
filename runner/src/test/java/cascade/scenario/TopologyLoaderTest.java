package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.cli.Main;
import cascade.experiment.TopologyPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology section: how tiers and edges are read, and the one-line errors of a bad graph. */
class TopologyLoaderTest {

  @TempDir Path dir;

  private Path file(String body) throws IOException {
    Path file = dir.resolve("story.conf");
    Files.writeString(file, body);
    return file;
  }

  private Scenario load(String body) throws IOException {
    return ScenarioLoader.load(file(body), List.of());
  }

  private String problem(String body) throws IOException {
    Path file = file(body);
    return org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file, List.of()))
        .getMessage();
  }

  private String at(int line) {
    return dir.resolve("story.conf") + ":" + line + ": ";
  }

  /** Lines 1-9; a test's edges start on line 10. */
  private static final String TIERS =
      """
      scenario.architectures = [topology]
      service { capacity = 300 }
      topology {
        tiers {
          gateway { service { capacity = 400 } }
          orders {}
          stock { service { failure-probability = 1.0 } }
        }
        edges = [
      """;

  @Test
  void readsTiersWithTheirOwnServiceKeysAndEdgesWithTheirOwnRpcKeys() throws IOException {
    Scenario s =
        load(TIERS + """
              { from = gateway, to = [orders], rpc.retry.max-retries = 5 }
              { from = orders, to = stock, wait-for = any }
            ]
          }
          """);

    TopologyPlan topology = s.variants().get(0).topology();
    assertThat(s.variants().get(0).name()).isEqualTo("Topology");
    assertThat(topology.entry()).isEqualTo("gateway"); // the only tier nothing calls
    assertThat(topology.tiers()).extracting(TopologyPlan.TierPlan::name).containsExactly("gateway", "orders", "stock");
    assertThat(topology.tiers().get(0).service().model().capacity()).isEqualTo(400);
    assertThat(topology.tiers().get(1).service().model().capacity()).isEqualTo(300); // from the top-level service
    assertThat(topology.tiers().get(2).service().model().failureProbability()).isEqualTo(1.0);
    TopologyPlan.EdgePlan toOrders = topology.tiers().get(0).edges().get(0);
    assertThat(toOrders.rpc().retry().maxRetries()).isEqualTo(5);
    assertThat(toOrders.rpc().timeout()).isEqualTo(Duration.ofMillis(120)); // from the top-level rpc
    assertThat(toOrders.waitFor()).isEqualTo(TopologyPlan.WaitFor.ALL);
    TopologyPlan.EdgePlan toStock = topology.tiers().get(1).edges().get(0);
    assertThat(toStock.to()).containsExactly("stock");
    assertThat(toStock.waitFor()).isEqualTo(TopologyPlan.WaitFor.ANY);
    assertThat(toStock.rpc().retry().maxRetries()).isEqualTo(3);
  }

  @Test
  void anEdgeToAnUnknownTierIsNamedWithASuggestion() throws IOException {
    String message = problem(TIERS + """
            { from = gateway, to = [orders] }
            { from = orders, to = [stok] }
          ]
        }
        """);

    assertThat(message).isEqualTo(at(11) + "topology.edges[1].to: unknown tier stok (tiers: gateway, orders, stock); did you mean stock?");
  }

  @Test
  void aCycleIsNamedTierByTier() throws IOException {
    String message = problem(TIERS + """
            { from = gateway, to = [orders] }
            { from = orders, to = [stock] }
            { from = stock, to = [orders] }
          ]
        }
        """);

    assertThat(message).isEqualTo(at(12) + "topology.edges[2]: a cycle: orders → stock → orders (a topology must not call back up)");
  }

  @Test
  void aTierTheEntryCannotReachIsRefused() throws IOException {
    String message = problem(TIERS + """
            { from = gateway, to = [orders] }
          ]
          entry = gateway
        }
        """);

    assertThat(message).isEqualTo(at(7) + "topology.tiers.stock: the entry gateway cannot reach this tier: no chain of edges leads to it");
  }

  @Test
  void twoTiersWithoutCallersNeedAnEntry() throws IOException {
    String message = problem(TIERS + """
            { from = gateway, to = [orders] }
          ]
        }
        """);

    assertThat(message).endsWith("topology.entry: must name the tier the load calls: gateway, stock have no callers");
  }

  @Test
  void waitForAndQuorumAreChecked() throws IOException {
    String edges = """
            { from = gateway, to = [orders, stock], %s }
          ]
        }
        """;
    assertThat(problem(TIERS + edges.formatted("wait-for = most")))
        .isEqualTo(at(10) + "topology.edges[0].wait-for: must be one of all, any, quorum, but was most");
    assertThat(problem(TIERS + edges.formatted("wait-for = quorum, quorum = 3")))
        .isEqualTo(at(10) + "topology.edges[0].quorum: must be between 1 and 2, but was 3");
    assertThat(problem(TIERS + edges.formatted("wait-for = quorum")))
        .isEqualTo(at(10) + "topology.edges[0].wait-for: quorum needs quorum = N, the number of the 2 targets that must succeed");
    assertThat(problem(TIERS + edges.formatted("quorum = 1")))
        .isEqualTo(at(10) + "topology.edges[0].quorum: applies only with wait-for = quorum, but wait-for is all");
    assertThat(problem(TIERS + edges.formatted("wiat-for = any")))
        .isEqualTo(at(10) + "topology.edges[0].wiat-for: unknown key; did you mean wait-for?");
  }

  @Test
  void aTierTakesOnlyServiceKeys() throws IOException {
    String message = problem("""
        scenario.architectures = [topology]
        topology.tiers {
          front { service { capacty = 400 } }
        }
        """);

    assertThat(message).isEqualTo(at(3) + "topology.tiers.front.service.capacty: unknown key; a tier has service keys and placement; did you mean topology.tiers.front.service.capacity?");
  }

  @Test
  void anEdgesOwnRpcKeysAreCheckedLikeTheScenarios() throws IOException {
    String message = problem(TIERS + """
            { from = gateway, to = [orders], rpc { retry.max-retries = -1 } }
            { from = orders, to = [stock] }
          ]
        }
        """);

    assertThat(message).isEqualTo(at(10) + "topology.edges[0].rpc.retry.max-retries: must be at least 0, but was -1");
  }

  /** Lines 1-7; a test's cluster section starts on line 8. */
  private static final String PLACED =
      """
      scenario.architectures = [topology]
      topology {
        tiers { gateway { placement = front }, orders { placement = back, service.replicas = 2 }, audit { placement = back } }
        edges = [ { from = gateway, to = [orders] }, { from = orders, to = [audit], call = event, bus-side = to } ]
      }
      cluster.nodes = [ { name = front, roles = [front] }, { name = back-1, roles = [back] }, { name = back-2, roles = [back] } ]
      """;

  @Test
  void tiersArePlacedOnTheRolesOfClusterNodesAndAnEventEdgeSaysWhereItsBusRuns() throws IOException {
    Scenario s = load(PLACED + "cluster.mode = in-jvm\n");

    TopologyPlan topology = s.variants().get(0).topology();
    assertThat(topology.tiers()).extracting(TopologyPlan.TierPlan::name).containsExactly("gateway", "orders", "audit");
    assertThat(topology.tiers()).extracting(TopologyPlan.TierPlan::placement).containsExactly("front", "back", "back");
    assertThat(topology.tiers().get(1).edges().get(0).busSide()).isEqualTo(TopologyPlan.BusSide.TO);
    assertThat(topology.tiers().get(0).edges().get(0).busSide()).isEqualTo(TopologyPlan.BusSide.FROM);
    // A scenario of topologies only: the service's and the event path's roles (back, front by default) are not asked for.
    assertThat(load(PLACED.replace("back", "orders") + "cluster.mode = processes\n").cluster().mode()).isEqualTo(Scenario.ClusterMode.PROCESSES);
  }

  @Test
  void placementsPlaceNothingWithoutAClusterSoTheSameFileRunsInOneJvm() throws IOException {
    Scenario s = load(PLACED.replace("back", "nowhere"));

    assertThat(s.cluster().mode()).isEqualTo(Scenario.ClusterMode.OFF);
    assertThat(s.variants().get(0).topology().tiers().get(1).placement()).isEqualTo("nowhere");
  }

  @Test
  void aPlacementRoleNoNodeHasIsOneLineNamingTheRoles() throws IOException {
    String message = problem(PLACED.replace("orders { placement = back", "orders { placement = bakc") + "cluster.mode = in-jvm\n");

    assertThat(message).isEqualTo(at(3) + "topology.tiers.orders.placement: no node of cluster.nodes has the role bakc (roles: back, front); did you mean back?");
  }

  @Test
  void aTierWithoutANodeOnAClusterIsOneLine() throws IOException {
    String message = problem(PLACED.replace("audit { placement = back }", "audit {}") + "cluster.mode = processes\n");

    assertThat(message)
        .isEqualTo(at(3) + "topology.tiers.audit: cluster.mode is processes, so every tier needs placement = ROLE, a role of the nodes that run it (back, front); this one has none");
  }

  @Test
  void aBusSideBelongsToEventEdges() throws IOException {
    String message = problem(PLACED.replace("{ from = gateway, to = [orders] }", "{ from = gateway, to = [orders], bus-side = to }"));

    assertThat(message).isEqualTo(at(4) + "topology.edges[0].bus-side: only an event edge has a bus: bus-side belongs to edges with call = event");
  }

  @Test
  void aPlacementProblemStopsTheRunWithCodeTwoAndOneLine() throws IOException {
    Path file = file(PLACED.replace("placement = front", "placement = edge") + "cluster.mode = in-jvm\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.execute(new String[] {"run", file.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .doesNotContain("\n")
        .isEqualTo(at(3) + "topology.tiers.gateway.placement: no node of cluster.nodes has the role edge (roles: back, front)");
  }

  @Test
  void aBadGraphStopsTheRunWithCodeTwoAndOneLine() throws IOException {
    String unknown = "{ from = gateway, to = [orders] }, { from = orders, to = [stok] } ] }";
    String cycle = "{ from = gateway, to = [orders] }, { from = orders, to = [stock] }, { from = stock, to = [gateway] } ] }";
    String unreachable = "{ from = gateway, to = [orders] } ], entry = gateway }";
    assertThat(run(unknown)).endsWith("topology.edges[1].to: unknown tier stok (tiers: gateway, orders, stock); did you mean stock?");
    assertThat(run(cycle)).endsWith("topology.edges[2]: a cycle: gateway → orders → stock → gateway (a topology must not call back up)");
    assertThat(run(unreachable)).endsWith("topology.tiers.stock: the entry gateway cannot reach this tier: no chain of edges leads to it");
  }

  /** Runs a file whose topology section ends with {@code rest}; returns its one line of error output. */
  private String run(String rest) throws IOException {
    Path file = file(TIERS + rest + "\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.execute(new String[] {"run", file.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("Exception").startsWith(file.toString() + ":");
    return err.toString().strip();
  }
}
