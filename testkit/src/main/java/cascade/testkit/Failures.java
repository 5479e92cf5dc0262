package cascade.testkit;

/** How the kit's assertions word a failure: what, about which architecture, then the run. */
final class Failures {

  private Failures() {}

  /** "3 s", "250 ms": how people write durations. */
  static String show(java.time.Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 && millis > 0 ? millis / 1000 + " s" : millis + " ms";
  }

  static String message(String subject, String problem, String run) {
    String nl = System.lineSeparator();
    return subject + ": " + problem + nl + nl + run;
  }
}
