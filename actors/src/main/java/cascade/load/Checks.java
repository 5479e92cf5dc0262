package cascade.load;

/** The checks every arrival shape makes on its settings, in one place. */
final class Checks {

  private Checks() {}

  static void total(long total) {
    if (total < 1) {
      throw new IllegalArgumentException("total must be at least 1, but was " + total);
    }
  }

  static void notNegative(String name, java.time.Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be at least 0, but was " + duration);
    }
  }

  static void rate(String name, double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException(name + " must be above 0, but was " + perSecond);
    }
  }
}
