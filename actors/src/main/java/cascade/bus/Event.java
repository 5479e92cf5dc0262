package cascade.bus;

import cascade.runtime.Clock;

/**
 * One request travelling through the event-driven path.
 *
 * @param requestId          unique within the run
 * @param tries              how many times a consumer has tried it so far
 * @param intendedNanos      when the load generator meant to send it ({@link cascade.runtime.Clock#nanos()} scale)
 * @param previousDelayNanos the wait before its latest re-publish (decorrelated jitter grows from it)
 * @param requestClass       the request's class (an index into the load's classes)
 */
public record Event(long requestId, int tries, long intendedNanos, long previousDelayNanos, int requestClass) {

  public Event(long requestId, int tries, long intendedNanos, long previousDelayNanos) {
    this(requestId, tries, intendedNanos, previousDelayNanos, 0);
  }

  /** A new event, not tried yet. */
  public Event(long requestId, long intendedNanos) {
    this(requestId, 0, intendedNanos, 0);
  }

  /** A new event of class {@code requestClass}, not tried yet. */
  public Event(long requestId, long intendedNanos, int requestClass) {
    this(requestId, 0, intendedNanos, 0, requestClass);
  }

  /** The same event, tried once more. */
  public Event tried() {
    return new Event(requestId, tries + 1, intendedNanos, previousDelayNanos, requestClass);
  }

  /** The same event, about to be re-published after waiting {@code delayNanos}. */
  public Event delayedBy(long delayNanos) {
    return new Event(requestId, tries, intendedNanos, delayNanos, requestClass);
  }
}
