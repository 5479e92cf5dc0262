package cascade.run;

import cascade.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cluster nodes as separate JVMs on this machine, each started with {@code cascade node} and the
 * runner's own class path. They are stopped when the run ends, and also if the runner itself is
 * stopped (Ctrl-C): no node outlives the run.
 */
final class NodeProcesses implements AutoCloseable {

  private final List<Process> processes = new ArrayList<>();
  private final java.util.Map<String, Process> byName = new java.util.HashMap<>();
  private final List<Path> logs = new ArrayList<>();
  private final Thread killOnExit = new Thread(this::destroyAll, "cascade-stop-nodes");

  NodeProcesses() {
    this(List.of());
  }

  NodeProcesses(List<String> extraArguments) {
    this.extraArguments = List.copyOf(extraArguments);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Options every node process gets (its journal, say). */
  private final List<String> extraArguments;

  /** Starts {@code node} joining {@code seedNode}; its output goes to a log file. */
  Process start(Scenario.Node node, String seedNode) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "cascade.cli.Main",
            "node",
            "--name",
            node.name(),
            "--roles",
            String.join(",", node.roles()),
            "--seed-node",
            seedNode,
            // Should this runner die without cleaning up (kill -9), the node still stops.
            "--exit-with",
            Long.toString(ProcessHandle.current().pid())));
    command.addAll(extraArguments);
    try {
      Path log = Files.createTempFile("cascade-node-" + node.name() + "-", ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      processes.add(process);
      byName.put(node.name(), process);
      logs.add(log);
      return process;
    } catch (IOException e) {
      throw new RunFailedException("could not start node " + node.name() + ": " + e.getMessage());
    }
  }

  /**
   * What the node processes that have already ended said last (the last lines of their output),
   * to explain a cluster that did not form; empty when all are still running.
   */
  String whyEnded() {
    StringBuilder why = new StringBuilder();
    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      if (process.isAlive()) {
        continue;
      }
      String name = byName.entrySet().stream().filter(e -> e.getValue() == process).map(java.util.Map.Entry::getKey).findFirst().orElse("?");
      why.append("\n  node ").append(name).append(" ended with exit code ").append(process.exitValue());
      try {
        List<String> lines = Files.readAllLines(logs.get(i));
        for (String line : lines.subList(Math.max(0, lines.size() - 5), lines.size())) {
          why.append("\n    ").append(line);
        }
      } catch (IOException e) {
        why.append(" (its output could not be read: ").append(e.getMessage()).append(')');
      }
    }
    return why.toString();
  }

  /**
   * The runner's own JVM options (the script's defaults and JAVA_OPTS: heap, JIT, properties), so
   * that a node measures like the coordinator; not a debugger agent, whose port only one process
   * can hold.
   */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    // Nodes keep real time: the quick compiler only, so that the optimising one's compile threads
    // do not take CPU from the simulation (see docs/timing.md, "Timing fidelity"). The runner's own
    // options come after and may say otherwise.
    options.add("-XX:TieredStopAtLevel=1");
    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(option -> !option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xrunjdwp"))
        .forEach(options::add);
    return options;
  }

  /** Kills a node's process at once (SIGKILL): no goodbye to the cluster, as in a crash. */
  void kill(String node) {
    Process process = byName.get(node);
    if (process != null) {
      process.destroyForcibly();
    }
  }

  /** Waits for the nodes to leave on their own (they do once removed from the cluster), then makes sure. */
  @Override
  public void close() {
    for (Process process : processes) {
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    logs.forEach(log -> log.toFile().delete());
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or will run: it destroys what is left.
    }
  }

  private void destroyAll() {
    processes.forEach(Process::destroyForcibly);
  }
}
