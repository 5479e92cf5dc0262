package cascade.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import cascade.cluster.CrossNodeTraffic;
import cascade.cluster.NodeAgent;
import cascade.cluster.RemoteCallerHost;
import cascade.cluster.RemoteEventPathHost;
import cascade.cluster.RemoteServiceHost;
import cascade.cluster.SpreadServiceHost;
import cascade.experiment.CallerHost;
import cascade.experiment.EventPathHost;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.ServiceHost;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.ProgressBoard;
import cascade.scenario.Scenario;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A run over the nodes of an Akka Cluster ({@code cluster.mode = in-jvm} or {@code processes}):
 * it starts the first node, which coordinates, and the others (actor systems in this JVM, node
 * processes, or nodes started by hand), waits for the cluster to form, places the service, the
 * event path, the callers and the tiers on the nodes with their roles, runs the plans, kills
 * nodes when the scenario says so, and takes every node down again when it closes.
 */
final class ClusterRun implements AutoCloseable {

  /** How long the nodes may take to form the cluster. */
  static final Duration FORMATION = Duration.ofSeconds(30);

  private final List<ExperimentPlan> plans;
  private final Scenario.Cluster cluster;
  private final Config journal;
  /** The node processes the run starts; null when its nodes are actor systems in this JVM. */
  private final NodeProcesses processes;
  /** The actor systems of this JVM, the coordinator first. */
  private final List<ActorSystem<?>> systems = new ArrayList<>();
  /** Each node's process id, in the order of the scenario's nodes (-1 for one started by hand). */
  private final List<Long> pids = new ArrayList<>();

  private ClusterRun(List<ExperimentPlan> plans, Scenario.Cluster cluster, cascade.persistence.Journal journalSettings) {
    this.plans = plans;
    this.cluster = cluster;
    this.journal = journalSettings == null ? ConfigFactory.empty() : journalSettings.akkaConfig();
    this.processes =
        cluster.mode() == Scenario.ClusterMode.PROCESSES
            ? new NodeProcesses(journalSettings == null ? List.of() : journalSettings.nodeArguments())
            : null;
  }

  /** See {@link ScenarioRun#run(List, Scenario.Cluster, Scenario.Clock, cascade.persistence.Journal, ProgressBoard, Consumer, Consumer)}. */
  static RunReport run(
      List<ExperimentPlan> plans,
      Scenario.Cluster cluster,
      cascade.persistence.Journal journalSettings,
      ProgressBoard board,
      Consumer<String> progress,
      Consumer<String> notices) {
    try (ClusterRun run = new ClusterRun(plans, cluster, journalSettings)) {
      return run.run(board, progress, notices);
    }
  }

  private RunReport run(ProgressBoard board, Consumer<String> progress, Consumer<String> notices) {
    CompletableFuture<List<ArchitectureResult>> done = new CompletableFuture<>();
    ActorSystem<RunEachInTurn.Command> coordinator = startCoordinator(progress, done);
    long formingSince = System.nanoTime();
    String seedNode = Cluster.get(coordinator).selfMember().address().toString();
    Cluster.get(coordinator).manager().tell(Join.create(Cluster.get(coordinator).selfMember().address()));
    startOtherNodes(coordinator, seedNode, notices);
    awaitFormed(coordinator);
    double upMs = (System.nanoTime() - formingSince) / 1e6;
    List<NodeInfo> nodes = describe(coordinator, cluster, pids);
    TierNodes tierNodes = new TierNodes();
    List<NodeEvent> nodeEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    ScheduledExecutorService kills = Executors.newSingleThreadScheduledExecutor();
    try {
      // Kills are timed from the start of the load, not of the run: setting up takes longer on a
      // busy machine, and a kill meant for the middle of the load must not land before it.
      Runnable loadStarted = () -> kills.execute(() -> scheduleKills(kills, cluster, processes, coordinator, nodes, nodeEvents, seedNode));
      coordinator.tell(new RunEachInTurn.Go(placement(coordinator, tierNodes, loadStarted).withProgress(board)));
      List<ArchitectureResult> results = ScenarioRun.await(done, ScenarioRun.deadline(plans, stallAllowance(cluster)));
      return new RunReport(results, tierNodes.named(withTraffic(coordinator, nodes)), upMs, nodeEvents);
    } finally {
      kills.shutdownNow();
    }
  }

  /** The first node: it runs the plans one after another, and a node agent when tiers may be placed on it. */
  private ActorSystem<RunEachInTurn.Command> startCoordinator(Consumer<String> progress, CompletableFuture<List<ArchitectureResult>> done) {
    Scenario.Node first = cluster.nodes().get(0);
    ActorSystem<RunEachInTurn.Command> coordinator =
        ActorSystem.create(RunEachInTurn.create(plans, progress, done), "cascade", journal.withFallback(nodeConfig(first, cluster.host(), cluster.port())));
    systems.add(coordinator);
    pids.add(ProcessHandle.current().pid());
    if (hasTopologies()) {
      // Tiers placed on the first node's roles run there, started by an agent like any node's.
      coordinator.systemActorOf(NodeAgent.create(first.name()), "node-agent", akka.actor.typed.Props.empty());
    }
    return coordinator;
  }

  /** Every node but the first: started here, as a process, or (external) by the user, who is told how. */
  private void startOtherNodes(ActorSystem<?> coordinator, String seedNode, Consumer<String> notices) {
    for (Scenario.Node node : cluster.nodes().subList(1, cluster.nodes().size())) {
      if (node.external()) {
        notices.accept(
            String.format(
                "  waiting up to %d s for node %s to join; start it with:%n    ./cascade node --name %s --roles %s --seed-node %s",
                cluster.joinTimeout().toSeconds(), node.name(), node.name(), String.join(",", node.roles()), seedNode));
        pids.add(-1L);
      } else if (processes != null) {
        pids.add(processes.start(node, seedNode).pid());
      } else {
        ActorSystem<?> system = ActorSystem.create(NodeAgent.create(node.name()), "cascade", journal.withFallback(nodeConfig(node, cluster.host(), 0)));
        Cluster.get(system).manager().tell(Join.create(Cluster.get(coordinator).selfMember().address()));
        systems.add(system);
        pids.add(ProcessHandle.current().pid());
      }
    }
  }

  /** Waits for every node to be Up; a failure names the nodes that did not join, and why a process ended. */
  private void awaitFormed(ActorSystem<?> coordinator) {
    try {
      awaitAllUp(coordinator, cluster.nodes().size(), cluster.joinTimeout());
    } catch (RunFailedException notFormed) {
      // A node that could not start says why in its output, which is deleted with the run.
      RunFailedException named = new RunFailedException(notFormed.getMessage() + TierNodes.notJoined(coordinator, cluster, plans));
      throw processes == null ? named : new RunFailedException(named.getMessage() + processes.whyEnded());
    }
  }

  /** Where each part runs: on the nodes with its role, or here when the first node has it. */
  private Experiment.Setting placement(ActorSystem<?> coordinator, TierNodes tierNodes, Runnable loadStarted) {
    Scenario.Node first = cluster.nodes().get(0);
    // A scenario of topologies only places its tiers itself: the service's roles may name no node.
    boolean onlyTopologies = plans.stream().allMatch(plan -> plan.architecture() instanceof ExperimentPlan.Topology);
    ServiceHost host = onlyTopologies ? ServiceHost.LOCAL : serviceHost(coordinator, cluster);
    EventPathHost eventPathHost =
        onlyTopologies || first.roles().contains(cluster.eventPathRole())
            ? EventPathHost.LOCAL
            : new RemoteEventPathHost(agentWithRole(coordinator, cluster.eventPathRole()), cluster.eventPathRole());
    CallerHost callerHost =
        onlyTopologies || cluster.callersRole().isEmpty() || first.roles().contains(cluster.callersRole())
            ? CallerHost.LOCAL
            : new RemoteCallerHost(agentWithRole(coordinator, cluster.callersRole()));
    cascade.experiment.TierPlacement tiers = hasTopologies() ? tierPlacement(coordinator, cluster, plans, tierNodes) : null;
    return new Experiment.Setting(host, eventPathHost, callerHost, stallAllowance(cluster), loadStarted).withTiers(tiers);
  }

  private boolean hasTopologies() {
    return plans.stream().anyMatch(plan -> plan.architecture() instanceof ExperimentPlan.Topology);
  }

  /**
   * Takes the cluster down: every node asked to leave (a node process ends once removed, one
   * started by hand too), the processes stopped, and this JVM's actor systems terminated.
   */
  @Override
  public void close() {
    boolean external = cluster.nodes().stream().anyMatch(Scenario.Node::external);
    if ((processes != null || external) && !systems.isEmpty()) {
      // The coordinator stays up until they have left, so that the leaving is heard.
      leaveAll(systems.get(0));
    }
    if (processes != null) {
      processes.close();
    }
    if (external && !systems.isEmpty()) {
      awaitOthersGone(systems.get(0));
    }
    systems.forEach(ScenarioRun::terminate);
  }

  /**
   * How much longer than its timeouts and retries allow a run may go without an outcome when its
   * nodes are killed: the failure detector's pause and the Split Brain Resolver's wait (about 7 s
   * together), the restart, and the journal's recovery on the new process, with room to spare.
   */
  static final Duration KILL_ALLOWANCE = Duration.ofSeconds(30);

  private static Duration stallAllowance(Scenario.Cluster cluster) {
    Duration allowance = Duration.ZERO;
    for (Scenario.NodeKill kill : cluster.kills()) {
      Duration own = KILL_ALLOWANCE.plus(kill.restartAfter() == null ? Duration.ZERO : kill.restartAfter());
      allowance = own.compareTo(allowance) > 0 ? own : allowance;
    }
    return allowance;
  }

  /**
   * Kills node processes at their times (after the load starts), and notes when the cluster has
   * removed each killed node (downed by the Split Brain Resolver). Called once, when the load
   * starts: only one architecture runs when nodes are killed.
   */
  private static void scheduleKills(
      java.util.concurrent.ScheduledExecutorService faults,
      Scenario.Cluster cluster,
      NodeProcesses processes,
      ActorSystem<?> coordinator,
      List<NodeInfo> nodes,
      List<NodeEvent> events,
      String seedNode) {
    long start = System.nanoTime();
    for (Scenario.NodeKill kill : cluster.kills()) {
      String address = nodes.stream().filter(n -> n.name().equals(kill.node())).map(NodeInfo::address).findFirst().orElse("");
      faults.schedule(
          () -> {
            processes.kill(kill.node());
            events.add(new NodeEvent(kill.node(), "killed", (System.nanoTime() - start) / 1e6));
            if (kill.restartAfter() != null) {
              // A new process of the same node: it joins as a new member, and its agent starts
              // again whatever the run still needs there (a durable event path recovers its journal).
              Scenario.Node node = cluster.nodes().stream().filter(n -> n.name().equals(kill.node())).findFirst().orElseThrow();
              faults.schedule(
                  () -> {
                    processes.start(node, seedNode);
                    events.add(new NodeEvent(kill.node(), "restarted", (System.nanoTime() - start) / 1e6));
                  },
                  kill.restartAfter().toNanos(),
                  TimeUnit.NANOSECONDS);
            }
            faults.scheduleWithFixedDelay(
                new Runnable() {
                  private boolean noted;

                  @Override
                  public void run() {
                    boolean present = false;
                    for (Member member : Cluster.get(coordinator).state().getMembers()) {
                      present |= member.address().toString().equals(address);
                    }
                    if (!present && !noted) {
                      noted = true;
                      events.add(new NodeEvent(kill.node(), "removed", (System.nanoTime() - start) / 1e6));
                    }
                  }
                },
                20,
                20,
                TimeUnit.MILLISECONDS);
          },
          kill.at().toNanos(),
          TimeUnit.NANOSECONDS);
    }
  }

  /** Names, roles, addresses and process ids of the nodes; members are matched to nodes by their name role. */
  private static List<NodeInfo> describe(ActorSystem<?> coordinator, Scenario.Cluster cluster, List<Long> pids) {
    List<NodeInfo> nodes = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    Cluster.get(coordinator).state().getMembers().forEach(members::add);
    for (int i = 0; i < cluster.nodes().size(); i++) {
      Scenario.Node node = cluster.nodes().get(i);
      String address =
          members.stream()
              .filter(m -> m.getRoles().contains(NodeAgent.nameRole(node.name())))
              .map(m -> m.address().toString())
              .findFirst()
              .orElse("?");
      nodes.add(new NodeInfo(node.name(), node.roles(), address, pids.get(i)));
    }
    return nodes;
  }

  /**
   * Each node's count of the lab's messages it sent to other nodes: the coordinator's read here,
   * the others' asked of their agents. A node that does not answer (it was killed) has none.
   */
  private static List<NodeInfo> withTraffic(ActorSystem<?> coordinator, List<NodeInfo> nodes) {
    Duration patience = Duration.ofSeconds(3);
    Receptionist.Listing listing =
        AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                coordinator.receptionist(), replyTo -> Receptionist.find(NodeAgent.KEY, replyTo), patience, coordinator.scheduler())
            .toCompletableFuture()
            .join();
    java.util.Map<String, CompletableFuture<NodeAgent.NodeTraffic>> asked = new java.util.HashMap<>();
    for (ActorRef<NodeAgent.Command> agent : listing.getServiceInstances(NodeAgent.KEY)) {
      asked.put(
          agent.path().address().toString(),
          AskPattern.<NodeAgent.Command, NodeAgent.NodeTraffic>ask(agent, NodeAgent.GetTraffic::new, patience, coordinator.scheduler())
              .toCompletableFuture());
    }
    String coordinatorAddress = Cluster.get(coordinator).selfMember().address().toString();
    List<NodeInfo> measured = new ArrayList<>();
    for (NodeInfo node : nodes) {
      if (node.address().equals(coordinatorAddress)) {
        measured.add(node.withTraffic(CrossNodeTraffic.of(coordinator).totals()));
        continue;
      }
      CompletableFuture<NodeAgent.NodeTraffic> answer = asked.get(node.address());
      try {
        measured.add(answer == null ? node : node.withTraffic(answer.join().totals()).withPidIfUnknown(answer.join().pid()));
      } catch (java.util.concurrent.CompletionException e) {
        measured.add(node);
      }
    }
    return measured;
  }

  /** Asks every other member to leave: a node process ends once it has been removed. */
  private static void leaveAll(ActorSystem<?> coordinator) {
    Cluster cluster = Cluster.get(coordinator);
    for (Member member : cluster.state().getMembers()) {
      if (!member.address().equals(cluster.selfMember().address())) {
        cluster.manager().tell(akka.cluster.typed.Leave.create(member.address()));
      }
    }
  }

  /** Waits a little for the nodes asked to leave to be gone; a node that does not is downed when the coordinator stops. */
  private static void awaitOthersGone(ActorSystem<?> coordinator) {
    try {
      pollUntil(Duration.ofSeconds(10), "the external nodes did not leave", () -> {
        int members = 0;
        for (Member ignored : Cluster.get(coordinator).state().getMembers()) {
          members++;
        }
        return members <= 1 ? Optional.of(true) : Optional.empty();
      });
    } catch (RunFailedException tooSlow) {
      // Best effort: the results are in hand.
    }
  }

  /** A node listening on {@code host} and {@code port} (0: a free one), with the scenario's roles for it. */
  private static Config nodeConfig(Scenario.Node node, String host, int port) {
    return ConfigFactory.load("cluster")
        .withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(NodeAgent.clusterRoles(node.name(), node.roles())))
        .withValue("akka.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
        .withValue("akka.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port));
  }

  private static void awaitAllUp(ActorSystem<?> coordinator, int nodes, Duration patience) {
    pollUntil(
        patience,
        "the cluster did not form",
        () -> {
          int up = 0;
          for (Member member : Cluster.get(coordinator).state().getMembers()) {
            if (member.status() == MemberStatus.up()) {
              up++;
            }
          }
          return up == nodes ? Optional.of(true) : Optional.empty();
        });
  }

  /**
   * The service runs where its role is: on the coordinator if it has the role, on the one node with
   * it, or spread over all the nodes with it (each runs a share of the replicas, and a node that
   * joins with the role after one died takes that node's share).
   */
  private static ServiceHost serviceHost(ActorSystem<?> coordinator, Scenario.Cluster cluster) {
    String role = cluster.serviceRole();
    if (cluster.nodes().get(0).roles().contains(role)) {
      return ServiceHost.LOCAL;
    }
    long withRole = cluster.nodes().stream().filter(node -> node.roles().contains(role)).count();
    if (withRole == 1) {
      // Straight to the service: parts on other nodes (an event path, callers) call it directly,
      // not through a router on the first node. A restarted node does not get it back.
      return new RemoteServiceHost(agentWithRole(coordinator, role));
    }
    return new SpreadServiceHost(agentsWithRole(coordinator, role, (int) withRole), role);
  }

  /**
   * Every tier on the nodes with its role, each of them running a share: the agents of every role
   * a tier is placed on, once all of that role's nodes have registered theirs.
   */
  private static cascade.experiment.TierPlacement tierPlacement(
      ActorSystem<?> coordinator, Scenario.Cluster cluster, List<ExperimentPlan> plans, TierNodes tierNodes) {
    java.util.Map<String, List<ActorRef<NodeAgent.Command>>> agents = new java.util.HashMap<>();
    for (String role : TierNodes.roles(plans)) {
      long withRole = cluster.nodes().stream().filter(node -> node.roles().contains(role)).count();
      agents.put(role, agentsWithRole(coordinator, role, (int) withRole));
    }
    return new cascade.cluster.SpreadTierPlacement(agents, tierNodes::placed);
  }

  /** The agent of the node with {@code role}, once it has registered with the Receptionist. */
  private static ActorRef<NodeAgent.Command> agentWithRole(ActorSystem<?> coordinator, String role) {
    return agentsWithRole(coordinator, role, 1).get(0);
  }

  /** The agents of the {@code count} nodes with {@code role}, once all have registered. */
  private static List<ActorRef<NodeAgent.Command>> agentsWithRole(ActorSystem<?> coordinator, String role, int count) {
    return pollUntil(
        FORMATION,
        count == 1 ? "no node with role " + role + " registered its agent" : "not all " + count + " nodes with role " + role + " registered their agents",
        () -> {
          Receptionist.Listing listing =
              AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                      coordinator.receptionist(),
                      replyTo -> Receptionist.find(NodeAgent.KEY, replyTo),
                      Duration.ofSeconds(5),
                      coordinator.scheduler())
                  .toCompletableFuture()
                  .join();
          List<ActorRef<NodeAgent.Command>> found = new ArrayList<>();
          for (ActorRef<NodeAgent.Command> agent : listing.getServiceInstances(NodeAgent.KEY)) {
            // The first node's own agent (a topology's) has a local address, without host and port.
            akka.actor.Address address =
                agent.path().address().hasLocalScope() ? Cluster.get(coordinator).selfMember().address() : agent.path().address();
            for (Member member : Cluster.get(coordinator).state().getMembers()) {
              if (member.address().equals(address) && member.getRoles().contains(role)) {
                found.add(agent);
              }
            }
          }
          // Sorted by address, so the shares of the replicas go the same way on every run.
          found.sort(java.util.Comparator.comparing(agent -> agent.path().address().toString()));
          return found.size() >= count ? Optional.of(found) : Optional.empty();
        });
  }

  /**
   * Asks {@code probe} every 20 ms until it has an answer, for at most {@code patience}. This is
   * the runner's own thread waiting for the cluster; no actor blocks.
   */
  private static <T> T pollUntil(Duration patience, String failure, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() - deadline < 0) {
      Optional<T> answer = probe.get();
      if (answer.isPresent()) {
        return answer.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunFailedException("interrupted: " + failure);
      }
    }
    throw new RunFailedException(failure + " within " + patience.toSeconds() + " s");
  }
}
