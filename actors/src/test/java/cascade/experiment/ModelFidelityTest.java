package cascade.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.bus.ConsumerSettings;
import cascade.callpath.PolicySettings;
import cascade.load.ArrivalSchedule;
import cascade.load.Poisson;
import cascade.metrics.ArchitectureResult;
import cascade.model.FailureModel;
import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.policy.Retry;
import cascade.rpc.CallerSettings;
import cascade.service.ServicePlan;
import cascade.virtualtime.VirtualExperiment;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * In virtual time the lab measures its model and nothing else: no scheduler ticks, no machine
 * pauses, no thread hand-offs. So what it measures can be held against arithmetic and queueing
 * theory, to the sampling error.
 */
class ModelFidelityTest {

  private static final Retry NO_RETRIES = new Retry(0, Backoff.tutorialDefaults(), Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));

  /** A service that never fails and never overloads: {@code base + U(0,1) * jitter} per attempt. */
  private static FailureModel unloaded(long baseMillis, long jitterMillis) {
    return new FailureModel(1_000_000, Duration.ofMillis(baseMillis), Duration.ofMillis(jitterMillis), 0, Duration.ZERO, 0, 0);
  }

  @Test
  void anUnloadedServiceTakesExactlyTheModelsMeanServiceTime() {
    // The tutorial's service time, 8 ms + U(0,1) * 6 ms: a mean of 11.0 ms, a standard deviation of
    // 6 / sqrt(12) = 1.73 ms, so the mean of 4000 draws lies within 0.08 ms of it (three sigma).
    ConsumerSettings consumers = new ConsumerSettings(Duration.ofSeconds(1), NO_RETRIES, true, List.of());
    ExperimentPlan plan =
        new ExperimentPlan(
            "EventDriven",
            new ExperimentPlan.EventDriven(10_000, 16, consumers, 100),
            ArrivalSchedule.bursts(4000, 100, Duration.ofMillis(200)),
            ServicePlan.of(unloaded(8, 6)),
            7);

    ArchitectureResult result = VirtualExperiment.run(plan);

    assertThat(result.attempts().ok()).isEqualTo(4000);
    // The tutorial's latency of the event path: from dequeue to the end of the try, the service time.
    assertThat(result.latency().latMeanMs()).isCloseTo(11.0, within(0.08));
    assertThat(result.latency().latP50Ms()).isCloseTo(11.0, within(0.25));
  }

  @Test
  void aSingleServerWithPoissonArrivalsWaitsAsPollaczekKhinchineSays() {
    // M/G/1: Poisson arrivals, one request served at a time (a bulkhead of one permit, its queue
    // unbounded), service times U(5, 15) ms. At utilisation rho = 0.8 the mean time in the system
    // is E[S] + lambda * E[S^2] / (2 * (1 - rho)).
    double meanService = 0.010;
    double secondMoment = (0.005 * 0.005 + 0.005 * 0.015 + 0.015 * 0.015) / 3;
    double rho = 0.8;
    double lambda = rho / meanService;
    double expectedMs = (meanService + lambda * secondMoment / (2 * (1 - rho))) * 1000;

    CallerSettings caller =
        new CallerSettings(Duration.ofSeconds(60), null, NO_RETRIES, null, true, List.of(new PolicySettings.Bulkhead(1, 1_000_000, null)), null);
    ExperimentPlan plan =
        new ExperimentPlan("RPC", new ExperimentPlan.Rpc(caller), new Poisson(200_000, lambda, 7), ServicePlan.of(unloaded(5, 10)), 7);

    ArchitectureResult result = VirtualExperiment.run(plan);

    assertThat(result.attempts().ok()).isEqualTo(200_000);
    // The tutorial's RPC latency runs from the request's start, the bulkhead's queue included.
    assertThat(result.latency().latMeanMs()).isCloseTo(expectedMs, within(expectedMs * 0.03));
  }
}
