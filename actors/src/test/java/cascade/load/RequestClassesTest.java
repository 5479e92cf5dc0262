package cascade.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestClassesTest {

  private static final RequestClasses CHECKOUT_AND_BROWSE =
      new RequestClasses(List.of(new RequestClasses.RequestClass("checkout", 1, 1), new RequestClasses.RequestClass("browse", 4, 0)), 99);

  @Test
  void drawsClassesByWeightTheSameOnEveryRun() {
    int[] counts = new int[2];
    for (long id = 0; id < 50_000; id++) {
      int drawn = CHECKOUT_AND_BROWSE.classOf(id);
      assertThat(drawn).isEqualTo(CHECKOUT_AND_BROWSE.classOf(id));
      counts[drawn]++;
    }
    // One in five is a checkout.
    assertThat(counts[0] / 50_000.0).isBetween(0.19, 0.21);
    assertThat(CHECKOUT_AND_BROWSE.priorityOf(0)).isEqualTo(1);
    assertThat(CHECKOUT_AND_BROWSE.names()).containsExactly("checkout", "browse");
  }

  @Test
  void anotherSeedDrawsOtherClassesAndOneClassNeedsNoDraw() {
    RequestClasses reseeded = new RequestClasses(CHECKOUT_AND_BROWSE.classes(), 100);
    long differ = 0;
    for (long id = 0; id < 1_000; id++) {
      differ += reseeded.classOf(id) != CHECKOUT_AND_BROWSE.classOf(id) ? 1 : 0;
    }
    assertThat(differ).isPositive();
    assertThat(RequestClasses.ONE.classOf(12345)).isZero();
  }
}
