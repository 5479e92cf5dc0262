package cascade.metrics;

import cascade.service.DownstreamService.InstanceEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to the service's instances in a run: crashes, restarts, attempts lost with them,
 * time without a running instance, and Akka's own dead letters (messages that could not be
 * delivered), counted per actor kind and reason.
 *
 * <p>Not thread-safe: the metrics recorder owns it.
 */
public final class ServiceHealth {

  private long crashes;
  private long restarts;
  private long attemptsLost;
  private long unavailableNanos;
  /** Instances that crashed and have not started again, with when they crashed. */
  private final Map<String, Long> crashedAt = new HashMap<>();
  /** Instances that stopped for good, with when. */
  private final Map<String, Long> stoppedAt = new HashMap<>();
  private final Map<String, Long> deadLetters = new TreeMap<>();

  public void instanceChanged(InstanceEvent event) {
    attemptsLost += event.attemptsLost();
    switch (event.change()) {
      case CRASHED -> {
        crashes++;
        crashedAt.putIfAbsent(event.instance(), event.atNanos());
      }
      case STARTED -> {
        // A start that follows a crash is a restart; the time between was without this instance.
        Long crashed = crashedAt.remove(event.instance());
        if (crashed != null) {
          restarts++;
          unavailableNanos += event.atNanos() - crashed;
        }
      }
      case STOPPED -> {
        crashedAt.remove(event.instance());
        stoppedAt.put(event.instance(), event.atNanos());
      }
      case RESTARTING -> {}
    }
  }

  /**
   * A message Akka could not deliver; {@code recipient} is the actor's name. To an instance that
   * stopped the reason is known; otherwise the recipient was alive and its bounded mailbox full,
   * or it was a short-lived actor already gone.
   */
  public void deadLetter(String recipient, String message) {
    String reason = stoppedAt.containsKey(recipient) ? "recipient-stopped" : "undeliverable";
    deadLetters.merge(kindOf(recipient) + ": " + message + " (" + reason + ")", 1L, Long::sum);
  }

  /** Actor names end in a number per instance ("consumer-3", "instance-1"); the kind drops it. */
  static String kindOf(String name) {
    return name.replaceAll("-\\d+$", "").replaceAll("^\\$.*", "temporary");
  }

  public long crashes() {
    return crashes;
  }

  public long restarts() {
    return restarts;
  }

  public long attemptsLost() {
    return attemptsLost;
  }

  /** Time instances spent down, up to {@code endNanos} for those that stopped for good. */
  public long unavailableNanos(long endNanos) {
    long stillDown = 0;
    for (long at : stoppedAt.values()) {
      stillDown += Math.max(0, endNanos - at);
    }
    return unavailableNanos + stillDown;
  }

  public Map<String, Long> deadLetters() {
    return Map.copyOf(deadLetters);
  }
}
