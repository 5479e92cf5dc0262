package cascade.policy;

/**
 * Where a policy reports its {@link PolicyEvent}s. The owning actor passes one that forwards them
 * to the metrics; tests pass a list's {@code add}.
 */
@FunctionalInterface
public interface PolicyEvents {

  /** Discards every event. */
  PolicyEvents NONE = event -> {};

  void publish(PolicyEvent event);
}
