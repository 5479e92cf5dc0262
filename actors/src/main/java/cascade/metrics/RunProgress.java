package cascade.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * How far one architecture's run has got, as its recorder had counted it {@code runNanos} into the
 * run. Immutable: the recorder publishes one now and then ({@link ProgressBoard.Slot}), and a
 * display on another thread reads it without touching the recorder's own state.
 *
 * @param ended requests with an outcome so far
 * @param outcomes requests per outcome so far, in the order of {@link Outcome}
 * @param runNanos the run's own time (virtual or real) since it started
 * @param breaker the breaker's state after its last transition ({@code open}, {@code half-open},
 *     {@code closed}), or {@code -} when no breaker has changed state
 * @param finished every request has its outcome: this is the run's last word
 */
public record RunProgress(long ended, List<Long> outcomes, long runNanos, String breaker, boolean finished) {

  public RunProgress {
    outcomes = List.copyOf(outcomes);
  }

  /** Nothing counted yet: the run has just started. */
  public static final RunProgress STARTED = new RunProgress(0, List.of(0L, 0L, 0L, 0L, 0L), 0, "-", false);

  /** What {@code metrics} holds now. */
  static RunProgress of(RunMetrics metrics, long runNanos, boolean finished) {
    List<Long> outcomes = new ArrayList<>(Outcome.values().length);
    for (Outcome outcome : Outcome.values()) {
      outcomes.add(metrics.outcome(outcome));
    }
    return new RunProgress(metrics.requestsEnded(), outcomes, runNanos, metrics.timeSeries().breakerNow().replace('_', '-'), finished);
  }

  public long outcome(Outcome outcome) {
    return outcomes.get(outcome.ordinal());
  }
}
