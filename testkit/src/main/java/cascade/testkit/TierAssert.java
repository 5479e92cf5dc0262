package cascade.testkit;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.TierResult;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one tier of a topology run. */
public final class TierAssert extends AbstractAssert<TierAssert, TierResult> {

  private final ArchitectureResult architecture;
  private final String run;

  TierAssert(TierResult actual, ArchitectureResult architecture, String run) {
    super(actual, TierAssert.class);
    this.architecture = architecture;
    this.run = run;
  }

  /** Attempts that reached the tier per request of the load is at most {@code max}. */
  public TierAssert hasAmplificationAtMost(double max) {
    if (actual.amplification() > max) {
      fail(String.format(Locale.ROOT, "expected amplification at most %.3f, but was %.3f (%d attempts reached it for %d requests)",
          max, actual.amplification(), actual.received(), architecture.outcomes().requests()));
    }
    return this;
  }

  /** The share of the attempts that reached the tier that it answered with success is at least {@code share}. */
  public TierAssert hasSucceededShareAtLeast(double share) {
    double actualShare = actual.received() == 0 ? 0 : (double) actual.succeeded() / actual.received();
    if (actualShare < share) {
      fail(String.format(Locale.ROOT, "expected at least %s of its attempts to succeed, but %s did (%d of %d)",
          ArchitectureAssert.percent(share), ArchitectureAssert.percent(actualShare), actual.succeeded(), actual.received()));
    }
    return this;
  }

  private void fail(String problem) {
    failWithMessage("%s", Failures.message(architecture.name() + ", tier " + actual.name(), problem, run));
  }
}
