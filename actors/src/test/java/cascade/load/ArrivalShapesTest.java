package cascade.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How many requests each shape offers, and when: the arrival counts users see in the time series. */
class ArrivalShapesTest {

  private static final long MS = 1_000_000L;

  @Test
  void aConstantRateSpacesRequestsEvenly() {
    ConstantRate tenPerSecond = new ConstantRate(50, 10);
    assertThat(tenPerSecond.dueBetween(0, 100 * MS)).isEqualTo(1);
    assertThat(tenPerSecond.dueBetween(0, 1_000 * MS)).isEqualTo(10);
    assertThat(tenPerSecond.dueBetween(2_000 * MS, 3_000 * MS)).isEqualTo(10);
    assertThat(tenPerSecond.span()).isEqualTo(Duration.ofMillis(4_900));
    assertThat(tenPerSecond.dueBetween(0, Long.MAX_VALUE)).isEqualTo(50);
  }

  @Test
  void aRampOffersMoreEachSecondUntilAllAreSent() {
    // 3000 requests from 500/s rising to 1500/s: a mean of 1000/s, so 3 s.
    Ramp ramp = new Ramp(3_000, 500, 1_500);
    assertThat(ramp.span()).isEqualTo(Duration.ofSeconds(3));
    // The integral of the rate 500 + (1000 / 3) t over each second: 667, 1000, 1333.
    long first = ramp.dueBetween(0, 1_000 * MS);
    long second = ramp.dueBetween(1_000 * MS, 2_000 * MS);
    long third = ramp.dueBetween(2_000 * MS, 3_000 * MS + 1);
    assertThat(first).isCloseTo(667, within(2L));
    assertThat(second).isCloseTo(1_000, within(2L));
    assertThat(third).isCloseTo(1_333, within(2L));
    assertThat(first + second + third).isEqualTo(3_000);
  }

  @Test
  void aPoissonProcessHasTheMeanRateAndIsTheSameOnEveryWalk() {
    Poisson poisson = new Poisson(20_000, 1_000, 7);
    ArrivalSchedule.Cursor first = poisson.cursor();
    ArrivalSchedule.Cursor second = poisson.cursor();
    long last = 0;
    for (long i = 0; i < poisson.total(); i++) {
      long offset = first.offsetNanos(i);
      assertThat(offset).isGreaterThanOrEqualTo(last).isEqualTo(second.offsetNanos(i));
      last = offset;
    }
    // 20,000 arrivals at 1000/s take about 20 s; the gaps' spread makes it a little more or less.
    assertThat(last / 1e9).isCloseTo(20.0, within(0.6));
    // Arrivals clump: some 10 ms hold several, some none.
    assertThat(poisson.dueBetween(0, 10 * MS)).isBetween(0L, 40L);
  }

  @Test
  void burstsAreCountedInClosedForm() {
    ArrivalSchedule bursts = ArrivalSchedule.bursts(1_000, 300, Duration.ofMillis(50));
    assertThat(bursts.dueBetween(0, 50 * MS)).isEqualTo(300);
    assertThat(bursts.dueBetween(150 * MS, 151 * MS)).isEqualTo(100);
    assertThat(bursts.span()).isEqualTo(Duration.ofMillis(150));
  }

  /** What a walk of the cursor counts: the closed forms must agree with what is really sent. */
  private static long walked(ArrivalSchedule schedule, long fromNanos, long toNanos) {
    ArrivalSchedule.Cursor cursor = schedule.cursor();
    long due = 0;
    for (long i = 0; i < schedule.total(); i++) {
      long offset = cursor.offsetNanos(i);
      if (offset >= fromNanos && offset < toNanos) {
        due++;
      }
    }
    return due;
  }

  private static void countsAgreeWithTheWalk(ArrivalSchedule schedule, long intervalNanos) {
    long end = schedule.span().toNanos() + intervalNanos;
    long sum = 0;
    for (long from = 0; from < end; from += intervalNanos) {
      long due = schedule.dueBetween(from, from + intervalNanos);
      assertThat(due).as("due from %d ms", from / MS).isEqualTo(walked(schedule, from, from + intervalNanos));
      sum += due;
    }
    assertThat(sum).isEqualTo(schedule.total());
  }

  @Test
  void aStepChangesTheRateAtItsTime() {
    Step up = new Step(300, 100, Duration.ofSeconds(1), 200);
    assertThat(up.dueBetween(0, 1_000 * MS)).isEqualTo(100);
    assertThat(up.dueBetween(1_000 * MS, 2_000 * MS)).isEqualTo(200);
    assertThat(up.dueBetween(1_000 * MS, 1_100 * MS)).isEqualTo(20);
    assertThat(up.span()).isEqualTo(Duration.ofMillis(1_995));
    countsAgreeWithTheWalk(up, 10 * MS);

    Step down = new Step(150, 100, Duration.ofSeconds(1), 50);
    assertThat(down.dueBetween(0, 1_000 * MS)).isEqualTo(100);
    assertThat(down.dueBetween(1_000 * MS, 2_000 * MS)).isEqualTo(50);
    countsAgreeWithTheWalk(down, 10 * MS);
  }

  @Test
  void aSpikeRaisesTheRateForItsDurationOnly() {
    Spike spike = new Spike(1_000, 100, Duration.ofSeconds(1), Duration.ofMillis(200), 1_000);
    assertThat(spike.dueBetween(900 * MS, 1_000 * MS)).isEqualTo(10);
    assertThat(spike.dueBetween(1_000 * MS, 1_100 * MS)).isEqualTo(100);
    assertThat(spike.dueBetween(1_100 * MS, 1_200 * MS)).isEqualTo(100);
    assertThat(spike.dueBetween(1_200 * MS, 1_300 * MS)).isEqualTo(10);
    // 100 before the spike, 200 in it, then 100 per second for the remaining 700.
    assertThat(spike.dueBetween(0, 2_000 * MS)).isEqualTo(380);
    assertThat(spike.span()).isEqualTo(Duration.ofMillis(8_190));
    countsAgreeWithTheWalk(spike, 100 * MS);
  }

  @Test
  void aDayCycleIsLowAtNightHighAtMiddayAndExactOverAPeriod() {
    // Mean 100/s swinging by 50/s every 4 s: the integral 100 t - (100 / pi) sin(pi t / 2) gives
    // 68.2, 200, 331.8 and 400 requests by the end of each second.
    Sinusoidal day = new Sinusoidal(800, 100, 50, Duration.ofSeconds(4));
    assertThat(day.dueBetween(0, 1_000 * MS)).isEqualTo(69);
    assertThat(day.dueBetween(1_000 * MS, 2_000 * MS)).isEqualTo(131);
    assertThat(day.dueBetween(2_000 * MS, 3_000 * MS)).isEqualTo(132);
    assertThat(day.dueBetween(3_000 * MS, 4_000 * MS)).isEqualTo(68);
    assertThat(day.dueBetween(4_000 * MS, 8_000 * MS)).isEqualTo(400);
    countsAgreeWithTheWalk(day, 10 * MS);
    // Without a swing it is a constant rate.
    assertThat(new Sinusoidal(50, 10, 0, Duration.ofSeconds(1)).span()).isEqualTo(new ConstantRate(50, 10).span());
  }

  @Test
  void aReplaySendsEachRecordedOffset() {
    Replay replay = new Replay(new long[] {0, 0, 5 * MS, 100 * MS, 100 * MS, 250 * MS});
    assertThat(replay.total()).isEqualTo(6);
    assertThat(replay.dueBetween(0, 1 * MS)).isEqualTo(2);
    assertThat(replay.dueBetween(0, 100 * MS)).isEqualTo(3);
    assertThat(replay.dueBetween(100 * MS, 200 * MS)).isEqualTo(2);
    assertThat(replay.span()).isEqualTo(Duration.ofMillis(250));
    countsAgreeWithTheWalk(replay, 50 * MS);
  }
}
