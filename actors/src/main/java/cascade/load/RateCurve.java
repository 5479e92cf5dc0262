package cascade.load;

/**
 * A rate that changes with time, and the arrival times it gives: request {@code i} (from 0) is
 * due at the first moment the integral of the rate reaches {@code i}. Shapes defined by a rate
 * (a step, a spike, a day cycle) share this, so their arrival counts follow from the integral and
 * need no walk.
 */
interface RateCurve {

  /** The integral of the rate from 0 to {@code nanos}: how many requests are due by then (fractional). */
  double arrivalsBy(double nanos);

  /** When the integral reaches {@code arrivals}, in nanoseconds after the start. */
  double timeOf(double arrivals);

  /** The cursor of a shape of {@code total} requests on this curve. */
  default ArrivalSchedule.Cursor cursor() {
    return index -> (long) timeOf(index);
  }

  /**
   * Requests of {@code total} due before {@code nanos}. Starts from the integral and corrects by
   * the cursor's own offsets, so the counts agree with what the load generator sends even where
   * rounding to whole nanoseconds lands an arrival on an interval's edge.
   */
  default long countBefore(long total, long nanos) {
    if (nanos <= 0) {
      return 0;
    }
    ArrivalSchedule.Cursor cursor = cursor();
    long count = Math.min(total, (long) Math.ceil(arrivalsBy(nanos)));
    while (count > 0 && cursor.offsetNanos(count - 1) >= nanos) {
      count--;
    }
    while (count < total && cursor.offsetNanos(count) < nanos) {
      count++;
    }
    return count;
  }

  default long dueBetween(long total, long fromNanos, long toNanos) {
    return toNanos <= fromNanos ? 0 : countBefore(total, toNanos) - countBefore(total, fromNanos);
  }
}
