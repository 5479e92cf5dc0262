package cascade.model;

import java.time.Duration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FailureModelTest {

  private final FailureModel model = FailureModel.tutorialDefaults();

  @Test
  void loadFactorIsInFlightOverATenthOfCapacityButNeverBelowHalf() {
    assertThat(model.loadFactor(1)).isEqualTo(0.5);
    assertThat(model.loadFactor(25)).isEqualTo(1.0);
    assertThat(model.loadFactor(40)).isEqualTo(1.6);
  }

  @Test
  void failureProbabilityGrowsWithOverloadUpToTheCeiling() {
    assertThat(model.failureProbabilityAt(0.5)).isEqualTo(0.05);
    assertThat(model.failureProbabilityAt(1.0)).isEqualTo(0.05);
    assertThat(model.failureProbabilityAt(1.6)).isCloseTo(0.05 + 0.6 * 0.40, within(1e-12));
    assertThat(model.failureProbabilityAt(10)).isEqualTo(0.95);
  }

  @Test
  void overloadAddsLatencyInProportionToTheExcessLoad() {
    assertThat(model.overloadPenaltyMillisAt(1.0)).isZero();
    assertThat(model.overloadPenaltyMillisAt(1.6)).isCloseTo(30.0, within(1e-9));
  }

  @Test
  void unloadedServiceTimesStayBetweenBaseAndBasePlusJitter() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      ServiceSample sample = model.sample(0.5, random);
      assertThat(sample.latencyMillis()).isBetween(8.0, 14.0);
    }
    assertThat(model.unloadedMedianMillis()).isEqualTo(11.0);
  }

  @Test
  void overloadedServiceTimesAreShiftedByThePenalty() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000; i++) {
      assertThat(model.sample(1.6, random).latencyMillis()).isBetween(38.0, 44.0);
    }
  }

  @Test
  void failuresHappenAtTheModelledRate() {
    SplittableRandom random = new SplittableRandom(7);
    int failures = 0;
    int draws = 100_000;
    for (int i = 0; i < draws; i++) {
      if (model.sample(1.6, random).fails()) {
        failures++;
      }
    }
    // 0.29 expected; four standard deviations of a binomial at this size is about 0.006.
    assertThat(failures / (double) draws).isCloseTo(0.29, within(0.006));
  }

  @Test
  void rejectsImpossibleParameters() {
    assertThatThrownBy(() -> new FailureModel(-1, Duration.ofMillis(8), Duration.ofMillis(6), 0.05, Duration.ofMillis(50), 0.4, 0.95))
        .hasMessage("capacity must be above 0, but was -1");
    assertThatThrownBy(() -> new FailureModel(250, Duration.ofMillis(8), Duration.ofMillis(6), 1.5, Duration.ofMillis(50), 0.4, 0.95))
        .hasMessage("failureProbability must be between 0 and 1, but was 1.5");
  }
}
