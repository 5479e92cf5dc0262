package cascade.bus;

import java.util.ArrayList;
import java.util.List;

/**
 * One request travelling through the event-driven path.
 *
 * @param requestId          unique within the run
 * @param tries              how many times a consumer has tried it so far
 * @param intendedNanos      when the load generator meant to send it ({@link cascade.runtime.Clock#nanos()} scale)
 * @param previousDelayNanos the wait before its latest re-publish (decorrelated jitter grows from it)
 * @param requestClass       the request's class (an index into the load's classes)
 * @param failures           how each failed try ended, in order ({@code error}, {@code timeout}, or
 *                           the reason of a refusal): its history, for the dead-letter queue. At
 *                           most one entry per allowed try, so it stays small.
 */
public record Event(long requestId, int tries, long intendedNanos, long previousDelayNanos, int requestClass, List<String> failures) {

  public Event {
    failures = List.copyOf(failures);
  }

  public Event(long requestId, int tries, long intendedNanos, long previousDelayNanos) {
    this(requestId, tries, intendedNanos, previousDelayNanos, 0, List.of());
  }

  /** A new event, not tried yet. */
  public Event(long requestId, long intendedNanos) {
    this(requestId, 0, intendedNanos, 0);
  }

  /** A new event of class {@code requestClass}, not tried yet. */
  public Event(long requestId, long intendedNanos, int requestClass) {
    this(requestId, 0, intendedNanos, 0, requestClass, List.of());
  }

  /** The same event, tried once more. */
  public Event tried() {
    return new Event(requestId, tries + 1, intendedNanos, previousDelayNanos, requestClass, failures);
  }

  /** The same event, about to be re-published after waiting {@code delayNanos}. */
  public Event delayedBy(long delayNanos) {
    return new Event(requestId, tries, intendedNanos, delayNanos, requestClass, failures);
  }

  /** The same event, its latest try having failed as {@code how}. */
  public Event failedAs(String how) {
    List<String> history = new ArrayList<>(failures);
    history.add(how);
    return new Event(requestId, tries, intendedNanos, previousDelayNanos, requestClass, history);
  }
}
