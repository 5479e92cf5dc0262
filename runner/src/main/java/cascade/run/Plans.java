package cascade.run;

import cascade.bus.ConsumerSettings;
import cascade.experiment.ExperimentPlan;
import cascade.load.ArrivalSchedule;
import cascade.model.FailureModel;
import cascade.policy.ExponentialBackoff;
import cascade.rpc.CallerSettings;
import cascade.scenario.Scenario;
import java.time.Duration;
import java.util.List;

/** Turns a validated scenario into the plans the actors run, one per architecture. */
public final class Plans {

  private Plans() {}

  public static List<ExperimentPlan> of(Scenario scenario) {
    ArrivalSchedule arrivals = arrivals(scenario.traffic());
    FailureModel service = service(scenario.service());
    ExponentialBackoff backoff = new ExponentialBackoff(scenario.backoff().base(), scenario.backoff().cap());
    return scenario.architectures().stream()
        .map(architecture -> new ExperimentPlan(architecture(scenario, architecture, backoff), arrivals, service, scenario.seed()))
        .toList();
  }

  static ArrivalSchedule arrivals(Scenario.Traffic traffic) {
    return switch (traffic.arrivals()) {
      case SEED_COMPATIBLE -> ArrivalSchedule.seedCompatible(traffic.total());
      case BURSTS -> ArrivalSchedule.bursts(traffic.total(), traffic.burst(), traffic.gap());
    };
  }

  static FailureModel service(Scenario.Service s) {
    return new FailureModel(
        s.capacity(),
        millis(s.baseLatency()),
        millis(s.jitter()),
        s.failureProbability(),
        millis(s.overloadLatency()),
        s.overloadFailureProbability(),
        s.maxFailureProbability());
  }

  private static ExperimentPlan.Architecture architecture(
      Scenario scenario, Scenario.Architecture architecture, ExponentialBackoff backoff) {
    return switch (architecture) {
      case RPC -> new ExperimentPlan.Rpc(caller(scenario.rpc(), backoff));
      case EVENT_DRIVEN -> {
        Scenario.EventDriven e = scenario.eventDriven();
        ConsumerSettings consumer = new ConsumerSettings(e.timeout(), e.maxRetries(), e.cancelOnTimeout(), backoff);
        yield new ExperimentPlan.EventDriven(e.busCapacity(), e.consumers(), consumer, e.deadLettersKept());
      }
    };
  }

  private static CallerSettings caller(Scenario.Rpc rpc, ExponentialBackoff backoff) {
    Scenario.Breaker b = rpc.breaker();
    CallerSettings.BreakerSettings breaker =
        b.enabled()
            ? new CallerSettings.BreakerSettings(
                b.window(),
                b.failureThreshold(),
                b.openFor(),
                b.consulted() == Scenario.BreakerConsulted.PER_REQUEST
                    ? CallerSettings.BreakerSettings.Consulted.PER_REQUEST
                    : CallerSettings.BreakerSettings.Consulted.PER_ATTEMPT)
            : null;
    return new CallerSettings(
        rpc.timeout(),
        rpc.maxRetries(),
        rpc.cancelOnTimeout(),
        backoff,
        breaker,
        rpc.bulkhead().maxConcurrent(),
        rpc.bulkhead().maxWaiting());
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
