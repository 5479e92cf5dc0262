package cascade.service;

/**
 * Thrown by a service instance when a fault says it crashes. Supervision decides what follows.
 * Without a stack trace: it is an expected event of the simulation, not a bug to locate.
 */
public final class InstanceCrash extends RuntimeException {

  public InstanceCrash(String why) {
    super(why, null, false, false);
  }
}
