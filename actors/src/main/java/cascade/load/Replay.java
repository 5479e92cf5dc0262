package cascade.load;

import java.time.Duration;
import java.util.Arrays;

/**
 * Arrivals replayed from a recording: request {@code i} is due at the {@code i}-th offset, so a
 * production trace (or any hand-made pattern) runs against every architecture as it happened.
 * The offsets are held in one array, 8 bytes a request: the recording is the load.
 */
public final class Replay implements ArrivalSchedule {

  private final long[] offsetsNanos;

  /** @param offsetsNanos offsets after the start, at least one, none negative, never decreasing */
  public Replay(long[] offsetsNanos) {
    if (offsetsNanos.length == 0) {
      throw new IllegalArgumentException("a replay needs at least one offset");
    }
    for (int i = 0; i < offsetsNanos.length; i++) {
      if (offsetsNanos[i] < 0 || (i > 0 && offsetsNanos[i] < offsetsNanos[i - 1])) {
        throw new IllegalArgumentException("offsets must be at least 0 and never decrease, but offset " + i + " was " + offsetsNanos[i]);
      }
    }
    this.offsetsNanos = offsetsNanos.clone();
  }

  @Override
  public long total() {
    return offsetsNanos.length;
  }

  @Override
  public Duration span() {
    return Duration.ofNanos(offsetsNanos[offsetsNanos.length - 1]);
  }

  @Override
  public Cursor cursor() {
    return index -> offsetsNanos[(int) index];
  }

  @Override
  public long dueBetween(long fromNanos, long toNanos) {
    return toNanos <= fromNanos ? 0 : countBefore(toNanos) - countBefore(fromNanos);
  }

  /** Offsets below {@code nanos}: the first index whose offset is at least {@code nanos}. */
  private long countBefore(long nanos) {
    int low = 0;
    int high = offsetsNanos.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (offsetsNanos[middle] < nanos) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  @Override
  public String toString() {
    return "Replay[" + offsetsNanos.length + " offsets over " + span() + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Replay replay && Arrays.equals(offsetsNanos, replay.offsetsNanos);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(offsetsNanos);
  }
}
