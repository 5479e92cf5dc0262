package cascade.service;

import cascade.extension.ExtensionRef;
import cascade.model.FailureModel;

/**
 * Everything about the downstream service of one run.
 *
 * @param model           how long attempts take and how often they fail
 * @param shedding        how much work it accepts
 * @param faults          what goes wrong on purpose
 * @param supervision     what happens to an instance that crashes
 * @param replicas        instances behind the service's address
 * @param routing         how attempts are spread over the instances
 * @param mailboxCapacity messages an instance's mailbox holds (0: unbounded); beyond, they go to
 *                        Akka's dead letters
 * @param customModel     a service actor of the user's own ({@link cascade.service.ServiceExtension})
 *                        instead of the seed's model, or null
 * @param customRouter    a routing rule of the user's own ({@link cascade.service.RouterExtension})
 *                        instead of {@code routing}, or null
 * @param schedule        timed faults (latency, errors, capacity, crashes, hangs, stalls)
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
    FaultSchedule schedule) {

  public ServicePlan {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1, but was " + replicas);
    }
    if (mailboxCapacity < 0) {
      throw new IllegalArgumentException("mailboxCapacity must be at least 0, but was " + mailboxCapacity);
    }
  }

  /** A service of the seed's model with the built-in routing rules and no fault schedule. */
  public ServicePlan(
      FailureModel model, LoadShedding shedding, Faults faults, Supervision supervision, int replicas, Routing routing, int mailboxCapacity) {
    this(model, shedding, faults, supervision, replicas, routing, mailboxCapacity, FaultSchedule.NONE);
  }

  /** A service of the seed's model with the built-in routing rules. */
  public ServicePlan(
      FailureModel model,
      LoadShedding shedding,
      Faults faults,
      Supervision supervision,
      int replicas,
      Routing routing,
      int mailboxCapacity,
      FaultSchedule schedule) {
    this(model, shedding, faults, supervision, replicas, routing, mailboxCapacity, null, null, schedule);
  }

  /** The same service with {@code count} instances (one node's share of them, say). */
  public ServicePlan withReplicas(int count) {
    return new ServicePlan(model, shedding, faults, supervision, count, routing, mailboxCapacity, customModel, customRouter, schedule);
  }

  /** The seed's service: one instance that accepts everything and never crashes. */
  public static ServicePlan of(FailureModel model) {
    return new ServicePlan(model, LoadShedding.NONE, Faults.NONE, Supervision.RESTART, 1, Routing.ROUND_ROBIN, 0, FaultSchedule.NONE);
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
