package cascade.service;

/**
 * Names one attempt: the request it belongs to and its number (1 for the first try). Unique
 * across every caller of a service, because request ids are unique within a run.
 */
public record AttemptId(long requestId, int attempt) {

  @Override
  public String toString() {
    return requestId + "#" + attempt;
  }
}
