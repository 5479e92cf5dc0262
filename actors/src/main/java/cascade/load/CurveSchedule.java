package cascade.load;

import java.time.Duration;

/**
 * An open-loop shape given by its rate over time ({@link RateCurve}): the step, the spike and the
 * day cycle. The curve says everything, so the schedule's offsets, length and per-interval counts
 * all come from it, in closed form.
 */
sealed interface CurveSchedule extends ArrivalSchedule permits Step, Spike, Sinusoidal {

  /** The rate over time; built on demand, as it holds nothing a record does not. */
  RateCurve curve();

  @Override
  default Duration span() {
    return Duration.ofNanos(curve().cursor().offsetNanos(total() - 1));
  }

  @Override
  default Cursor cursor() {
    return curve().cursor();
  }

  @Override
  default long dueBetween(long fromNanos, long toNanos) {
    return curve().dueBetween(total(), fromNanos, toNanos);
  }
}
