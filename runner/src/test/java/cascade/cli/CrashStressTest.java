package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * scenarios/durable-bus-crash.conf, killed at many points of its load, each run as a user runs it:
 * the command in a process of its own, three node processes, the event path's node killed with kill
 * -9 and started again, its bus recovering from the H2 journal in the run folder. Every run must
 * end, with every request in one outcome, none dropped or given up on.
 *
 * <p>Independent of the machine's speed: kills are timed from the start of the load, and Artery's
 * send queue is cut to 256 messages, so the burst a restarted bus sends when it accepts an outage's
 * backlog overflows it on any machine (with the default 3072, only a slow one overflowed, and a run
 * then waited for ever: the hang this test guards against). The cluster notices a dead node faster
 * than by default, so that a run takes seconds.
 *
 * <p>{@code -Dcascade.crash-stress.points=N} spreads N kills over the load (default 6); the closing
 * of issue 17 ran 24.
 */
class CrashStressTest {

  /** Requests, at 400 per second: 4 s of load. */
  private static final int REQUESTS = 1600;

  private static final int LOAD_MILLIS = REQUESTS * 1000 / 400;

  @TempDir static Path dir;

  static Stream<Arguments> killPoints() {
    int points = Integer.getInteger("cascade.crash-stress.points", 6);
    List<Arguments> arguments = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      // From the first request to a quarter of a second before the last one, evenly (a kill after
      // the run's end would find nothing to kill); each point its own seed.
      arguments.add(Arguments.of(i + 1, (long) i * (LOAD_MILLIS - 250) / Math.max(1, points - 1)));
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "seed {0}, kill {1} ms into the load")
  @MethodSource("killPoints")
  void everyRunEndsWithEveryRequestInOneOutcome(int seed, long killAtMillis) throws Exception {
    Path out = dir.resolve("seed-" + seed);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-Dakka.remote.artery.advanced.outbound-message-queue-size=256",
            "-Dakka.cluster.failure-detector.heartbeat-interval=500ms",
            "-Dakka.cluster.failure-detector.acceptable-heartbeat-pause=1500ms",
            "-Dakka.cluster.split-brain-resolver.stable-after=1s",
            "-cp",
            System.getProperty("java.class.path"),
            "cascade.cli.Main",
            "run",
            scenario().toString(),
            "--seed",
            Integer.toString(seed),
            "--set",
            "traffic.total=" + REQUESTS,
            "--set",
            "cluster.kill=[{node=events, at=" + killAtMillis + "ms, restart-after=500ms}]",
            "--json",
            "-",
            "--out",
            out.toString()));
    Path stdout = dir.resolve("seed-" + seed + ".json");
    Path stderr = dir.resolve("seed-" + seed + ".err");
    Process run = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    // A bound, not a wait for ever: the stall limit of the run itself is far below it.
    boolean ended = run.waitFor(4, TimeUnit.MINUTES);
    if (!ended) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
    String err = Files.readString(stderr);
    assertThat(ended).as("the run ended; its output:%n%s", err).isTrue();
    assertThat(run.exitValue()).as(err).isZero();

    JsonNode document = new ObjectMapper().readTree(Files.readString(stdout));
    List<String> events = new ArrayList<>();
    document.get("node_events").forEach(e -> events.add(e.get("node").asText() + " " + e.get("event").asText()));
    assertThat(events).as(err).contains("events killed", "events restarted", "events removed");
    assertThat(out.resolve("journal.mv.db")).exists();
    JsonNode result = document.get("results").get(0);
    assertThat(result.get("lost").asLong()).as(err).isZero();
    long outcomes = 0;
    for (JsonNode count : result.get("outcomes")) {
      outcomes += count.asLong();
    }
    assertThat(outcomes).isEqualTo(REQUESTS);
    // The claim is that the crash loses nothing: every request succeeded, or went to the journaled
    // dead-letter queue after its last try. (This run keeps real time: on a busy machine an event can
    // time out on every try, which is an outcome, not a loss; none was seen on an idle one.)
    JsonNode byOutcome = result.get("outcomes");
    assertThat(byOutcome.get("succeeded").asLong() + byOutcome.get("dead_lettered").asLong()).as(err).isEqualTo(REQUESTS);
    assertThat(byOutcome.get("succeeded").asLong()).as(err).isPositive();
    if (result.get("redelivered").asLong() == 0) {
      // A kill that found nothing to recover is said to have done so, not passed off as a recovery.
      assertThat(err).contains("nothing was delivered again");
    }
  }

  private static Path scenario() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(here.resolve("scenarios"))) {
      here = here.getParent();
    }
    return here.resolve("scenarios").resolve("durable-bus-crash.conf");
  }
}
