package cascade.runtime;

import cascade.virtualtime.VirtualTime;
import java.time.Instant;

/**
 * The lab's time: nanoseconds since the epoch. In a virtual-time run it is the run's virtual
 * clock; otherwise it advances with {@link System#nanoTime()}.
 *
 * <p>Why not {@code nanoTime} itself: its origin is arbitrary and differs from one JVM to the
 * next, and a request's intended send time travels between nodes (a load generator in one JVM, the
 * consumer that completes the request in another). Anchoring {@code nanoTime} to the wall clock
 * once per JVM gives every process on a machine the same time base, within the microseconds it
 * takes to read the wall clock, while keeping {@code nanoTime}'s steadiness within each process.
 */
public final class Clock {

  private static final long OFFSET = offset();

  private Clock() {}

  /**
   * Now: the virtual clock on a virtual-time run's thread ({@link VirtualTime}), the machine's
   * steady clock everywhere else.
   */
  public static long nanos() {
    VirtualTime virtual = VirtualTime.current();
    return virtual != null ? virtual.nanos() : System.nanoTime() + OFFSET;
  }

  private static long offset() {
    Instant wall = Instant.now();
    long steady = System.nanoTime();
    return wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - steady;
  }
}
