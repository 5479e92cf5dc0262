package cascade.load;

/**
 * The checks every arrival shape makes on its settings, in one place. A field is named as in the
 * traffic section ({@code stepAt} is {@code traffic.step-at}), so a scenario's mistake is reported
 * at its key.
 */
final class Checks {

  private Checks() {}

  static void total(long total) {
    if (total < 1) {
      throw new cascade.runtime.InvalidSetting("total", "must be at least 1, but was " + total);
    }
  }

  static void notNegative(String name, java.time.Duration duration) {
    if (duration.isNegative()) {
      throw new cascade.runtime.InvalidSetting(name, "must be at least 0, but was " + duration);
    }
  }

  static void rate(String name, double perSecond) {
    if (!(perSecond > 0)) {
      throw new cascade.runtime.InvalidSetting(name, "must be above 0, but was " + perSecond);
    }
  }
}
