package cascade.example;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.extension.ExtensionSettings;
import cascade.service.RouterExtension;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoChoicesRouterTest {

  @Test
  void neverPicksTheBusierOfTheTwoItDrew() {
    RouterExtension.Router router = new TwoChoicesRouter().router(ExtensionSettings.NONE, new SplittableRandom(3));
    int[] outstanding = {50, 0, 50, 50};
    int chosenIdle = 0;
    for (int i = 0; i < 1000; i++) {
      if (router.choose(outstanding, i) == 1) {
        chosenIdle++;
      }
    }
    // The idle instance wins whenever it is one of the two draws: 1 - (3/4)^2 = 7/16 of the time,
    // against 1/4 for a single random draw.
    assertThat(chosenIdle).isBetween(380, 500);
  }

  @Test
  void aStoppedInstanceIsNeverChosenWhileAnotherLives() {
    RouterExtension.Router router = new TwoChoicesRouter().router(ExtensionSettings.NONE, new SplittableRandom(3));
    int[] outstanding = {Integer.MAX_VALUE, 7, Integer.MAX_VALUE};
    for (int i = 0; i < 400; i++) {
      assertThat(router.choose(outstanding, i)).isEqualTo(1);
    }
  }
}
