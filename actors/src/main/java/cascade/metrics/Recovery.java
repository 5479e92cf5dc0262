package cascade.metrics;

import java.util.List;

/**
 * Whether, and when, a run got back to the goodput it had before its faults, read from the time
 * series.
 *
 * <p>The rule. Goodput is the requests that succeeded in an interval. Before: the mean goodput of
 * the intervals that lie wholly between the first interval with load and the start of the faults
 * (the first loaded interval is left out, as it is partly empty). After: from the end of the
 * faults to the last interval with load (the tail after the load stops only drains), goodput is
 * averaged over {@link #WINDOW} intervals at a time (windows sliding by one interval), so that
 * one noisy interval does not decide. A window is back when it holds at least {@link #THRESHOLD}
 * of the goodput before: within 10% (a backlog that drains above the old level counts as back).
 * The run recovered at the start of the first window that is back and after which goodput stays
 * back: it never falls short again for {@link #WINDOW} windows in a row. A shorter dip — the
 * machine pausing for a moment, its answers arriving in a burst just after — is not a relapse,
 * also when the load ends during it. {@code recoveredAfterMs} counts from the end of the faults.
 *
 * @param goodputBeforePerSecond successful requests per second before the faults
 * @param goodputEndPerSecond    successful requests per second over the last second of the load
 * @param recovered              whether it got back and stayed back; null when it could not be told
 *                               (no interval before the faults, or none after them with load)
 * @param recoveredAfterMs       from the end of the faults to the start of the recovered stretch;
 *                               null unless {@code recovered}
 */
public record Recovery(double goodputBeforePerSecond, Double goodputEndPerSecond, Boolean recovered, Double recoveredAfterMs) {

  /** Intervals averaged together: 5 of 100 ms, half a second. */
  public static final int WINDOW = 5;

  /** Back means at least this share of the goodput before the faults. */
  public static final double THRESHOLD = 0.9;

  /**
   * Reads the rule above off {@code rows}.
   *
   * @param faultsStartMs when the faults started, from the start of the series
   * @param faultsEndMs   when they ended
   * @return null when the rows hold no interval with load before the faults
   */
  public static Recovery of(List<TimeSeries.Row> rows, double intervalMs, double faultsStartMs, double faultsEndMs) {
    int firstLoaded = -1;
    int lastLoaded = -1;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).offered() > 0) {
        firstLoaded = firstLoaded < 0 ? i : firstLoaded;
        lastLoaded = i;
      }
    }
    if (firstLoaded < 0) {
      return null;
    }
    long before = 0;
    int beforeRows = 0;
    for (int i = firstLoaded + 1; i <= lastLoaded && (i + 1) * intervalMs <= faultsStartMs; i++) {
      before += rows.get(i).succeeded();
      beforeRows++;
    }
    if (beforeRows == 0) {
      return null;
    }
    double perInterval = (double) before / beforeRows;
    double perSecond = perInterval * 1000 / intervalMs;
    // Windows lie wholly after the faults and wholly within the load; the last loaded interval
    // is only partly loaded, so it is left out.
    int firstAfter = (int) Math.ceil(faultsEndMs / intervalMs);
    int lastFull = lastLoaded - 1;
    if (lastFull - firstAfter + 1 < WINDOW) {
      return new Recovery(perSecond, null, null, null);
    }
    int recoveredFrom = -1;
    int shortInARow = 0;
    for (int start = firstAfter; start + WINDOW - 1 <= lastFull; start++) {
      if (windowMean(rows, start, WINDOW) >= THRESHOLD * perInterval) {
        shortInARow = 0;
        recoveredFrom = recoveredFrom < 0 ? start : recoveredFrom;
      } else if (++shortInARow >= WINDOW) {
        recoveredFrom = -1;
      }
    }
    int endLength = Math.min(2 * WINDOW, lastFull - firstAfter + 1);
    double endPerSecond = windowMean(rows, lastFull - endLength + 1, endLength) * 1000 / intervalMs;
    if (recoveredFrom < 0) {
      return new Recovery(perSecond, endPerSecond, false, null);
    }
    return new Recovery(perSecond, endPerSecond, true, Math.max(0, recoveredFrom * intervalMs - faultsEndMs));
  }

  private static double windowMean(List<TimeSeries.Row> rows, int start, int length) {
    long sum = 0;
    for (int i = start; i < start + length; i++) {
      sum += rows.get(i).succeeded();
    }
    return (double) sum / length;
  }
}
