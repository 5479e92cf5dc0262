package cascade.runtime;

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
   * A thread that keeps a time of its own: the driver of a virtual-time run
   * ({@code cascade.virtualtime.VirtualTime}), on which every actor of the run executes. The clock
   * asks the thread rather than a registry so that reading it costs no lookup, and so that this
   * package need not know the virtual-time package that depends on it.
   */
  public interface OwnTime {
    /** Now, in nanoseconds on this clock's scale. */
    long nanos();
  }

  /** Now: the thread's own time on a virtual-time run's thread, the machine's steady clock everywhere else. */
  public static long nanos() {
    return Thread.currentThread() instanceof OwnTime own ? own.nanos() : System.nanoTime() + OFFSET;
  }

  private static long offset() {
    Instant wall = Instant.now();
    long steady = System.nanoTime();
    return wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - steady;
  }
}
