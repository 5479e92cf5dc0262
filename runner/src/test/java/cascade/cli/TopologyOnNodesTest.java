package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topologies whose tiers run on several cluster nodes, through the command as a user runs it. They
 * keep real time, so every figure asserted is one timing cannot move: no tier is near its capacity,
 * timeouts are seconds against milliseconds, failures are certain or absent. The per-tier counts
 * must be exactly those of the same file in one actor system, although most of them were counted
 * on another node and shipped.
 */
class TopologyOnNodesTest {

  @TempDir Path dir;

  /**
   * a -> b -> c, two retries per hop, c always fails (a fault of the schedule that targets c, so
   * it must reach c on its node): (2 + 1)^k attempts per request at the k-th
   * tier (tiers in the order the entry reaches them: a, b, audit, c); a also publishes an event per attempt to audit, whose bus runs beside audit. c's 20 ms
   * keeps every request open long after its last event is served, so the events' counts are
   * complete when the run ends.
   */
  private static final String CHAIN =
      """
      scenario.architectures = [topology]
      traffic { total = 5, arrivals = tutorial }
      service { capacity = 100000, base-latency = 1ms, jitter = 0ms, failure-probability = 0 }
      rpc { timeout = 2s, policies = [], retry { max-retries = 2, base = 1ms } }
      topology {
        entry = a
        tiers {
          a { placement = front }
          b { placement = back, service.replicas = 2 }
          c { placement = back, service { max-failure-probability = 1.0, base-latency = 20ms } }
          audit { placement = back }
        }
        edges = [
          { from = a, to = [b] }
          { from = b, to = [c] }
          { from = a, to = [audit], call = event, bus-side = to }
        ]
      }
      faults.schedule = [ { at = 0s, for = 1h, kind = error-rate, probability = 1.0, target = c } ]
      cluster.nodes = [ { name = front, roles = [front] }, { name = back, roles = [back] }, { name = back-2, roles = [back] } ]
      """;

  @Test
  void aChainOnThreeNodesInOneJvmWithATierSpreadOverTwoCountsEveryTierExactlyAsInOneActorSystem() throws IOException {
    JsonNode oneSystem = run(CHAIN, "--set", "cluster.mode=off");
    JsonNode nodesInOneJvm = run(CHAIN, "--set", "cluster.mode=in-jvm", "--out", dir.resolve("out").toString());

    JsonNode result = nodesInOneJvm.get("results").get(0);
    assertThat(result.get("lost").asLong()).isZero();
    assertThat(result.get("outcomes").get("failed").asLong()).isEqualTo(5);
    assertThat(amplifications(result)).containsExactly(3.0, 9.0, 3.0, 27.0);
    assertThat(figures(result)).isEqualTo(figures(oneSystem.get("results").get(0)));
    JsonNode aToB = result.get("tiers").get(0).get("calls").get(0);
    assertThat(aToB.get("attempts").asLong()).isEqualTo(45);
    assertThat(aToB.get("retries").asLong()).isEqualTo(30);
    JsonNode aToAudit = result.get("tiers").get(0).get("calls").get(1);
    assertThat(aToAudit.get("call").asText()).isEqualTo("event");
    assertThat(aToAudit.get("succeeded").asLong()).isEqualTo(15);
    // The time series of a tier on the other node came through its relay: its intervals add up.
    assertThat(columnSum(dir.resolve("out/timeseries-topology-tier-c.csv"), "received")).isEqualTo(135);
    assertThat(columnSum(dir.resolve("out/timeseries-topology-tier-b.csv"), "attempts_out")).isEqualTo(135);
    assertThat(columnSum(dir.resolve("out/timeseries-topology-tier-audit.csv"), "succeeded")).isEqualTo(15);
    // Which tiers ran where: b's two replicas one on each back node, c and audit (one instance
    // each) on one of them; and that the calls between them crossed: a's 45 calls to b and its 15
    // events to audit's bus went from front to the back nodes, and b's answers came back.
    JsonNode nodes = nodesInOneJvm.get("nodes");
    assertThat(nodes.get(0).get("tiers").toString()).isEqualTo("[\"a\"]");
    assertThat(nodes.get(1).get("tiers").toString()).contains("\"b\"");
    assertThat(nodes.get(2).get("tiers").toString()).contains("\"b\"");
    assertThat(nodes.get(1).get("tiers").toString() + nodes.get(2).get("tiers")).contains("\"audit\"").contains("\"c\"");
    assertThat(nodes.get(0).get("messages_sent_to_other_nodes").asLong()).isGreaterThanOrEqualTo(45 + 15);
    assertThat(nodes.get(1).get("messages_sent_to_other_nodes").asLong() + nodes.get(2).get("messages_sent_to_other_nodes").asLong())
        .isGreaterThanOrEqualTo(45);
  }

  @Test
  void aChainWithEachTierInAProcessOfItsOwnHasThreePidsTheSameCountsAndLeavesNoProcessBehind() throws IOException {
    String threeNodes =
        CHAIN.replace("c { placement = back", "c { placement = stock").replace("audit { placement = back }", "audit { placement = front }")
            .replace("{ name = back-2, roles = [back] }", "{ name = stock, roles = [stock] }");

    JsonNode document = run(threeNodes, "--set", "cluster.mode=processes");

    JsonNode result = document.get("results").get(0);
    assertThat(result.get("lost").asLong()).isZero();
    assertThat(amplifications(result)).containsExactly(3.0, 9.0, 3.0, 27.0);
    JsonNode nodes = document.get("nodes");
    List<Long> pids = new ArrayList<>();
    nodes.forEach(node -> pids.add(node.get("pid").asLong()));
    assertThat(pids).doesNotHaveDuplicates().hasSize(3).startsWith(ProcessHandle.current().pid());
    assertThat(nodes.get(2).get("tiers").toString()).isEqualTo("[\"c\"]");
    for (long pid : pids.subList(1, 3)) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("node process " + pid + " still running").isFalse();
    }
  }

  /**
   * b's node is killed (kill -9) a second into the load: a's calls to b time out and the breaker
   * on that edge opens, and every request still ends in exactly one outcome. Nothing here depends
   * on when the cluster removes the dead node.
   */
  @Test
  void killingTheNodeOfTheMiddleTierLosesNoRequestAndOpensTheBreakerOnTheEdgeIntoIt() throws IOException {
    String killed =
        """
        scenario.architectures = [topology]
        traffic { total = 600, arrivals = constant, rate = 100 }
        service { capacity = 100000, failure-probability = 0 }
        rpc { timeout = 2s, policies = [], retry.max-retries = 1 }
        policy.breaker { kind = count-based, window = 20, minimum-calls = 10, failure-rate-threshold = 50, open-for = 300ms }
        topology {
          entry = a
          tiers { a { placement = front }, b { placement = back }, c { placement = front } }
          edges = [
            { from = a, to = [b], rpc { timeout = 300ms, policies = [breaker], retry.max-retries = 1 } }
            { from = b, to = [c] }
          ]
        }
        cluster {
          mode = processes
          nodes = [ { name = front, roles = [front] }, { name = back, roles = [back] } ]
          kill = [ { node = back, at = 1s } ]
        }
        """;

    JsonNode document = run(killed, "--seed", "7");

    JsonNode result = document.get("results").get(0);
    assertThat(result.get("lost").asLong()).isZero();
    long outcomes = 0;
    for (JsonNode outcome : result.get("outcomes")) {
      outcomes += outcome.asLong();
    }
    assertThat(outcomes).isEqualTo(600);
    assertThat(document.get("node_events").toString()).contains("{\"node\":\"back\",\"event\":\"killed\"");
    assertThat(result.get("policy_events").get("a->b breaker: closed->open").asLong()).isPositive();
    JsonNode aToB = result.get("tiers").get(0).get("calls").get(0);
    assertThat(aToB.get("failed").asLong()).isPositive();
    // a runs on the first node, beside the load's caller: it received every attempt the caller made.
    assertThat(result.get("tiers").get(0).get("received").asLong()).isEqualTo(result.get("attempts").asLong());
  }

  /**
   * A node that never comes is found only by running: the file is valid (validate accepts it), so
   * the run fails (exit code 1, not 2) at the join timeout, saying which node and which tiers.
   */
  @Test
  void tiersOnAnExternalNodeThatNeverJoinsEndTheRunAtTheJoinTimeoutNamingNodeAndTiers() throws IOException {
    Path file = dir.resolve("external.conf");
    Files.writeString(
        file,
        CHAIN.replace("{ name = back-2, roles = [back] }", "{ name = back-2, roles = [back], external = true }")
            + "cluster { mode = in-jvm, join-timeout = 1s }\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(Main.execute(new String[] {"validate", file.toString()}, new PrintWriter(out, true), new PrintWriter(err, true))).isZero();
    int code = Main.execute(new String[] {"run", file.toString(), "--out", dir.resolve("out").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString())
        .contains("./cascade node --name back-2 --roles back --seed-node akka://cascade@127.0.0.1:")
        .contains("cascade: the cluster did not form within 1 s: node back-2 (external) did not join; it runs tiers audit, b, c")
        .doesNotContain("Exception");
  }

  private JsonNode run(String body, String... options) throws IOException {
    Path file = dir.resolve("chain.conf");
    Files.writeString(file, body);
    List<String> args = new ArrayList<>(List.of("run", file.toString(), "--json", "-"));
    args.addAll(List.of(options));
    if (!args.contains("--out")) {
      args.addAll(List.of("--out", dir.resolve("out-" + options[1].replace('=', '-').replace('.', '-')).toString()));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    return new ObjectMapper().readTree(out.toString());
  }

  private static List<Double> amplifications(JsonNode result) {
    List<Double> amplification = new ArrayList<>();
    result.get("tiers").forEach(tier -> amplification.add(tier.get("amplification").asDouble()));
    return amplification;
  }

  /** Each tier's counts and its calls' counts: what must not depend on where the tier ran. */
  private static List<String> figures(JsonNode result) {
    List<String> figures = new ArrayList<>();
    for (JsonNode tier : result.get("tiers")) {
      figures.add(tier.get("name").asText() + " received " + tier.get("received") + " succeeded " + tier.get("succeeded") + " failed " + tier.get("failed"));
      for (JsonNode call : tier.get("calls")) {
        figures.add("  -> " + call.get("to").asText() + " " + call.get("call").asText() + " requests " + call.get("requests") + " attempts "
            + call.get("attempts") + " retries " + call.get("retries") + " succeeded " + call.get("succeeded") + " failed " + call.get("failed"));
      }
    }
    return figures;
  }

  private static long columnSum(Path csv, String column) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    int index = java.util.Arrays.asList(lines.get(0).split(",")).indexOf(column);
    return lines.stream().skip(1).mapToLong(line -> Long.parseLong(line.split(",")[index])).sum();
  }
}
