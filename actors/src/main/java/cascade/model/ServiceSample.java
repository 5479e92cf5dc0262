package cascade.model;

/**
 * One attempt's fate, decided when it arrives at the service.
 *
 * @param latencyMillis how long the service takes before it answers
 * @param fails         whether the answer is a failure
 */
public record ServiceSample(double latencyMillis, boolean fails) {

  public long latencyNanos() {
    return Math.round(latencyMillis * 1_000_000.0);
  }
}
