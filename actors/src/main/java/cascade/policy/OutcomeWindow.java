package cascade.policy;

/**
 * The recent calls a {@link CircuitBreaker} judges its rates on: either the last N calls or the
 * calls of the last N seconds. Both keep running totals, so judging costs nothing per call.
 */
sealed interface OutcomeWindow permits CountWindow, TimeWindow {

  /** How many calls the window holds, and how many of them failed or were slow. */
  record Totals(int calls, int failures, int slow) {}

  static OutcomeWindow of(CircuitBreakerConfig.WindowType type, int size) {
    return switch (type) {
      case COUNT_BASED -> new CountWindow(size);
      case TIME_BASED -> new TimeWindow(size);
    };
  }

  /** Adds one finished call; a call can be both a failure and slow. */
  void record(long nowNanos, boolean failure, boolean slow);

  /** The calls in the window as seen at {@code nowNanos}: a time-based window first forgets old seconds. */
  Totals totals(long nowNanos);

  /** Forgets every call. */
  void clear();
}
