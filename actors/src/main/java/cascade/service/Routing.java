package cascade.service;

/** How a replica group picks the instance for an attempt; {@code key} is the scenario's name. */
public enum Routing {
  ROUND_ROBIN("round-robin"),
  RANDOM("random"),
  /** The instance with the fewest attempts outstanding, the first of them on a tie. */
  LEAST_LOADED("least-loaded");

  public final String key;

  Routing(String key) {
    this.key = key;
  }
}
