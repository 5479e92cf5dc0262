package cascade.topology;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.bus.ConsumerSettings;
import cascade.experiment.Experiment;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.TopologyPlan;
import cascade.load.ArrivalSchedule;
import cascade.metrics.ArchitectureResult;
import cascade.metrics.Outcome;
import cascade.metrics.TierResult;
import cascade.model.FailureModel;
import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.policy.Retry;
import cascade.rpc.CallerSettings;
import cascade.service.ServicePlan;
import cascade.experiment.TopologyPlan.Call;
import cascade.experiment.TopologyPlan.EdgePlan;
import cascade.experiment.TopologyPlan.TierPlan;
import cascade.experiment.TopologyPlan.WaitFor;
import cascade.virtualtime.VirtualExperiment;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Small topologies run in real time. Counts do not depend on timing here: services are far below
 * capacity, answers take a millisecond and timeouts are seconds, so no attempt ever times out and
 * the only thing that decides an outcome is each service's failure probability, 0 or 1.
 */
class TopologyTest {

  private static final int REQUESTS = 10;

  @Test
  void aChainWhoseLastTierAlwaysFailsReachesTheAnalyticBoundAtEveryTier() {
    // load -> a -> b -> c, three retries on every hop: (3 + 1)^depth attempts per request.
    TopologyPlan chain =
        new TopologyPlan(
            "a",
            List.of(
                new TierPlan("a", service(0), List.of(rpc(List.of("b"), WaitFor.ALL, 0, 3))),
                new TierPlan("b", service(0), List.of(rpc(List.of("c"), WaitFor.ALL, 0, 3))),
                new TierPlan("c", service(1), List.of())));

    ArchitectureResult result = run(chain, 3);

    assertThat(result.outcomes().counts().get(Outcome.FAILED)).isEqualTo(REQUESTS);
    assertThat(result.outcomes().lost()).isZero();
    assertThat(result.attempts().total()).isEqualTo(4 * REQUESTS);
    assertThat(result.tiers()).extracting(TierResult::name).containsExactly("a", "b", "c");
    assertThat(result.tiers()).extracting(TierResult::amplification).containsExactly(4.0, 16.0, 64.0);
    assertThat(result.tiers()).extracting(TierResult::failed).containsExactly(4L * REQUESTS, 16L * REQUESTS, 64L * REQUESTS);
    TierResult.Calls aToB = result.tiers().get(0).calls().get(0);
    assertThat(aToB.attempts()).isEqualTo(16 * REQUESTS);
    assertThat(aToB.retries()).isEqualTo(12 * REQUESTS);
    assertThat(result.tiers().get(1).calls().get(0).attempts()).isEqualTo(64 * REQUESTS);
  }

  @Test
  void aHealthyChainCallsEachTierOncePerRequest() {
    TopologyPlan chain =
        new TopologyPlan(
            "a",
            List.of(
                new TierPlan("a", service(0), List.of(rpc(List.of("b"), WaitFor.ALL, 0, 3))),
                new TierPlan("b", service(0), List.of())));

    ArchitectureResult result = run(chain, 3);

    assertThat(result.outcomes().counts().get(Outcome.SUCCEEDED)).isEqualTo(REQUESTS);
    assertThat(result.tiers()).extracting(TierResult::amplification).containsExactly(1.0, 1.0);
    assertThat(result.tiers().get(0).serviceP50Ms()).isNotNull();
  }

  /** front calls ok (always succeeds), bad1 and bad2 (always fail), without retries. */
  private static ArchitectureResult fanOut(WaitFor waitFor, int quorum) {
    TopologyPlan plan =
        new TopologyPlan(
            "front",
            List.of(
                new TierPlan("front", service(0), List.of(rpc(List.of("ok", "bad1", "bad2"), waitFor, quorum, 0))),
                new TierPlan("ok", service(0), List.of()),
                new TierPlan("bad1", service(1), List.of()),
                new TierPlan("bad2", service(1), List.of())));
    return run(plan, 0);
  }

  @Test
  void fanOutToAllFailsWhenOneTargetFails() {
    ArchitectureResult result = fanOut(WaitFor.ALL, 0);

    assertThat(result.outcomes().counts().get(Outcome.FAILED)).isEqualTo(REQUESTS);
  }

  @Test
  void fanOutToAnySucceedsWhenOneTargetSucceeds() {
    ArchitectureResult result = fanOut(WaitFor.ANY, 0);

    assertThat(result.outcomes().counts().get(Outcome.SUCCEEDED)).isEqualTo(REQUESTS);
    // Every target is still called once per request: the others are not cancelled.
    assertThat(result.tiers()).extracting(TierResult::received).containsExactly(10L, 10L, 10L, 10L);
  }

  @Test
  void fanOutToAQuorumNeedsThatManySuccesses() {
    assertThat(fanOut(WaitFor.QUORUM, 1).outcomes().counts().get(Outcome.SUCCEEDED)).isEqualTo(REQUESTS);
    assertThat(fanOut(WaitFor.QUORUM, 2).outcomes().counts().get(Outcome.FAILED)).isEqualTo(REQUESTS);
  }

  @Test
  void anEventEdgeDoesNotWaitForItsTarget() {
    TopologyPlan plan =
        new TopologyPlan(
            "front",
            List.of(
                new TierPlan("front", service(0), List.of(new EdgePlan(List.of("audit"), Call.EVENT, WaitFor.ALL, 0, null, events()))),
                new TierPlan("audit", service(1), List.of())));

    ArchitectureResult result = run(plan, 0);

    assertThat(result.outcomes().counts().get(Outcome.SUCCEEDED)).isEqualTo(REQUESTS);
    TierResult.Calls toAudit = result.tiers().get(0).calls().get(0);
    assertThat(toAudit.call()).isEqualTo("event");
  }

  @Test
  void twoTiersCallingOneSharedTierAddUpThere() {
    TopologyPlan plan =
        new TopologyPlan(
            "front",
            List.of(
                new TierPlan("front", service(0), List.of(rpc(List.of("left", "right"), WaitFor.ALL, 0, 0))),
                new TierPlan("left", service(0), List.of(rpc(List.of("shared"), WaitFor.ALL, 0, 0))),
                new TierPlan("right", service(0), List.of(rpc(List.of("shared"), WaitFor.ALL, 0, 0))),
                new TierPlan("shared", service(0), List.of())));

    ArchitectureResult result = run(plan, 0);

    assertThat(result.outcomes().counts().get(Outcome.SUCCEEDED)).isEqualTo(REQUESTS);
    assertThat(result.tiers().get(3).name()).isEqualTo("shared");
    assertThat(result.tiers().get(3).amplification()).isEqualTo(2.0);
  }

  private static ExperimentPlan.EventDriven events() {
    ConsumerSettings consumer = new ConsumerSettings(Duration.ofSeconds(5), retry(0), true, List.of());
    return new ExperimentPlan.EventDriven(100, 2, consumer, 10);
  }

  /** Fast, never overloaded, failing with probability {@code failure}. */
  private static ServicePlan service(double failure) {
    return ServicePlan.of(new FailureModel(100_000, Duration.ofMillis(1), Duration.ZERO, failure, Duration.ZERO, 0, 1));
  }

  private static EdgePlan rpc(List<String> to, WaitFor waitFor, int quorum, int retries) {
    return new EdgePlan(to, Call.RPC, waitFor, quorum, caller(retries), null);
  }

  private static CallerSettings caller(int retries) {
    return new CallerSettings(Duration.ofSeconds(5), null, retry(retries), null, true, List.of(), null);
  }

  private static Retry retry(int retries) {
    Backoff backoff = new Backoff(Backoff.Kind.CONSTANT, Backoff.Jitter.NONE, Duration.ofMillis(1), 1, Duration.ofMillis(1));
    return new Retry(retries, backoff, Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));
  }

  private static ArchitectureResult run(TopologyPlan topology, int entryRetries) {
    ExperimentPlan.Topology architecture = new ExperimentPlan.Topology(caller(entryRetries), topology);
    ExperimentPlan plan =
        new ExperimentPlan("Topology", architecture, ArrivalSchedule.tutorial(REQUESTS), ServicePlan.of(FailureModel.tutorialDefaults()), 7);
    return VirtualExperiment.run(plan);
  }
}
