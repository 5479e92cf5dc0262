package cascade.testkit;

import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.metrics.Recovery;
import cascade.metrics.TierResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one architecture's result: outcomes, amplification, latency, recovery, policy
 * events, and its tiers and request classes. Each failure names the architecture and the figure,
 * then shows the run's summary table.
 */
public final class ArchitectureAssert extends AbstractAssert<ArchitectureAssert, ArchitectureResult> {

  private final String run;

  ArchitectureAssert(ArchitectureResult actual, String run) {
    super(actual, ArchitectureAssert.class);
    this.run = run;
  }

  /** Every request ended in exactly one outcome: {@code lost} is 0. */
  public ArchitectureAssert lostNothing() {
    isNotNull();
    if (actual.outcomes().lost() != 0) {
      fail("expected no request lost, but " + actual.outcomes().lost() + " of " + actual.outcomes().requests() + " ended without an outcome");
    }
    return this;
  }

  /** The share of requests that ended in {@code outcome} is at least {@code share} (0 to 1). */
  public ArchitectureAssert hasOutcomeShareAtLeast(Outcome outcome, double share) {
    double actualShare = share(outcome);
    if (actualShare < share) {
      fail(String.format(Locale.ROOT, "expected at least %s of requests %s, but %s were (%d of %d)",
          percent(share), outcome.key, percent(actualShare), count(outcome), actual.outcomes().requests()));
    }
    return this;
  }

  /** The share of requests that ended in {@code outcome} is at most {@code share} (0 to 1). */
  public ArchitectureAssert hasOutcomeShareAtMost(Outcome outcome, double share) {
    double actualShare = share(outcome);
    if (actualShare > share) {
      fail(String.format(Locale.ROOT, "expected at most %s of requests %s, but %s were (%d of %d)",
          percent(share), outcome.key, percent(actualShare), count(outcome), actual.outcomes().requests()));
    }
    return this;
  }

  /** Shorthand for {@code hasOutcomeShareAtLeast(SUCCEEDED, share)}. */
  public ArchitectureAssert hasSucceededShareAtLeast(double share) {
    return hasOutcomeShareAtLeast(Outcome.SUCCEEDED, share);
  }

  /** Attempts per request (the number that drives cascades) is at most {@code max}. */
  public ArchitectureAssert hasAmplificationAtMost(double max) {
    isNotNull();
    if (actual.attempts().amplification() > max) {
      fail(String.format(Locale.ROOT, "expected amplification at most %.3f, but was %.3f (%d attempts for %d requests)",
          max, actual.attempts().amplification(), actual.attempts().total(), actual.outcomes().requests()));
    }
    return this;
  }

  /** Attempts per request is at least {@code min} (retries did happen). */
  public ArchitectureAssert hasAmplificationAtLeast(double min) {
    isNotNull();
    if (actual.attempts().amplification() < min) {
      fail(String.format(Locale.ROOT, "expected amplification at least %.3f, but was %.3f (%d attempts for %d requests)",
          min, actual.attempts().amplification(), actual.attempts().total(), actual.outcomes().requests()));
    }
    return this;
  }

  /**
   * End-to-end latency (from each request's intended send time to its outcome, every request) at
   * {@code percentile} (0 to 100, like 99.9) is at most {@code max}.
   */
  public ArchitectureAssert hasE2ePercentileAtMost(double percentile, Duration max) {
    isNotNull();
    Double millis = actual.latency().e2eHistogram().percentileMillis(percentile);
    if (millis == null) {
      fail("expected an end-to-end p" + number(percentile) + " of at most " + Failures.show(max) + ", but no request ended");
    } else if (millis > max.toNanos() / 1e6) {
      fail(String.format(Locale.ROOT, "expected end-to-end p%s at most %s, but was %.1f ms", number(percentile), Failures.show(max), millis));
    }
    return this;
  }

  public ArchitectureAssert hasE2eP50AtMost(Duration max) {
    return hasE2ePercentileAtMost(50, max);
  }

  public ArchitectureAssert hasE2eP99AtMost(Duration max) {
    return hasE2ePercentileAtMost(99, max);
  }

  /**
   * After the faults ended, goodput came back and stayed back (see {@link Recovery} for the rule).
   * Needs a scenario whose faults end.
   */
  public ArchitectureAssert recovered() {
    isNotNull();
    Recovery recovery = actual.recovery();
    if (recovery == null || recovery.recovered() == null) {
      fail("expected a recovery, but it cannot be told: "
          + (recovery == null ? "the scenario's faults have no trigger that ends" : "no interval with load before the faults, or none after them"));
    } else if (!recovery.recovered()) {
      fail(String.format(Locale.ROOT, "expected goodput to come back to %.0f requests/s after the faults, but it did not (%s at the end of the load)",
          recovery.goodputBeforePerSecond(), recovery.goodputEndPerSecond() == null ? "nothing" : String.format(Locale.ROOT, "%.0f/s", recovery.goodputEndPerSecond())));
    }
    return this;
  }

  /** Recovered, and within {@code max} of the end of the faults. */
  public ArchitectureAssert recoveredWithin(Duration max) {
    recovered();
    double after = actual.recovery().recoveredAfterMs();
    if (after > max.toNanos() / 1e6) {
      fail(String.format(Locale.ROOT, "expected recovery within %s of the end of the faults, but it took %.0f ms", Failures.show(max), after));
    }
    return this;
  }

  /**
   * A policy did something at least once: {@code event} as the report counts it, {@code "policy:
   * kind"}, like {@code "breaker: closed->open"} or {@code "aimd-limit: rejected"}.
   */
  public ArchitectureAssert hasPolicyEvent(String event) {
    isNotNull();
    if (actual.attempts().policyEvents().getOrDefault(event, 0L) == 0) {
      fail("expected policy event \"" + event + "\", but the policies reported " + events());
    }
    return this;
  }

  /** A policy never did {@code event} ({@code "policy: kind"}). */
  public ArchitectureAssert hasNoPolicyEvent(String event) {
    isNotNull();
    long times = actual.attempts().policyEvents().getOrDefault(event, 0L);
    if (times != 0) {
      fail("expected no policy event \"" + event + "\", but it happened " + times + " time(s)");
    }
    return this;
  }

  /** The circuit breaker went {@code from} to {@code to} at least once, like {@code ("closed", "open")}. */
  public ArchitectureAssert hasBreakerTransition(String from, String to) {
    return hasPolicyEvent("breaker: " + from + "->" + to);
  }

  /** The circuit breaker never opened. */
  public ArchitectureAssert breakerNeverOpened() {
    isNotNull();
    Map<String, Long> opened = actual.attempts().policyEvents().entrySet().stream()
        .filter(e -> e.getKey().startsWith("breaker: ") && e.getKey().endsWith("->open"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (!opened.isEmpty()) {
      fail("expected the breaker never to open, but it did: " + opened);
    }
    return this;
  }

  /** The assertions on one tier of a topology, by its name in the scenario. */
  public TierAssert tier(String name) {
    isNotNull();
    for (TierResult tier : actual.tiers()) {
      if (tier.name().equals(name)) {
        return new TierAssert(tier, actual, run);
      }
    }
    fail("expected a tier " + name + ", but the tiers are " + actual.tiers().stream().map(TierResult::name).toList());
    return null;
  }

  /** The assertions on one request class ({@code traffic.classes}), by name. */
  public RequestClassAssert requestClass(String name) {
    isNotNull();
    for (ArchitectureResult.ClassResult result : actual.classes()) {
      if (result.name().equals(name)) {
        return new RequestClassAssert(result, actual, run);
      }
    }
    fail("expected a request class " + name + ", but the classes are " + actual.classes().stream().map(ArchitectureResult.ClassResult::name).toList());
    return null;
  }

  private String events() {
    return actual.attempts().policyEvents().isEmpty() ? "nothing" : actual.attempts().policyEvents().toString();
  }

  private long count(Outcome outcome) {
    return actual.outcomes().count(outcome);
  }

  private double share(Outcome outcome) {
    isNotNull();
    return actual.outcomes().requests() == 0 ? 0 : (double) count(outcome) / actual.outcomes().requests();
  }

  private void fail(String problem) {
    failWithMessage("%s", Failures.message(actual.name(), problem, run));
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
