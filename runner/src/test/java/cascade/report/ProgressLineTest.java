package cascade.report;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.metrics.RunProgress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  private static RunProgress progress(long ok, long failed, long rejected, long dropped, long dlq, double simSeconds, String breaker, boolean finished) {
    return new RunProgress(ok + failed + rejected + dropped + dlq, List.of(ok, failed, rejected, dropped, dlq), (long) (simSeconds * 1e9), breaker, finished);
  }

  @Test
  void showsDoneOfTotalTheTimeLeftAtTheRateSoFarSimulatedTimeBreakerAndOutcomes() {
    // A quarter done in 10 s of the machine's time: 30 s to go.
    String line = ProgressLine.format("RPC + breaker", 13, 1_000_000, progress(240_000, 5_000, 4_000, 0, 1_000, 20.55, "open", false), Duration.ofSeconds(10));

    assertThat(line)
        .isEqualTo("RPC + breaker    250,000/1,000,000  25%  ETA 0:30  sim 20.6 s  breaker open  ok 240,000 failed 5,000 rejected 4,000 dlq 1,000");
  }

  @Test
  void namesArePaddedAndCountsRightAlignedSoTheLinesOfARunLineUp() {
    String rpc = ProgressLine.format("RPC", 11, 2000, progress(5, 0, 0, 0, 0, 0.1, "-", false), Duration.ofMillis(100));
    String events = ProgressLine.format("EventDriven", 11, 2000, progress(1500, 0, 0, 0, 0, 1.2, "-", false), Duration.ofMillis(900));

    assertThat(rpc).startsWith("RPC              5/2,000   0%  ETA 0:40  sim 0.1 s");
    assertThat(events).startsWith("EventDriven  1,500/2,000  75%  ETA 0:01  sim 1.2 s");
    assertThat(rpc.indexOf("/")).isEqualTo(events.indexOf("/"));
  }

  @Test
  void succeededIsAlwaysShownAndTheOtherOutcomesOnceTheyHappen() {
    String line = ProgressLine.format("EventDriven", 11, 100, progress(0, 0, 0, 7, 0, 0.5, "-", false), Duration.ofSeconds(1));

    assertThat(line).endsWith("  breaker -  ok 0 dropped 7").doesNotContain("failed").doesNotContain("rejected").doesNotContain("dlq");
  }

  @Test
  void aFinishedRunSaysHowLongItTookInsteadOfTheTimeLeft() {
    String line = ProgressLine.format("RPC", 3, 2000, progress(1992, 8, 0, 0, 0, 2.874, "closed", true), Duration.ofMillis(1530));

    assertThat(line).isEqualTo("RPC  2,000/2,000 100%  done in 1.5 s  sim 2.9 s  breaker closed  ok 1,992 failed 8");
  }

  @Test
  void anArchitectureThatHasNotStartedIsWaiting() {
    assertThat(ProgressLine.format("RPC", 11, 2000, null, Duration.ZERO)).isEqualTo("RPC          waiting");
  }

  @Test
  void oneHundredPerCentOnlyOnceEveryRequestHasItsOutcome() {
    assertThat(ProgressLine.percent(999_999, 1_000_000)).isEqualTo(99);
    assertThat(ProgressLine.percent(1_000_000, 1_000_000)).isEqualTo(100);
  }

  @Test
  void theTimeLeftIsUnknownUntilSomethingIsDoneAndCountsHoursOnALongRun() {
    assertThat(ProgressLine.eta(0, 100, Duration.ofSeconds(5))).isEqualTo("--");
    assertThat(ProgressLine.eta(10, 100, Duration.ZERO)).isEqualTo("--");
    assertThat(ProgressLine.eta(50, 100, Duration.ofSeconds(61))).isEqualTo("1:01");
    // 1% in 40 s: 99 times that is left.
    assertThat(ProgressLine.eta(1, 100, Duration.ofSeconds(40))).isEqualTo("1:06:00");
    assertThat(ProgressLine.eta(100, 100, Duration.ofSeconds(40))).isEqualTo("0:00");
  }
}
