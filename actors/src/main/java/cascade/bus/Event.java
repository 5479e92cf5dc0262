package cascade.bus;

/**
 * One request travelling through the event-driven path.
 *
 * @param requestId     unique within the run
 * @param tries         how many times a consumer has tried it so far
 * @param intendedNanos when the load generator meant to send it ({@link System#nanoTime()} scale)
 */
public record Event(long requestId, int tries, long intendedNanos) {

  /** The same event, tried once more. */
  public Event tried() {
    return new Event(requestId, tries + 1, intendedNanos);
  }
}
