package cascade.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.metrics.ProgressBoard;
import cascade.metrics.RunProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The display driven by hand: the test publishes and samples, on a clock it moves itself. */
class ProgressDisplayTest {

  private static final String UP_TWO = "\033[2A";

  private final StringWriter err = new StringWriter();
  private long wallNanos;
  private final ProgressBoard board = ProgressBoard.of(twoArchitectures());

  private static Map<String, Long> twoArchitectures() {
    Map<String, Long> requests = new LinkedHashMap<>();
    requests.put("RPC", 1000L);
    requests.put("EventDriven", 1000L);
    return requests;
  }

  private ProgressDisplay display(ProgressDisplay.Mode mode, int columns) {
    return new ProgressDisplay(mode, true, new PrintWriter(err), board, () -> wallNanos, Duration.ofSeconds(5), columns);
  }

  private static RunProgress done(long ended, boolean finished) {
    return new RunProgress(ended, List.of(ended, 0L, 0L, 0L, 0L), ended * 10_000_000L, "-", finished);
  }

  private void advance(Duration wall) {
    wallNanos += wall.toNanos();
  }

  private String take() {
    String text = err.toString();
    err.getBuffer().setLength(0);
    return text;
  }

  @Test
  void plainPrintsAnArchitecturesLineEveryFewSecondsAndOnceAtOneHundredPerCent() {
    ProgressDisplay display = display(ProgressDisplay.Mode.PLAIN, 0);
    display.started("RPC");
    assertThat(take()).isEqualTo("  running RPC ...\n");
    board.slot("RPC").publish(done(100, false));
    advance(Duration.ofSeconds(4));
    display.sample();
    assertThat(take()).as("not yet five seconds").isEmpty();

    advance(Duration.ofSeconds(1));
    board.slot("RPC").publish(done(400, false));
    display.sample();
    assertThat(take()).isEqualTo("  RPC            400/1,000  40%  ETA 0:08  sim 4.0 s  breaker -  ok 400\n");

    advance(Duration.ofSeconds(2));
    board.slot("RPC").publish(done(1000, true));
    display.sample();
    assertThat(take()).as("at 100%, however soon").isEqualTo("  RPC          1,000/1,000 100%  done in 7.0 s  sim 10.0 s  breaker -  ok 1,000\n");

    advance(Duration.ofSeconds(60));
    display.sample();
    display.close();
    assertThat(take()).as("the last line once, and nothing for the one that never started").isEmpty();
  }

  @Test
  void ttyRedrawsTheBlockInPlaceAndPrintsOtherLinesAboveIt() {
    ProgressDisplay display = display(ProgressDisplay.Mode.TTY, 100);
    display.started("RPC");
    assertThat(take()).as("the block says what runs; no chatter on a terminal").isEmpty();
    board.slot("RPC").publish(done(100, false));
    advance(Duration.ofSeconds(1));
    display.sample();
    assertThat(take())
        .isEqualTo("\r  RPC            100/1,000  10%  ETA 0:09  sim 1.0 s  breaker -  ok 100\033[K\n" + "\r  EventDriven  waiting\033[K\n");

    display.sample();
    assertThat(take()).as("nothing moved, nothing sent").isEmpty();

    board.slot("RPC").publish(done(200, false));
    display.sample();
    assertThat(take()).as("up over the two lines, each rewritten and cleared to its end").startsWith(UP_TWO + "\r  RPC            200/1,000  20%").endsWith("\r  EventDriven  waiting\033[K\n");

    display.say("  node back killed");
    assertThat(take()).as("the block is wiped, the line printed, the block drawn again below it")
        .startsWith(UP_TWO + "\r\033[J  node back killed\n\r  RPC            200/1,000")
        .doesNotContain(UP_TWO + "\r  RPC");

    board.slot("RPC").publish(done(1000, true));
    board.slot("EventDriven").publish(done(1000, true));
    display.close();
    assertThat(take()).as("the final state, and the cursor below the block")
        .startsWith(UP_TWO)
        .contains("\r  RPC          1,000/1,000 100%")
        .contains("\r  EventDriven  1,000/1,000 100%")
        .endsWith("\033[K\n");
    display.sample();
    assertThat(take()).as("closed").isEmpty();
  }

  @Test
  void anArchitectureStartedButNotYetCountingIsStartingAndOneNotStartedIsWaiting() {
    ProgressDisplay display = display(ProgressDisplay.Mode.TTY, 100);
    display.started("EventDriven");
    display.sample();
    assertThat(take()).isEqualTo("\r  RPC          waiting\033[K\n" + "\r  EventDriven  starting\033[K\n");
  }

  @Test
  void ttyLinesAreCutToTheTerminalsWidthSoThatNoneWrapsAndBreaksTheRedraw() {
    ProgressDisplay display = display(ProgressDisplay.Mode.TTY, 30);
    board.slot("RPC").publish(done(100, false));
    display.sample();
    for (String line : take().split("\n")) {
      String text = line.replace("\r", "").replace("\033[K", "").replaceAll("\033\\[\\d+A", "");
      assertThat(text.length()).as(line).isLessThanOrEqualTo(29);
    }
  }

  @Test
  void offShowsNoProgressButStillTheRunsOwnLines() {
    ProgressDisplay display = display(ProgressDisplay.Mode.OFF, 0);
    display.started("RPC");
    board.slot("RPC").publish(done(1000, true));
    advance(Duration.ofMinutes(1));
    display.sample();
    display.say("  waiting up to 30 s for node back to join");
    display.close();
    assertThat(take()).isEqualTo("  running RPC ...\n  waiting up to 30 s for node back to join\n");
  }

  @Test
  void quietSaysNothingAsArchitecturesStart() {
    ProgressDisplay display = new ProgressDisplay(ProgressDisplay.Mode.OFF, false, new PrintWriter(err), board, () -> wallNanos, Duration.ofSeconds(5), 0);
    display.started("RPC");
    display.close();
    assertThat(take()).isEmpty();
  }

  @Test
  void theModeIsNamedByTheOptionAndAnUnknownWordIsRefusedWithTheChoices() {
    assertThat(ProgressDisplay.Mode.of("tty")).isEqualTo(ProgressDisplay.Mode.TTY);
    assertThat(ProgressDisplay.Mode.of("plain")).isEqualTo(ProgressDisplay.Mode.PLAIN);
    assertThat(ProgressDisplay.Mode.of("off")).isEqualTo(ProgressDisplay.Mode.OFF);
    // The test's standard error is no terminal the cascade script has vouched for.
    assertThat(ProgressDisplay.Mode.of("auto")).isEqualTo(ProgressDisplay.Mode.PLAIN);
    assertThatThrownBy(() -> ProgressDisplay.Mode.of("loud")).hasMessage("--progress must be auto, tty, plain or off, but was loud");
  }
}
