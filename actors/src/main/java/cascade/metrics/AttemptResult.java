package cascade.metrics;

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

  /** The result an answer from the service stands for. */
  public static AttemptResult of(DownstreamService.Reply reply) {
    if (reply instanceof DownstreamService.Succeeded) {
      return SUCCEEDED;
    }
    return reply instanceof DownstreamService.Rejected ? SHED : FAILED;
  }
}
