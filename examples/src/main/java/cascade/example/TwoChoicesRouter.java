package cascade.example;

import cascade.extension.ExtensionSettings;
import cascade.service.RouterExtension;
import java.util.random.RandomGenerator;

/**
 * The power of two choices: pick two instances at random and use the one with fewer attempts
 * outstanding. Nearly as even as least-loaded, without anyone having to know every instance's
 * load at once. Name it with {@code service.routing = two-choices}.
 */
public final class TwoChoicesRouter implements RouterExtension {

  @Override
  public String name() {
    return "two-choices";
  }

  @Override
  public String description() {
    return "two instances drawn at random, the less loaded one wins (power of two choices)";
  }

  @Override
  public Router router(ExtensionSettings settings, RandomGenerator random) {
    return (outstanding, requestId) -> {
      int first = random.nextInt(outstanding.length);
      int second = random.nextInt(outstanding.length);
      int chosen = outstanding[second] < outstanding[first] ? second : first;
      if (outstanding[chosen] == Integer.MAX_VALUE) {
        // Both draws hit stopped instances: any live one will do.
        for (int i = 0; i < outstanding.length; i++) {
          if (outstanding[i] != Integer.MAX_VALUE) {
            return i;
          }
        }
      }
      return chosen;
    };
  }
}
