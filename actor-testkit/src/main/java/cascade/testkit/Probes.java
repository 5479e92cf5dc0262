package cascade.testkit;

import akka.actor.testkit.typed.javadsl.ActorTestKit;

/** Makes {@link Probe}s in a kit; a test method can ask for one as a parameter. */
public final class Probes {

  private final ActorTestKit kit;

  Probes(ActorTestKit kit) {
    this.kit = kit;
  }

  /** A probe for messages of {@code type}, named after it. */
  public <T> Probe<T> of(Class<T> type) {
    return new Probe<>(kit.createTestProbe(type), type.getSimpleName(), type, defaultTimeout(kit));
  }

  /** A probe named {@code name} (several probes of one type are told apart by name in failures). */
  public <T> Probe<T> of(String name, Class<T> type) {
    return new Probe<>(kit.createTestProbe(name, type), name, type, defaultTimeout(kit));
  }

  static java.time.Duration defaultTimeout(ActorTestKit kit) {
    // Already dilated by akka.test.timefactor.
    return java.time.Duration.ofMillis(kit.testKitSettings().SingleExpectDefaultTimeout().toMillis());
  }
}
