package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.policy.Backoff.Jitter;
import cascade.policy.Backoff.Kind;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration MS = Duration.ofMillis(1);

  private static Backoff backoff(Kind kind, Jitter jitter) {
    return new Backoff(kind, jitter, Duration.ofMillis(20), 2.0, Duration.ofMillis(400));
  }

  @Test
  void eachGrowthRuleHasItsCeilingCappedAtTheMaximum() {
    assertThat(ceilingsMillis(backoff(Kind.EXPONENTIAL, Jitter.NONE))).containsExactly(20L, 40L, 80L, 160L, 320L, 400L, 400L);
    assertThat(ceilingsMillis(backoff(Kind.LINEAR, Jitter.NONE))).containsExactly(20L, 40L, 60L, 80L, 100L, 120L, 140L);
    assertThat(ceilingsMillis(backoff(Kind.CONSTANT, Jitter.NONE))).containsExactly(20L, 20L, 20L, 20L, 20L, 20L, 20L);
    assertThat(backoff(Kind.EXPONENTIAL, Jitter.NONE).ceilingNanos(5_000)).isEqualTo(Duration.ofMillis(400).toNanos());
  }

  @Test
  void theSeedsBackoffDoublesFrom20MsUpTo400Ms() {
    assertThat(ceilingsMillis(Backoff.tutorialDefaults())).containsExactly(20L, 40L, 80L, 160L, 320L, 400L, 400L);
  }

  @Test
  void noJitterWaitsExactlyTheCeiling() {
    Backoff none = backoff(Kind.EXPONENTIAL, Jitter.NONE);
    assertThat(none.delay(3, Duration.ZERO, new SplittableRandom(1))).isEqualTo(Duration.ofMillis(80));
  }

  @Test
  void fullAndEqualJitterStayInTheirRanges() {
    SplittableRandom random = new SplittableRandom(7);
    Backoff full = backoff(Kind.EXPONENTIAL, Jitter.FULL);
    Backoff equal = backoff(Kind.EXPONENTIAL, Jitter.EQUAL);
    for (int i = 0; i < 5_000; i++) {
      assertThat(full.delay(3, Duration.ZERO, random)).isBetween(Duration.ZERO, Duration.ofMillis(80).minusNanos(1));
      assertThat(equal.delay(3, Duration.ZERO, random)).isBetween(Duration.ofMillis(40), Duration.ofMillis(80));
    }
  }

  @Test
  void decorrelatedJitterDrawsBetweenTheBaseAndThreeTimesThePreviousWaitCapped() {
    SplittableRandom random = new SplittableRandom(7);
    Backoff decorrelated = backoff(Kind.EXPONENTIAL, Jitter.DECORRELATED);
    Duration previous = Duration.ZERO;
    for (int retry = 1; retry <= 2_000; retry++) {
      Duration delay = decorrelated.delay(retry, previous, random);
      Duration upper = Duration.ofNanos(Math.min(400 * MS.toNanos(), 3 * Math.max(previous.toNanos(), 20 * MS.toNanos())));
      assertThat(delay).isBetween(Duration.ofMillis(20), upper);
      previous = delay;
    }
  }

  @Test
  void jitterSpreadsRetriesThatFailedTogether() {
    // A hundred requests that failed at the same moment: when does their first retry go out?
    assertThat(distinctFirstRetries(Jitter.NONE)).isEqualTo(1);
    assertThat(distinctFirstRetries(Jitter.FULL)).isGreaterThan(90);
    assertThat(distinctFirstRetries(Jitter.DECORRELATED)).isGreaterThan(90);
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> new Backoff(Kind.LINEAR, Jitter.NONE, Duration.ofMillis(-1), 2, Duration.ofMillis(10)))
        .hasMessageContaining("base must be at least 0");
    assertThatThrownBy(() -> new Backoff(Kind.LINEAR, Jitter.NONE, Duration.ofMillis(20), 2, Duration.ofMillis(10)))
        .hasMessageContaining("maxDelay must be at least base");
    assertThatThrownBy(() -> new Backoff(Kind.EXPONENTIAL, Jitter.NONE, Duration.ofMillis(20), 0.5, Duration.ofMillis(100)))
        .hasMessage("multiplier must be at least 1, but was 0.5");
  }

  private static long[] ceilingsMillis(Backoff backoff) {
    long[] ceilings = new long[7];
    for (int retry = 1; retry <= 7; retry++) {
      ceilings[retry - 1] = Duration.ofNanos(backoff.ceilingNanos(retry)).toMillis();
    }
    return ceilings;
  }

  private static int distinctFirstRetries(Jitter jitter) {
    SplittableRandom random = new SplittableRandom(7);
    Set<Duration> delays = new HashSet<>();
    for (int request = 0; request < 100; request++) {
      delays.add(backoff(Kind.EXPONENTIAL, jitter).delay(1, Duration.ZERO, random));
    }
    return delays.size();
  }
}
