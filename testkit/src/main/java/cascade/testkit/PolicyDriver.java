package cascade.testkit;

import cascade.callpath.Gate;
import cascade.extension.ExtensionSettings;
import cascade.callpath.PolicyExtension;
import cascade.policy.CallOutcome;
import cascade.policy.PolicyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Drives your {@link PolicyExtension} without a scenario or an actor: one gate, as a call path
 * would get it, a clock that moves only when told, and a script of calls and their outcomes.
 *
 * <pre>{@code
 * PolicyDriver driver = PolicyDriver.of(new MyLimit(), Map.of("max", 2));
 * driver.calls(5, CallOutcome.TIMEOUT, Duration.ofMillis(120));
 * assertThat(driver.call(CallOutcome.SUCCESS, Duration.ofMillis(10))).isEqualTo(Gate.Verdict.REJECT);
 * assertThat(driver.events()).extracting(PolicyEvent::kind).contains("rejected");
 * }</pre>
 *
 * <p>Calls are made one after another; for attempts in flight together use {@link #admit()} and
 * {@link #ended} directly.
 */
public final class PolicyDriver {

  private final Gate gate;
  private final List<PolicyEvent> events;
  private long nowNanos;

  private PolicyDriver(Gate gate, List<PolicyEvent> events) {
    this.gate = gate;
    this.events = events;
  }

  /** The policy's gate with {@code settings} (its {@code policy.<name>} keys), checked first as a scenario's would be. */
  public static PolicyDriver of(PolicyExtension policy, Map<String, ?> settings) {
    return of(policy, settings, 1);
  }

  /** @param seed of the gate's random stream */
  public static PolicyDriver of(PolicyExtension policy, Map<String, ?> settings, long seed) {
    Map<String, String> values = new LinkedHashMap<>();
    settings.forEach((key, value) -> values.put(key, value instanceof Duration d ? Simulation.hocon(d) : String.valueOf(value)));
    ExtensionSettings checked = new ExtensionSettings(values);
    try {
      policy.check(checked);
    } catch (ExtensionSettings.Problem problem) {
      // Named as a scenario's load names it.
      throw new ExtensionSettings.Problem(problem.key(), "policy." + policy.name() + "." + problem.key() + ": " + problem.getMessage());
    }
    List<PolicyEvent> events = new ArrayList<>();
    return new PolicyDriver(policy.gate(checked, events::add, new SplittableRandom(seed)), events);
  }

  /** The driver's clock, from 0. */
  public Duration now() {
    return Duration.ofNanos(nowNanos);
  }

  public PolicyDriver advance(Duration by) {
    nowNanos += by.toNanos();
    return this;
  }

  /** Asks the gate about a first attempt now. */
  public Gate.Admission admit() {
    return gate.admit(nowNanos, 1, true);
  }

  /** Tells the gate an attempt it admitted ended now, after {@code took}. */
  public PolicyDriver ended(CallOutcome outcome, Duration took) {
    gate.onAttemptEnded(nowNanos, outcome, took.toNanos());
    return this;
  }

  /**
   * One call: admitted now (after the wait the gate asks for, if any), then {@code took} passes and
   * it ends in {@code outcome}. A rejected call only counts as asked. A call told to wait for a
   * permit (a bulkhead's) is not made: nothing here would hand the permit over.
   */
  public Gate.Verdict call(CallOutcome outcome, Duration took) {
    Gate.Admission admission = admit();
    if (admission.verdict() == Gate.Verdict.WAIT_FOR_TIME) {
      nowNanos += admission.waitNanos();
    }
    if (admission.verdict() == Gate.Verdict.PASS || admission.verdict() == Gate.Verdict.WAIT_FOR_TIME) {
      nowNanos += took.toNanos();
      gate.onAttemptEnded(nowNanos, outcome, took.toNanos());
    }
    return admission.verdict();
  }

  /** {@code count} calls in a row, each ending in {@code outcome} after {@code took}; their verdicts in order. */
  public List<Gate.Verdict> calls(int count, CallOutcome outcome, Duration took) {
    List<Gate.Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      verdicts.add(call(outcome, took));
    }
    return verdicts;
  }

  /** What the gate reported, in order. */
  public List<PolicyEvent> events() {
    return List.copyOf(events);
  }
}
