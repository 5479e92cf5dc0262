package cascade.testkit;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import java.time.Duration;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one request class of a run ({@code traffic.classes}). */
public final class RequestClassAssert extends AbstractAssert<RequestClassAssert, ArchitectureResult.ClassResult> {

  private final ArchitectureResult architecture;
  private final String run;

  RequestClassAssert(ArchitectureResult.ClassResult actual, ArchitectureResult architecture, String run) {
    super(actual, RequestClassAssert.class);
    this.architecture = architecture;
    this.run = run;
  }

  /** The share of the class's requests that ended in {@code outcome} is at least {@code share}. */
  public RequestClassAssert hasOutcomeShareAtLeast(Outcome outcome, double share) {
    double actualShare = share(outcome);
    if (actualShare < share) {
      fail(String.format(Locale.ROOT, "expected at least %s of its requests %s, but %s were (%d of %d)",
          ArchitectureAssert.percent(share), outcome.key, ArchitectureAssert.percent(actualShare), count(outcome), actual.requests()));
    }
    return this;
  }

  /** The share of the class's requests that ended in {@code outcome} is at most {@code share}. */
  public RequestClassAssert hasOutcomeShareAtMost(Outcome outcome, double share) {
    double actualShare = share(outcome);
    if (actualShare > share) {
      fail(String.format(Locale.ROOT, "expected at most %s of its requests %s, but %s were (%d of %d)",
          ArchitectureAssert.percent(share), outcome.key, ArchitectureAssert.percent(actualShare), count(outcome), actual.requests()));
    }
    return this;
  }

  public RequestClassAssert hasSucceededShareAtLeast(double share) {
    return hasOutcomeShareAtLeast(Outcome.SUCCEEDED, share);
  }

  /** The class's end-to-end p99 is at most {@code max}. */
  public RequestClassAssert hasE2eP99AtMost(Duration max) {
    Double p99 = actual.e2eP99Ms();
    if (p99 == null) {
      fail("expected an end-to-end p99 of at most " + Failures.show(max) + ", but none of its requests ended");
    } else if (p99 > max.toNanos() / 1e6) {
      fail(String.format(Locale.ROOT, "expected end-to-end p99 at most %s, but was %.1f ms", Failures.show(max), p99));
    }
    return this;
  }

  private long count(Outcome outcome) {
    return actual.outcomes().getOrDefault(outcome, 0L);
  }

  private double share(Outcome outcome) {
    return actual.requests() == 0 ? 0 : (double) count(outcome) / actual.requests();
  }

  private void fail(String problem) {
    failWithMessage("%s", Failures.message(architecture.name() + ", class " + actual.name(), problem, run));
  }
}
