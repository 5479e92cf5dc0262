package cascade.callpath;

/**
 * Which attempts of a request a circuit breaker is asked about. Whatever it is asked, it hears the
 * outcome of every attempt it let through or was not asked about, so it judges all the traffic.
 */
public enum BreakerConsulted {
  /** Before every attempt: an open breaker refuses first tries and retries alike. */
  PER_ATTEMPT("per-attempt"),
  /** Only when a request starts (the seed tutorial's breaker): retries always go ahead. */
  PER_REQUEST("per-request"),
  /**
   * Only before retries: first tries always go through, and an open breaker stops the retries
   * that would add load to a failing service (Brooker 2022, "Fixing retries with token buckets
   * and circuit breakers"). A breaker that refuses first tries turns a service failing half its
   * calls into one that serves almost none.
   */
  RETRIES_ONLY("retries-only");

  /** Its name in scenario files. */
  public final String key;

  BreakerConsulted(String key) {
    this.key = key;
  }

  /**
   * Whether the breaker is asked before attempt number {@code attempt} (1 for the first) of a
   * request. A hedge is an attempt after the first, so it counts as a retry here.
   */
  public boolean asks(int attempt) {
    return switch (this) {
      case PER_ATTEMPT -> true;
      case PER_REQUEST -> attempt == 1;
      case RETRIES_ONLY -> attempt > 1;
    };
  }
}
