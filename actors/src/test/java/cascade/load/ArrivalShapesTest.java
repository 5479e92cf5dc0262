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
}
