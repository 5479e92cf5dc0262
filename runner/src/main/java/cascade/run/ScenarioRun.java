package cascade.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import cascade.cluster.NodeAgent;
import cascade.cluster.RemoteServiceHost;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.ServiceHost;
import cascade.metrics.ArchitectureResult;
import cascade.scenario.Scenario;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs plans one after another and returns their results. Each plan gets a fresh service and
 * fresh actors, so the architectures share neither load nor state.
 *
 * <p>Without a cluster everything runs in one actor system. With {@code cluster.mode = in-jvm}
 * the scenario's nodes are actor systems in this JVM, joined into an Akka Cluster over
 * 127.0.0.1; the first coordinates, and the downstream service runs on the node with the role
 * the scenario places it on, so every call to it crosses the wire.
 */
public final class ScenarioRun {

  /** How long a run may take beyond its arrival schedule before it is declared stuck. */
  static final Duration GRACE = Duration.ofMinutes(10);

  /** How long the nodes may take to form the cluster. */
  static final Duration FORMATION = Duration.ofSeconds(30);

  private ScenarioRun() {}

  /**
   * @param progress told the name of each architecture as it starts (called on an actor thread)
   * @throws RunFailedException when the run does not finish in time or the actor system fails
   */
  public static RunReport run(List<ExperimentPlan> plans, Scenario.Cluster cluster, Consumer<String> progress) {
    CompletableFuture<List<ArchitectureResult>> done = new CompletableFuture<>();
    long pid = ProcessHandle.current().pid();
    if (cluster.mode() == Scenario.ClusterMode.OFF) {
      ActorSystem<RunEachInTurn.Command> system =
          ActorSystem.create(RunEachInTurn.create(plans, progress, done), "cascade", ConfigFactory.load());
      try {
        system.tell(new RunEachInTurn.Go(ServiceHost.LOCAL));
        return new RunReport(await(done, plans), List.of(new NodeInfo("local", List.of(), "local", pid)), null);
      } finally {
        terminate(system);
      }
    }
    List<ActorSystem<?>> systems = new ArrayList<>();
    try {
      Scenario.Node coordinatorNode = cluster.nodes().get(0);
      ActorSystem<RunEachInTurn.Command> coordinator =
          ActorSystem.create(RunEachInTurn.create(plans, progress, done), "cascade", nodeConfig(coordinatorNode));
      systems.add(coordinator);
      for (Scenario.Node node : cluster.nodes().subList(1, cluster.nodes().size())) {
        systems.add(ActorSystem.create(NodeAgent.create(node.name()), "cascade", nodeConfig(node)));
      }
      long formingSince = System.nanoTime();
      for (ActorSystem<?> system : systems) {
        Cluster.get(system).manager().tell(Join.create(Cluster.get(coordinator).selfMember().address()));
      }
      awaitAllUp(coordinator, systems.size());
      double upMs = (System.nanoTime() - formingSince) / 1e6;
      ServiceHost host = serviceHost(coordinator, cluster, coordinatorNode);
      coordinator.tell(new RunEachInTurn.Go(host));
      List<ArchitectureResult> results = await(done, plans);
      List<NodeInfo> nodes = new ArrayList<>();
      for (int i = 0; i < systems.size(); i++) {
        Scenario.Node node = cluster.nodes().get(i);
        nodes.add(new NodeInfo(node.name(), node.roles(), Cluster.get(systems.get(i)).selfMember().address().toString(), pid));
      }
      return new RunReport(results, nodes, upMs);
    } finally {
      systems.forEach(ScenarioRun::terminate);
    }
  }

  /** A node on 127.0.0.1 with a free port and the scenario's roles for it. */
  private static Config nodeConfig(Scenario.Node node) {
    return ConfigFactory.load("cluster")
        .withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(node.roles()));
  }

  private static void awaitAllUp(ActorSystem<?> coordinator, int nodes) {
    long deadline = System.nanoTime() + FORMATION.toNanos();
    while (System.nanoTime() < deadline) {
      int up = 0;
      for (Member member : Cluster.get(coordinator).state().getMembers()) {
        if (member.status() == MemberStatus.up()) {
          up++;
        }
      }
      if (up == nodes) {
        return;
      }
      try {
        Thread.sleep(20); // the runner's own thread, waiting for the cluster; no actor blocks
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunFailedException("interrupted while the cluster was forming");
      }
    }
    throw new RunFailedException("the cluster did not form within " + FORMATION.toSeconds() + " s");
  }

  /** The coordinator hosts the service itself if it has the role; otherwise the agent of the node that has. */
  private static ServiceHost serviceHost(ActorSystem<?> coordinator, Scenario.Cluster cluster, Scenario.Node coordinatorNode) {
    if (coordinatorNode.roles().contains(cluster.serviceRole())) {
      return ServiceHost.LOCAL;
    }
    String role = cluster.serviceRole();
    long deadline = System.nanoTime() + FORMATION.toNanos();
    while (System.nanoTime() < deadline) {
      Receptionist.Listing listing =
          AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                  coordinator.receptionist(), replyTo -> Receptionist.find(NodeAgent.KEY, replyTo), Duration.ofSeconds(5), coordinator.scheduler())
              .toCompletableFuture()
              .join();
      for (ActorRef<NodeAgent.Command> agent : listing.getServiceInstances(NodeAgent.KEY)) {
        for (Member member : Cluster.get(coordinator).state().getMembers()) {
          if (member.address().equals(agent.path().address()) && member.getRoles().contains(role)) {
            return new RemoteServiceHost(agent);
          }
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunFailedException("interrupted while looking for the node with role " + role);
      }
    }
    throw new RunFailedException("no node with role " + role + " registered its agent within " + FORMATION.toSeconds() + " s");
  }

  private static List<ArchitectureResult> await(CompletableFuture<List<ArchitectureResult>> done, List<ExperimentPlan> plans) {
    Duration deadline = deadline(plans);
    try {
      return done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RunFailedException("the run did not finish within " + deadline.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailedException("the run was interrupted");
    } catch (ExecutionException e) {
      throw new RunFailedException("the run failed: " + e.getCause());
    }
  }

  private static void terminate(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Shutting down is best effort: the results are already in hand, and the JVM exits next.
    }
  }

  /** The arrival schedules' length plus a generous grace per architecture. */
  private static Duration deadline(List<ExperimentPlan> plans) {
    Duration total = Duration.ZERO;
    for (ExperimentPlan plan : plans) {
      total = total.plus(plan.arrivals().gap().multipliedBy(plan.arrivals().bursts())).plus(GRACE);
    }
    return total;
  }
}
