package cascade.policy;

/** The last {@code size} calls, kept in a ring; memory is two flags per slot. */
final class CountWindow implements OutcomeWindow {

  private final boolean[] failed;
  private final boolean[] slowed;
  private int calls;
  private int next;
  private int failures;
  private int slow;

  CountWindow(int size) {
    this.failed = new boolean[size];
    this.slowed = new boolean[size];
  }

  @Override
  public void record(long nowNanos, boolean failure, boolean slowCall) {
    if (calls == failed.length) {
      // The ring is full: the oldest call, in the slot about to be overwritten, leaves the window.
      failures -= failed[next] ? 1 : 0;
      slow -= slowed[next] ? 1 : 0;
    } else {
      calls++;
    }
    failed[next] = failure;
    slowed[next] = slowCall;
    failures += failure ? 1 : 0;
    slow += slowCall ? 1 : 0;
    next = (next + 1) % failed.length;
  }

  @Override
  public Totals totals(long nowNanos) {
    return new Totals(calls, failures, slow);
  }

  @Override
  public void clear() {
    calls = 0;
    next = 0;
    failures = 0;
    slow = 0;
  }
}
