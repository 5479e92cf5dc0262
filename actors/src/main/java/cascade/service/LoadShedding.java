package cascade.service;

/**
 * Server-side load shedding: how much work a service accepts before it refuses more.
 *
 * <p>With {@code maxConcurrent} above 0 the service serves at most that many attempts at once;
 * later arrivals wait in an accept queue of {@code queueCapacity} places, and an arrival that
 * finds it full is rejected at once. With {@code shedUnmeetableDeadlines}, an arrival whose
 * expected queue wait already exceeds the time its caller will wait is rejected at once too:
 * serving it would only burn capacity on an answer nobody reads. Work whose caller's budget ran
 * out while it queued is dropped when it reaches the head of the queue, for the same reason.
 *
 * @param maxConcurrent           attempts served at once; 0 means no limit (the seed's service)
 * @param queueCapacity           attempts that may wait for a free slot
 * @param shedUnmeetableDeadlines reject arrivals whose expected wait exceeds their caller's budget
 */
public record LoadShedding(int maxConcurrent, int queueCapacity, boolean shedUnmeetableDeadlines) {

  /** The seed's service: accepts everything. */
  public static final LoadShedding NONE = new LoadShedding(0, 0, false);

  public LoadShedding {
    if (maxConcurrent < 0) {
      throw new IllegalArgumentException("maxConcurrent must be at least 0, but was " + maxConcurrent);
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException("queueCapacity must be at least 0, but was " + queueCapacity);
    }
  }

  public boolean limitsConcurrency() {
    return maxConcurrent > 0;
  }
}
