package cascade.load;

import java.time.Duration;

/**
 * When the requests of an open-loop load are due: request {@code i} (from 0) at some offset after
 * the start, offsets never decreasing. The load generator sends each request at its offset
 * whether or not earlier ones have been answered, and each request carries its offset as its
 * intended send time.
 *
 * <p>Shapes: {@link Bursts} (the tutorial's, and {@code tutorial}: everything at t=0),
 * {@link ConstantRate}, {@link Ramp}, {@link Poisson}, {@link Step}, {@link Spike}, {@link Sinusoidal}
 * (a day cycle), {@link Replay} (offsets from a recording) and {@link ExtensionShape} (a user's own,
 * written in Java).
 */
public sealed interface ArrivalSchedule extends Load permits Bursts, ConstantRate, Ramp, Poisson, CurveSchedule, Replay, ExtensionShape {

  /** How many requests in all (at least 1). */
  long total();

  /** Roughly when the last request is due: how long the load lasts. */
  Duration span();

  /**
   * A fresh walk over the offsets, from request 0. Walks are deterministic: two walks of the same
   * schedule give the same offsets, random shapes included.
   */
  Cursor cursor();

  /** The offsets of a schedule, asked for in order of index. */
  @FunctionalInterface
  interface Cursor {
    /** Nanoseconds after the start at which request {@code index} is due; asked with 0, 1, 2, ... */
    long offsetNanos(long index);
  }

  /**
   * Requests due from {@code fromNanos} (included) to {@code toNanos} (excluded) after the start.
   * Walks the schedule; shapes with a closed form override it.
   */
  default long dueBetween(long fromNanos, long toNanos) {
    Cursor cursor = cursor();
    long due = 0;
    for (long i = 0; i < total(); i++) {
      long offset = cursor.offsetNanos(i);
      if (offset >= toNanos) {
        break;
      }
      if (offset >= fromNanos) {
        due++;
      }
    }
    return due;
  }

  /** The seed tutorial's actual behaviour: every request due at t=0. */
  static ArrivalSchedule tutorial(long total) {
    return Bursts.tutorial(total);
  }

  /** {@code burst} requests every {@code gap}, really spaced in time. */
  static ArrivalSchedule bursts(long total, int burst, Duration gap) {
    return new Bursts(total, burst, gap);
  }
}
