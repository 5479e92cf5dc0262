package cascade.metrics;

import cascade.policy.CallOutcome;
import cascade.service.DownstreamService;

/** How one attempt (one call to a downstream service) ended. */
public enum AttemptResult {
  SUCCEEDED,
  /** The service answered with a failure. */
  FAILED,
  /** No answer within the caller's timeout. */
  TIMED_OUT,
  /** The service refused it without serving it (load shedding). */
  SHED;

  /** How the resilience policies see this result. */
  public CallOutcome toCallOutcome() {
    return switch (this) {
      case SUCCEEDED -> CallOutcome.SUCCESS;
      case FAILED -> CallOutcome.ERROR;
      case TIMED_OUT -> CallOutcome.TIMEOUT;
      case SHED -> CallOutcome.REJECTION;
    };
  }

  /** The result an answer from the service stands for. */
  public static AttemptResult of(DownstreamService.Reply reply) {
    if (reply instanceof DownstreamService.Succeeded) {
      return SUCCEEDED;
    }
    return reply instanceof DownstreamService.Rejected ? SHED : FAILED;
  }
}
