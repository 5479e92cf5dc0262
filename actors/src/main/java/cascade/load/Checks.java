package cascade.load;

/**
 * The checks every arrival shape makes on its settings, in one place. A field is named as in the
 * traffic section ({@code stepAt} is {@code traffic.step-at}), so a scenario's mistake is reported
 * at its key.
 */
final class Checks {

  private Checks() {}

  /**
   * The most requests a load may send: a scenario's count has always been an int, and a run of
   * more would not end in any time a user waits for.
   */
  static final long MAX_TOTAL = Integer.MAX_VALUE;

  static void total(long total) {
    if (total < 1) {
      throw new cascade.runtime.InvalidSetting("total", "must be at least 1, but was " + total);
    }
    if (total > MAX_TOTAL) {
      throw new cascade.runtime.InvalidSetting("total", "must be between 1 and " + MAX_TOTAL + ", but was " + total);
    }
  }

  static void notNegative(String name, java.time.Duration duration) {
    if (duration.isNegative()) {
      throw new cascade.runtime.InvalidSetting(name, "must be at least 0, but was " + duration);
    }
  }

  static void rate(String name, double perSecond) {
    if (!(perSecond > 0)) {
      throw new cascade.runtime.InvalidSetting(name, "must be above 0, but was " + cascade.runtime.InvalidSetting.written(perSecond));
    }
  }
}
