package cascade.runtime;

import java.time.Duration;

/**
 * The longest duration any setting may give: a scenario key, an override, an extension's key.
 *
 * <p>Why one day: runs last seconds to minutes, so a longer duration is a slip (a wrong unit, a
 * zero too many) that would leave a run waiting for a timer that never fires in practice; and it
 * keeps every sum the lab makes of a setting and the clock ({@link Clock#nanos()} is nanoseconds
 * since the epoch, a long) far from overflowing.
 */
public final class DurationCeiling {

  public static final Duration MAX = Duration.ofDays(1);

  /** How messages and documentation write it, in the units of scenario files. */
  public static final String WRITTEN = "1d";

  private DurationCeiling() {}

  public static boolean exceededBy(Duration duration) {
    return duration.compareTo(MAX) > 0;
  }
}
