package cascade.load;

/**
 * A rate that is constant between change points: {@code perSecond[k]} from {@code startNanos[k]}
 * until the next change point (the last one lasts for ever). {@code startNanos[0]} is 0.
 */
final class PiecewiseRate implements RateCurve {

  private final long[] startNanos;
  private final double[] perSecond;
  /** Requests due by each change point. */
  private final double[] before;

  PiecewiseRate(long[] startNanos, double[] perSecond) {
    this.startNanos = startNanos.clone();
    this.perSecond = perSecond.clone();
    this.before = new double[perSecond.length];
    for (int k = 0; k < perSecond.length; k++) {
      if (k > 0) {
        before[k] = before[k - 1] + (startNanos[k] - startNanos[k - 1]) * perSecond[k - 1] / 1e9;
      }
    }
  }

  @Override
  public double arrivalsBy(double nanos) {
    int k = startNanos.length - 1;
    while (k > 0 && startNanos[k] > nanos) {
      k--;
    }
    return before[k] + (nanos - startNanos[k]) * perSecond[k] / 1e9;
  }

  /** Multiplies before dividing, as {@link ConstantRate} does, so round gaps come out exact. */
  @Override
  public double timeOf(double arrivals) {
    int k = before.length - 1;
    while (k > 0 && before[k] > arrivals) {
      k--;
    }
    return startNanos[k] + (arrivals - before[k]) * 1e9 / perSecond[k];
  }
}
