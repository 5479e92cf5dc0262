package cascade.load;

import java.time.Duration;

/**
 * The load of a run: open loop (an {@link ArrivalSchedule}: requests are sent at their times
 * whatever happens to earlier ones) or closed loop ({@link ClosedLoop}: users who wait for each
 * answer before they think and send the next). The two are configured apart on purpose: a
 * closed loop slows down when the system does, which hides overload an open loop shows.
 */
public sealed interface Load permits ArrivalSchedule, ClosedLoop {

  /** How many requests in all (at least 1). */
  long total();

  /** Roughly how long the load lasts, to size the run's time limit. */
  Duration span();
}
