package cascade.report;

import cascade.metrics.Outcome;
import cascade.metrics.RunProgress;
import java.time.Duration;
import java.util.Locale;

/**
 * One architecture's progress as one line of text, for example
 *
 * <pre>
 * EventDriven  412,300/1,000,000  41%  ETA 0:07  sim 20.6 s  breaker -  ok 412,000 dlq 300
 * </pre>
 *
 * requests with an outcome of the load's total, the time left at the rate of the machine's time
 * so far (a finished run says how long it took instead), the run's own (simulated) time, the
 * breaker's state ({@code -} without one), and the outcomes so far (succeeded always, the others
 * once they happen). A pure function of what it is given, so it is tested without a terminal.
 */
public final class ProgressLine {

  private ProgressLine() {}

  /**
   * @param nameWidth the names are padded to it, so that the lines of a run align
   * @param requests how many requests the load sends
   * @param progress the latest published, or null while the architecture has not started
   * @param wall the machine's time since the architecture started (until it finished, once it has)
   */
  public static String format(String name, int nameWidth, long requests, RunProgress progress, Duration wall) {
    String padded = padded(name, nameWidth);
    if (progress == null) {
      return padded + "  waiting";
    }
    String total = String.format(Locale.ROOT, "%,d", requests);
    StringBuilder line = new StringBuilder(padded)
        .append(String.format(Locale.ROOT, "  %," + total.length() + "d/%s %3d%%", progress.ended(), total, percent(progress.ended(), requests)));
    // What a person waits for first: a terminal narrower than the line cuts the outcomes, not these.
    if (progress.finished()) {
      line.append(String.format(Locale.ROOT, "  done in %.1f s", wall.toNanos() / 1e9));
    } else {
      line.append("  ETA ").append(eta(progress.ended(), requests, wall));
    }
    line.append(String.format(Locale.ROOT, "  sim %.1f s", progress.runNanos() / 1e9));
    line.append("  breaker ").append(progress.breaker()).append(' ');
    for (Outcome outcome : Outcome.values()) {
      long count = progress.outcome(outcome);
      if (outcome == Outcome.SUCCEEDED || count > 0) {
        line.append(String.format(Locale.ROOT, " %s %,d", label(outcome), count));
      }
    }
    return line.toString();
  }

  /**
   * The line of an architecture that has started but published nothing yet: its actor system is
   * coming up (an architecture that has not started is {@code waiting}, see {@link #format}).
   */
  public static String starting(String name, int nameWidth) {
    return padded(name, nameWidth) + "  starting";
  }

  private static String padded(String name, int nameWidth) {
    return String.format(Locale.ROOT, "%-" + Math.max(1, nameWidth) + "s", name);
  }

  /** An outcome's short name: the line must fit a terminal. */
  static String label(Outcome outcome) {
    return switch (outcome) {
      case SUCCEEDED -> "ok";
      case FAILED -> "failed";
      case REJECTED -> "rejected";
      case DROPPED -> "dropped";
      case DEAD_LETTERED -> "dlq";
    };
  }

  /** Whole per cent, rounded down: 100% only once every request has its outcome. */
  static long percent(long ended, long requests) {
    return requests <= 0 ? 100 : Math.min(100, ended * 100 / requests);
  }

  /** The time left if the rest goes as fast as what is done so far; {@code --} before anything is. */
  static String eta(long ended, long requests, Duration wall) {
    if (ended <= 0 || wall.isZero() || wall.isNegative()) {
      return "--";
    }
    long left = (long) Math.ceil(wall.toNanos() / 1e9 * Math.max(0, requests - ended) / ended);
    return left >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", left / 3600, left / 60 % 60, left % 60)
        : String.format(Locale.ROOT, "%d:%02d", left / 60, left % 60);
  }
}
