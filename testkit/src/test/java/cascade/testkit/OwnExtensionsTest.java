package cascade.testkit;

import static cascade.testkit.CascadeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import cascade.callpath.Gate;
import cascade.example.AimdLimitPolicy;
import cascade.extension.ExtensionSettings;
import cascade.extension.Extensions;
import cascade.callpath.PolicyExtension;
import cascade.service.ServiceExtension;
import cascade.metrics.Outcome;
import cascade.policy.CallOutcome;
import cascade.policy.PolicyEvent;
import cascade.policy.PolicyEvents;
import cascade.scenario.ScenarioException;
import cascade.service.DownstreamService;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A user's own extensions, driven without a scenario file and without META-INF/services. */
class OwnExtensionsTest {

  /** Lets through the first {@code allow} attempts of each call path, then refuses every one. */
  static final class FirstOnly implements PolicyExtension {
    @Override
    public String name() {
      return "first-only";
    }

    @Override
    public String description() {
      return "lets the first attempts through, then none";
    }

    @Override
    public void check(ExtensionSettings settings) {
      settings.integer("allow", 10, 0, 1_000_000);
    }

    @Override
    public Gate gate(ExtensionSettings settings, PolicyEvents events, RandomGenerator random) {
      int allow = settings.integer("allow", 10, 0, 1_000_000);
      return new Gate() {
        private int admitted;

        @Override
        public Admission admit(long nowNanos, int attempt, boolean mayWait) {
          if (admitted < allow) {
            admitted++;
            return Admission.PASS;
          }
          events.publish(new PolicyEvent("first-only", "rejected", nowNanos));
          return Admission.reject("first-only");
        }
      };
    }
  }

  /** A service that fails every attempt at once. */
  static final class Broken implements ServiceExtension {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String description() {
      return "fails every attempt";
    }

    @Override
    public Behavior<DownstreamService.Command> instance(ExtensionSettings settings, RandomGenerator random) {
      return Behaviors.receive(DownstreamService.Command.class)
          .onMessage(DownstreamService.Handle.class, handle -> {
            handle.replyTo().tell(new DownstreamService.Failed(handle.attemptId()));
            return Behaviors.same();
          })
          .onAnyMessage(other -> Behaviors.same())
          .build();
    }
  }

  @Test
  void aPolicyOfYourOwnRunsInAScenarioWithoutAServiceFile() {
    assertThat(Extensions.find(cascade.callpath.PolicyExtension.class, "first-only")).as("not on the class path").isEmpty();

    SimulationResult result =
        Simulation.scenario("first-only")
            .architectures("rpc")
            .requests(200)
            .set("traffic.arrivals", "constant")
            .set("rpc.retry.max-retries", 0)
            .policy(new FirstOnly(), Map.of("allow", 50))
            .run();

    assertThat(result)
        .lostNothing()
        .architecture("RPC")
        .hasOutcomeShareAtLeast(Outcome.REJECTED, 0.75)
        .hasPolicyEvent("first-only: rejected");
    assertThat(result.architecture("RPC").attempts().total()).isEqualTo(50);
    assertThat(result.architecture("RPC").attempts().policyEvents()).containsEntry("first-only: rejected", 150L);
    assertThat(Extensions.find(cascade.callpath.PolicyExtension.class, "first-only")).as("returned after the run").isEmpty();
  }

  @Test
  void aServiceOfYourOwnIsTheDownstreamService() {
    SimulationResult result =
        Simulation.scenario("broken")
            .architectures("rpc")
            .requests(100)
            .set("traffic.arrivals", "constant")
            .set("rpc.policies", java.util.List.of())
            .service(new Broken(), Map.of())
            .run();

    assertThat(result)
        .architecture("RPC")
        .lostNothing()
        .hasOutcomeShareAtLeast(Outcome.FAILED, 1.0)
        // The reference's three retries, then it gives up: four attempts per request.
        .hasAmplificationAtLeast(4.0)
        .hasAmplificationAtMost(4.0);
  }

  @Test
  void aBadSettingOfYourPolicyIsReportedAtLoadWithItsKey() {
    assertThatThrownBy(() -> Simulation.scenario("bad").policy(new FirstOnly(), Map.of("allow", -1)).load())
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("policy.first-only.allow");
  }

  @Test
  void aDriverScriptsOutcomesAgainstAPolicysGate() {
    PolicyDriver driver = PolicyDriver.of(new AimdLimitPolicy(), Map.of("initial-limit", 2, "min-limit", 1, "max-limit", 5));

    // Two attempts in flight fill a limit of 2; a third is refused and reported.
    assertThat(driver.admit().verdict()).isEqualTo(Gate.Verdict.PASS);
    assertThat(driver.admit().verdict()).isEqualTo(Gate.Verdict.PASS);
    assertThat(driver.admit().verdict()).isEqualTo(Gate.Verdict.REJECT);
    assertThat(driver.events()).extracting(PolicyEvent::kind).containsExactly("rejected");

    // A timeout halves the limit to 1; the other attempt ends well; then calls one at a time pass.
    driver.advance(Duration.ofMillis(120)).ended(CallOutcome.TIMEOUT, Duration.ofMillis(120)).ended(CallOutcome.SUCCESS, Duration.ofMillis(10));
    assertThat(driver.calls(3, CallOutcome.SUCCESS, Duration.ofMillis(10))).containsOnly(Gate.Verdict.PASS);
    assertThat(driver.now()).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void aDriverChecksThePolicysSettingsFirst() {
    assertThatThrownBy(() -> PolicyDriver.of(new AimdLimitPolicy(), Map.of("backoff", 2)))
        .isInstanceOf(ExtensionSettings.Problem.class)
        .hasMessage("policy.aimd-limit.backoff: must be between 0.01 and 0.99, but was 2");
  }
}
