package cascade.scenario;

import cascade.extension.ExtensionRef;
import cascade.model.FailureModel;
import cascade.service.FaultSchedule;
import cascade.service.Faults;
import cascade.service.LoadShedding;
import cascade.service.RouterExtension;
import cascade.service.Routing;
import cascade.service.ServiceExtension;
import cascade.service.ServicePlan;
import cascade.service.Supervision;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the {@code service} section (the scenario's, or a topology tier's) straight into the
 * settings the service's actors run, {@link ServicePlan}. It parses each key's type (and a
 * duration's sign and ceiling, with the text as written); every other rule, of one key or between
 * keys, lives in the settings' constructors, which name the key they refuse. What other
 * sections decide (the request classes' priorities, the scenario's fault schedule) is attached
 * when a run is composed.
 */
final class ServiceReader {

  private ServiceReader() {}

  static ServicePlan read(Values v) {
    FailureModel model = model(v);
    String s = "service.";
    LoadShedding shedding =
        v.build(s + "load-shedding", () -> new LoadShedding(
            v.integer(s + "load-shedding.max-concurrent"),
            v.integer(s + "load-shedding.queue-capacity"),
            v.bool(s + "load-shedding.shed-unmeetable-deadlines")));
    int replicas = v.integer(s + "replicas");
    Routing routing = builtInRouting(v);
    int mailboxCapacity = v.integer(s + "mailbox-capacity");
    Faults faults = faults(v);
    FaultSchedule own = ownSchedule(v, replicas);
    Supervision supervision = supervision(v);
    ExtensionRef customModel = customModel(v);
    ExtensionRef customRouter = customRouter(v);
    return v.build("service", () ->
        new ServicePlan(model, shedding, faults, supervision, replicas, routing, mailboxCapacity, customModel, customRouter, own, FaultSchedule.NONE));
  }

  private static FailureModel model(Values v) {
    return v.build("service", () -> new FailureModel(
        v.number("service.capacity"),
        v.duration("service.base-latency", true),
        v.duration("service.jitter", true),
        v.number("service.failure-probability"),
        v.duration("service.overload-latency", true),
        v.number("service.overload-failure-probability"),
        v.number("service.max-failure-probability")));
  }

  private static Faults faults(Values v) {
    String f = "service.faults.";
    return v.build("service.faults", () -> new Faults(
        v.number(f + "crash-probability"),
        v.integer(f + "crash-after"),
        v.duration(f + "warm-up", true),
        v.number(f + "cold-latency-factor"),
        v.duration(f + "from", true),
        v.durationOrOff(f + "until")));
  }

  /** {@code crash-at} and {@code hang-at}: entries of the service's own schedule, hitting all its instances. */
  private static FaultSchedule ownSchedule(Values v, int replicas) {
    String f = "service.faults.";
    return FaultSchedule.ownFaults(
        FaultSchedule.DEFAULT_TARGET, replicas, v.durations(f + "crash-at"), v.durations(f + "hang-at"), v.duration(f + "hang-for", false));
  }

  private static Supervision supervision(Values v) {
    String s = "service.supervision.";
    return v.build("service.supervision", () -> new Supervision(
        v.choice(s + "strategy", Supervision.Strategy.values(), st -> st.key),
        v.integer(s + "max-restarts"),
        v.duration(s + "within", false),
        v.duration(s + "min-backoff", false),
        v.duration(s + "max-backoff", false),
        v.number(s + "random-factor")));
  }

  /** {@code service.model}: the tutorial's, or a service extension's actor with its keys. */
  private static ExtensionRef customModel(Values v) {
    String name = v.string("service.model");
    if (name.equals("tutorial")) {
      return null;
    }
    return ExtensionResolver.resolve(v, "service.model", name, false, ServiceExtension.class, List.of("tutorial"), "service.model-settings").ref();
  }

  /** {@code service.routing} when it names a built-in rule; round-robin (unused) for an extension's. */
  private static Routing builtInRouting(Values v) {
    String name = v.string("service.routing");
    return Arrays.stream(Routing.values()).filter(r -> r.key.equals(name)).findFirst().orElse(Routing.ROUND_ROBIN);
  }

  /** {@code service.routing} when it names a router extension, with its keys; else null. */
  private static ExtensionRef customRouter(Values v) {
    String name = v.string("service.routing");
    List<String> builtIn = Arrays.stream(Routing.values()).map(r -> r.key).toList();
    if (builtIn.contains(name)) {
      return null;
    }
    return ExtensionResolver.resolve(v, "service.routing", name, false, RouterExtension.class, builtIn, "service.routing-settings").ref();
  }
}
