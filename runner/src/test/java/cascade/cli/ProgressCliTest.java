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

/** The progress display from the command line: on standard error only, and silenced by --quiet. */
class ProgressCliTest {

  private static final String SMALL =
      """
      scenario.description = "a small run"
      traffic { total = 300, arrivals = bursts, burst = 100, gap = 20ms }
      """;

  /** Where the machine's facts begin: they differ between any two runs (when, how long, which process). */
  private static final String RUN_INFO = "\"run_info\" : {";

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private Result run(String out, String... options) throws IOException {
    Path file = dir.resolve("small.conf");
    Files.writeString(file, SMALL);
    List<String> args = new ArrayList<>(List.of("run", file.toString(), "--seed", "7", "--json", "-", "--out", dir.resolve(out).toString()));
    args.addAll(List.of(options));
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = Main.execute(args.toArray(String[]::new), new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    return new Result(code, stdout.toString(), stderr.toString());
  }

  @Test
  void jsonOnStandardOutputIsTheSameToTheByteWithProgressOnATerminalInPlainLinesOrQuiet() throws IOException {
    Result tty = run("tty", "--progress=tty");
    Result plain = run("plain", "--progress", "plain");
    Result quiet = run("quiet", "--quiet");
    for (Result result : List.of(tty, plain, quiet)) {
      assertThat(result.code()).as(result.err()).isZero();
    }

    // The document only, and the same document: up to the machine's facts byte for byte, then the same facts.
    String results = tty.out().substring(0, tty.out().indexOf(RUN_INFO));
    assertThat(results).contains("\"results\" : [");
    assertThat(plain.out()).startsWith(results + RUN_INFO);
    assertThat(quiet.out()).startsWith(results + RUN_INFO);
    ObjectMapper json = new ObjectMapper();
    List<String> keys = new ArrayList<>();
    json.readTree(tty.out()).get("run_info").fieldNames().forEachRemaining(keys::add);
    for (Result result : List.of(plain, quiet)) {
      List<String> own = new ArrayList<>();
      JsonNode document = json.readTree(result.out());
      document.get("run_info").fieldNames().forEachRemaining(own::add);
      assertThat(own).isEqualTo(keys);
    }
    for (Result result : List.of(tty, plain, quiet)) {
      assertThat(result.out()).doesNotContain("\033").doesNotContain("100%").doesNotContain("running");
    }
    assertThat(Files.readString(dir.resolve("plain/results.json"))).isEqualTo(Files.readString(dir.resolve("tty/results.json")));
    assertThat(Files.readString(dir.resolve("quiet/results.json"))).isEqualTo(Files.readString(dir.resolve("tty/results.json")));

    // The progress went to standard error: redrawn in place, or in plain lines.
    assertThat(tty.err()).contains("\r  RPC          300/300 100%").contains("\r  EventDriven  300/300 100%").contains("\033[K\n");
    assertThat(plain.err()).contains("\n  RPC          300/300 100%").contains("\n  EventDriven  300/300 100%").doesNotContain("\033");
    assertThat(plain.err()).contains("  running RPC ...").contains("  running EventDriven ...");
  }

  @Test
  void quietShowsNoProgressAndNoRunningLinesButStillTheTable() throws IOException {
    Result quiet = run("quiet", "--quiet");

    assertThat(quiet.code()).as(quiet.err()).isZero();
    assertThat(quiet.err()).doesNotContain("%").doesNotContain("running").doesNotContain("\033").doesNotContain("sim ");
    assertThat(quiet.err()).contains("architecture").contains("EventDriven").contains("reports: ");
  }

  @Test
  void progressOffShowsNoProgressButSaysWhatRuns() throws IOException {
    Result off = run("off", "--progress=off");

    assertThat(off.code()).as(off.err()).isZero();
    assertThat(off.err()).doesNotContain("%").doesNotContain("sim ").contains("  running RPC ...");
  }

  @Test
  void runHelpSaysWhatTheLineShowsAndHowToSilenceIt() {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = Main.execute(new String[] {"run", "--help"}, new PrintWriter(stdout, true), new PrintWriter(stderr, true));

    assertThat(code).isZero();
    String help = stdout.toString().replaceAll("\\s+", " ");
    assertThat(help)
        .contains("--progress=auto|tty|plain|off")
        .contains("requests done of the total, the time left, simulated time, the breaker's state (- without one) and outcomes so far (ok, failed, rejected, dropped, dlq)")
        .contains("a line every 5 s and at 100%;")
        .contains("--quiet No progress and no \"running ...\" lines");
    assertThat(stderr.toString()).isEmpty();
  }

  @Test
  void anUnknownProgressModeIsABadUsageBeforeAnythingRuns() throws IOException {
    Result result = run("loud", "--progress=loud");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines().findFirst()).hasValue("cascade: --progress must be auto, tty, plain or off, but was loud");
    assertThat(result.err()).doesNotContain("running");
    assertThat(result.out()).isEmpty();
  }
}
