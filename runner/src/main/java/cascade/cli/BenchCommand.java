package cascade.cli;

import cascade.metrics.ArchitectureResult;
import cascade.run.Plans;
import cascade.run.ScenarioRun;
import cascade.scenario.Scenario;
import cascade.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the engine on this machine, in virtual and in real time: what the performance figures
 * of docs/measured.md come from. Benchmarks are measured and reported, never asserted in a test.
 */
@Command(
    name = "bench",
    description = {
      "Measure Cascade Lab on this machine, in virtual and in real time.",
      "",
      "1. Engine throughput: attempts per second of the machine's time, the event-driven and the RPC path, a zero-latency "
          + "service that never fails, so that only the engine's own cost per attempt is measured; beside it the same "
          + "model in Python asyncio (bench/tutorial_model.py, if python3 is found), the language of the seed tutorial.",
      "2. Scenarios: the wall time of whole commands (JVM start included), in both clocks: seed-tutorial, "
          + "million-requests (with -Xmx256m: memory must not grow with requests), supervision-vs-breaker and "
          + "metastable-retry-storm.",
      "",
      "It takes a few minutes, most of it the real-time runs, which last as long as the time they model. "
          + "Run it on an otherwise idle machine for figures worth comparing.",
      ""
    },
    footer = {"", "Examples:", "  cascade bench", "  cascade bench --requests 2000000 --no-scenarios"},
    mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--requests", paramLabel = "N", description = "Requests per path in virtual time (default: ${DEFAULT-VALUE}).")
  int requests = 1_000_000;

  @Option(
      names = "--real-requests",
      paramLabel = "N",
      description = "Requests per path in real time and in Python, which take the machine's time (default: ${DEFAULT-VALUE}).")
  int realRequests = 200_000;

  @Option(names = "--no-scenarios", description = "Measure the engine's throughput only, not the scenarios' wall time.")
  boolean noScenarios;

  /** The scenarios whose wall time is measured, and the heap each runs with (null: the JVM's default). */
  private record Timed(String scenario, String heap) {}

  private static final List<Timed> SCENARIOS =
      List.of(
          new Timed("scenarios/seed-tutorial.conf", null),
          new Timed("scenarios/million-requests.conf", "256m"),
          new Timed("scenarios/supervision-vs-breaker.conf", null),
          new Timed("scenarios/metastable-retry-storm.conf", null));

  @Override
  public Integer call() throws Exception {
    if (requests < 1 || realRequests < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--requests and --real-requests must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path home = home();
    out.printf(
        Locale.ROOT,
        "Cascade Lab benchmark: %d cores, %s %s%n%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));

    out.println("Engine throughput, zero-latency service: attempts per second of the machine's time");
    out.printf(
        Locale.ROOT,
        "%-13s %22s %22s %26s%n",
        "path",
        "virtual (" + thousands(requests) + ")",
        "real (" + thousands(realRequests) + ")",
        "python asyncio (" + thousands(realRequests) + ")");
    // Warm up first, unreported: the first path measured would otherwise pay for the JIT compiler.
    for (String path : List.of("event-driven", "rpc")) {
      throughput(path, Scenario.Clock.VIRTUAL, Math.min(requests, 200_000));
    }
    for (String path : List.of("event-driven", "rpc")) {
      out.flush();
      double virtual = throughput(path, Scenario.Clock.VIRTUAL, requests);
      double real = throughput(path, Scenario.Clock.REAL, realRequests);
      String python = python(home, path.equals("rpc") ? "rpc" : "events", realRequests);
      out.printf(Locale.ROOT, "%-13s %22s %22s %26s%n", path, thousands(Math.round(virtual)), thousands(Math.round(real)), python);
    }
    out.println();
    if (noScenarios) {
      return 0;
    }
    out.println("Scenarios: wall time of the whole command (JVM start included)");
    out.printf(Locale.ROOT, "%-46s %10s %10s%n", "scenario", "virtual", "real");
    for (Timed timed : SCENARIOS) {
      out.flush();
      double virtual = wallSeconds(home, timed, "virtual");
      double real = wallSeconds(home, timed, "real");
      String name = timed.scenario() + (timed.heap() == null ? "" : " (-Xmx" + timed.heap() + ")");
      out.printf(Locale.ROOT, "%-46s %9.1fs %9.1fs%n", name, virtual, real);
    }
    out.flush();
    return 0;
  }

  /** Attempts per second of one path against a service that answers at once, in one actor system. */
  private double throughput(String path, Scenario.Clock clock, int total) throws IOException {
    Path file = Files.createTempFile("cascade-bench-", ".conf");
    try {
      // Offered at 100,000 per second: in virtual time, ten simulated seconds per million; in real
      // time more than the engine can serve, so the load runs behind and the engine's ceiling shows.
      Files.writeString(
          file,
          String.join(
              "\n",
              "scenario { architectures = [" + path + "] }",
              "traffic { total = " + total + ", arrivals = constant, rate = 100000 }",
              "service { capacity = 1000000000, base-latency = 0ms, jitter = 0ms, failure-probability = 0,",
              "          overload-failure-probability = 0, overload-latency = 0ms }",
              "event-driven.bus-capacity = 10000000",
              "policy.bulkhead.max-waiting = 10000000",
              ""));
      Scenario scenario = ScenarioLoader.load(file, List.of("clock=" + clock.key));
      long start = System.nanoTime();
      List<ArchitectureResult> results = ScenarioRun.run(Plans.of(scenario), scenario.cluster(), clock, null, name -> {}, spec.commandLine().getErr()::println).results();
      double seconds = (System.nanoTime() - start) / 1e9;
      return results.get(0).attempts().total() / seconds;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static final Pattern PYTHON_RATE = Pattern.compile("attempts_per_second=(\\d+)");

  /** The same model in Python asyncio, or why it could not be run. */
  private static String python(Path home, String path, int total) {
    Path model = home.resolve("bench").resolve("tutorial_model.py");
    if (!Files.exists(model)) {
      return "(no bench/tutorial_model.py)";
    }
    try {
      Process process =
          new ProcessBuilder("python3", model.toString(), "--path", path, "--requests", Integer.toString(total), "--zero-latency")
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        return "(python3 failed)";
      }
      Matcher rate = PYTHON_RATE.matcher(output);
      return rate.find() ? thousands(Long.parseLong(rate.group(1))) : "(no figure in its output)";
    } catch (IOException e) {
      return "(python3 not found)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  /** A whole `cascade run` as a user runs it, in a JVM of its own: its wall time, JVM start included. */
  private static double wallSeconds(Path home, Timed timed, String clock) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (timed.heap() != null) {
      command.add("-Xmx" + timed.heap());
    }
    Path out = Files.createTempDirectory("cascade-bench-run-");
    command.addAll(
        List.of(
            "-Dcascade.home=" + home,
            "-cp",
            System.getProperty("java.class.path"),
            "cascade.cli.Main",
            "run",
            home.resolve(timed.scenario()).toString(),
            "--clock",
            clock,
            "--out",
            out.toString()));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    int code = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    deleteTree(out);
    if (code != 0) {
      throw new cascade.run.RunFailedException(timed.scenario() + " --clock " + clock + " ended with exit code " + code);
    }
    return seconds;
  }

  private static void deleteTree(Path folder) throws IOException {
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The project folder: where the scenarios and bench/ are (the script says; else the working folder). */
  private static Path home() {
    String home = System.getProperty("cascade.home");
    return home != null ? Path.of(home) : Path.of("").toAbsolutePath();
  }

  private static String thousands(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
