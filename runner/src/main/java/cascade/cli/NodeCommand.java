package cascade.cli;

import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.actor.AddressFromURIString;
import cascade.cluster.NodeAgent;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import cascade.persistence.Journal;
import cascade.scenario.OpenTransport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "node",
    description = {
      "Start one cluster node by hand and keep it running until the cluster removes it or it is stopped.",
      "",
      "The node runs an agent that starts, on this node, what a scenario places on its roles. "
          + "`cascade run` starts its nodes itself (cluster.mode = processes); this command is for "
          + "joining a cluster from another terminal or another machine.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  cascade node --name back --roles back --seed-node akka://cascade@127.0.0.1:25520"
    },
    mixinStandardHelpOptions = true)
final class NodeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "The node's name in the scenario.")
  String name;

  @Option(names = "--roles", split = ",", paramLabel = "ROLE", description = "The node's roles, comma-separated.")
  List<String> roles = new ArrayList<>();

  @Option(
      names = "--seed-node",
      paramLabel = "ADDRESS",
      description = "A node to join, like akka://cascade@127.0.0.1:25520 (default: start a new cluster).")
  String seedNode;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description =
          "The address to listen on (default: ${DEFAULT-VALUE}; set it to reach other machines, on a network you trust: "
              + "the cluster transport is neither authenticated nor encrypted).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "The port to listen on (default: 0, a free one).", defaultValue = "0")
  int port;

  @Option(
      names = "--exit-with",
      paramLabel = "PID",
      hidden = true,
      description = "Stop when this process ends (cascade run passes its own, so no node outlives it, even after kill -9).")
  Long exitWith;

  @Option(
      names = "--journal",
      paramLabel = "h2|postgresql",
      description = "Give the node a journal for a durable event path (cascade run passes its own).")
  String journal;

  @Option(names = "--journal-dir", paramLabel = "DIR", description = "The run folder holding the H2 journal.")
  Path journalDir;

  @Option(names = "--journal-url", paramLabel = "URL", description = "The PostgreSQL journal's JDBC URL.")
  String journalUrl;

  @Option(names = "--journal-user", paramLabel = "USER", description = "The PostgreSQL journal's user.")
  String journalUser;

  @Option(
      names = "--journal-password-env",
      paramLabel = "VARIABLE",
      description = "The environment variable holding the PostgreSQL journal's password.",
      defaultValue = "")
  String journalPasswordEnv;

  private Config journalConfig() {
    if (journal == null) {
      return ConfigFactory.empty();
    }
    Journal settings;
    if (journal.equals("h2") && journalDir != null) {
      settings = Journal.h2(journalDir, false);
    } else if (journal.equals("postgresql") && journalUrl != null && journalUser != null) {
      settings = Journal.postgresql(journalUrl, journalUser, journalPasswordEnv);
    } else {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--journal must be h2 (with --journal-dir) or postgresql (with --journal-url and --journal-user)");
    }
    return settings.akkaConfig();
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65_535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535, but was " + port);
    }
    if (!OpenTransport.isLoopback(host)) {
      spec.commandLine().getErr().println(OpenTransport.warning("cascade", "--host " + host));
    }
    Config config =
        journalConfig().withFallback(ConfigFactory.load("cluster"))
            .withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(NodeAgent.clusterRoles(name, roles)))
            .withValue("akka.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
            .withValue("akka.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
            // Removed from the cluster, the node has nothing left to do: its actor system ends.
            .withValue("akka.coordinated-shutdown.terminate-actor-system", ConfigValueFactory.fromAnyRef(true));
    akka.actor.Address seed = null;
    if (seedNode != null) {
      try {
        seed = AddressFromURIString.parse(seedNode);
      } catch (RuntimeException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--seed-node must look like akka://cascade@127.0.0.1:25520, but was " + seedNode);
      }
    }
    ActorSystem<NodeAgent.Command> system;
    try {
      system = ActorSystem.create(NodeAgent.create(name), "cascade", config);
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot start the node: " + e.getMessage());
    }
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(seed == null ? cluster.selfMember().address() : seed));
    Runtime.getRuntime().addShutdownHook(new Thread(system::terminate, "cascade-node-shutdown"));
    if (exitWith != null) {
      ProcessHandle.of(exitWith)
          .ifPresentOrElse(parent -> parent.onExit().thenRun(system::terminate), system::terminate);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("node %s at %s (roles: %s)%n", name, cluster.selfMember().address(), String.join(", ", roles));
    out.flush();
    system.getWhenTerminated().toCompletableFuture().join();
    return 0;
  }
}
