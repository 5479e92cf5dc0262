package cascade.service;

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
    FaultSchedule schedule) {

  public ServicePlan {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1, but was " + replicas);
    }
    if (mailboxCapacity < 0) {
      throw new IllegalArgumentException("mailboxCapacity must be at least 0, but was " + mailboxCapacity);
    }
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
    return replicas > 1 || supervision.strategy() == Supervision.Strategy.ESCALATE;
  }
}
