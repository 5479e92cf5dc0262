package cascade.service;

import cascade.extension.ExtensionRef;
import cascade.model.FailureModel;
import cascade.runtime.InvalidSetting;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about the downstream service of one run: the scenario's {@code service} section as
 * the actors use it, each field named as its key.
 *
 * @param model           how long attempts take and how often they fail
 * @param shedding        how much work it accepts ({@code load-shedding})
 * @param faults          what goes wrong on purpose, request by request
 * @param supervision     what happens to an instance that crashes
 * @param replicas        instances behind the service's address
 * @param routing         how attempts are spread over the instances
 * @param mailboxCapacity messages an instance's mailbox holds (0: unbounded); beyond, they go to
 *                        Akka's dead letters
 * @param customModel     a service actor of the user's own ({@link cascade.service.ServiceExtension})
 *                        instead of the tutorial's model, or null
 * @param customRouter    a routing rule of the user's own ({@link cascade.service.RouterExtension})
 *                        instead of {@code routing}, or null
 * @param ownSchedule     the service's own crashes and hangs at given times ({@code
 *                        service.faults.crash-at} and {@code hang-at}), hitting every instance
 * @param schedule        the scenario's timed faults aimed at this service ({@code
 *                        faults.schedule}): latency, errors, capacity, crashes, hangs, stalls.
 *                        Only these mark the {@link #trigger()} a run's recovery is measured from.
 */
public record ServicePlan(
    FailureModel model,
    LoadShedding shedding,
    Faults faults,
    Supervision supervision,
    int replicas,
    Routing routing,
    int mailboxCapacity,
    ExtensionRef customModel,
    ExtensionRef customRouter,
    FaultSchedule ownSchedule,
    FaultSchedule schedule) {

  public ServicePlan {
    if (replicas < 1) {
      throw new InvalidSetting("replicas", "must be at least 1, but was " + replicas);
    }
    if (mailboxCapacity < 0) {
      throw new InvalidSetting("mailboxCapacity", "must be at least 0, but was " + mailboxCapacity);
    }
  }

  /** The tutorial's service: one instance that accepts everything and never crashes. */
  public static ServicePlan of(FailureModel model) {
    return new ServicePlan(
        model, LoadShedding.NONE, Faults.NONE, Supervision.RESTART, 1, Routing.ROUND_ROBIN, 0, null, null, FaultSchedule.NONE, FaultSchedule.NONE);
  }

  /** The same service with {@code count} instances (one node's share of them, say). */
  public ServicePlan withReplicas(int count) {
    return new ServicePlan(model, shedding, faults, supervision, count, routing, mailboxCapacity, customModel, customRouter, ownSchedule, schedule);
  }

  public ServicePlan withRouting(Routing rule) {
    return new ServicePlan(model, shedding, faults, supervision, replicas, rule, mailboxCapacity, customModel, customRouter, ownSchedule, schedule);
  }

  public ServicePlan withShedding(LoadShedding rules) {
    return new ServicePlan(model, rules, faults, supervision, replicas, routing, mailboxCapacity, customModel, customRouter, ownSchedule, schedule);
  }

  public ServicePlan withFaults(Faults what) {
    return new ServicePlan(model, shedding, what, supervision, replicas, routing, mailboxCapacity, customModel, customRouter, ownSchedule, schedule);
  }

  public ServicePlan withSupervision(Supervision strategy) {
    return new ServicePlan(model, shedding, faults, strategy, replicas, routing, mailboxCapacity, customModel, customRouter, ownSchedule, schedule);
  }

  public ServicePlan withOwnSchedule(FaultSchedule own) {
    return new ServicePlan(model, shedding, faults, supervision, replicas, routing, mailboxCapacity, customModel, customRouter, own, schedule);
  }

  /** The same service meeting the scenario's timed faults for it (its target's entries). */
  public ServicePlan withSchedule(FaultSchedule scenarios) {
    return new ServicePlan(model, shedding, faults, supervision, replicas, routing, mailboxCapacity, customModel, customRouter, ownSchedule, scenarios);
  }

  /** Every timed fault the instances arm: the service's own first, then the scenario's. */
  public FaultSchedule timedFaults() {
    if (ownSchedule.entries().isEmpty()) {
      return schedule;
    }
    List<FaultSchedule.Entry> all = new ArrayList<>(ownSchedule.entries());
    all.addAll(schedule.entries());
    return new FaultSchedule(all);
  }

  /**
   * When something goes wrong on purpose, from the start of the run: the fault schedule's span,
   * or else the {@code from}/{@code until} of faults that end; null when nothing has a trigger
   * that ends.
   */
  public FaultSchedule.Window trigger() {
    FaultSchedule.Window scheduled = schedule.trigger();
    if (scheduled != null) {
      return scheduled;
    }
    return faults.until() == null
        ? null
        : new FaultSchedule.Window(faults.from().toNanos(), faults.until().toNanos());
  }

  /** Whether attempts go through a {@link ServiceGroup} rather than straight to one instance. */
  public boolean needsGroup() {
    return replicas > 1 || supervision.strategy() == Supervision.Strategy.ESCALATE || customRouter != null;
  }
}
