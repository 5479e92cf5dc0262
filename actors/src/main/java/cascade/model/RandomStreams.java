package cascade.model;

import java.util.SplittableRandom;

/**
 * Independent random streams split from one scenario seed, one per named component.
 *
 * <p>Why per name and not one shared generator: adding a component, or changing how many draws one
 * makes, must not shift the draws of the others, or every comparison between two runs would
 * compare different luck.
 */
public final class RandomStreams {

  private final long seed;

  public RandomStreams(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** The stream of the component called {@code name}; the same name always gives the same stream. */
  public SplittableRandom forComponent(String name) {
    long mixed = seed;
    for (int i = 0; i < name.length(); i++) {
      mixed = mixed * 31 + name.charAt(i);
    }
    // SplittableRandom scrambles its seed, so nearby seeds still give unrelated streams.
    return new SplittableRandom(new SplittableRandom(mixed).nextLong() ^ seed);
  }
}
