package cascade.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Timed faults of one service: at a time after the start of the run, for a while, something goes
 * wrong — its latency is multiplied, its error rate raised, its capacity cut, an instance
 * crashes or hangs, or the whole service stalls. The scenario's {@code faults.schedule}.
 *
 * <p>A plain object: given a time it says which modifiers are active ({@link #activeAt}); the
 * service's instances arm timers at the times it names ({@link #changeTimesAfter}) and ask it
 * again at each. Entries may overlap: latency factors and capacity factors multiply, added
 * failure probabilities add up (to at most 1).
 *
 * @param entries the faults, in the order written
 */
public record FaultSchedule(List<Entry> entries) {

  /** The name of a scenario's one downstream service: where an entry without a target aims. */
  public static final String DEFAULT_TARGET = "service";

  /** No timed faults. */
  public static final FaultSchedule NONE = new FaultSchedule(List.of());

  public FaultSchedule {
    entries = List.copyOf(entries);
  }

  /**
   * A service's own crashes and hangs at given times ({@code service.faults.crash-at}, {@code
   * hang-at} and {@code hang-for}) as entries of its schedule, so that one code path arms every
   * timed fault. Each hits all {@code instances} of the service, as those keys always did.
   */
  public static FaultSchedule ownFaults(String target, int instances, List<Duration> crashAt, List<Duration> hangAt, Duration hangFor) {
    List<Entry> entries = new ArrayList<>();
    crashAt.forEach(at -> entries.add(new Entry(Kind.CRASH.key, target, Kind.CRASH, at, Duration.ZERO, 0, instances)));
    hangAt.forEach(at -> entries.add(new Entry(Kind.HANG.key, target, Kind.HANG, at, hangFor, 0, instances)));
    return new FaultSchedule(entries);
  }

  /** What a fault does; {@code key} is its name in scenario files. */
  public enum Kind {
    /** Service times multiplied by {@code value}. */
    LATENCY("latency"),
    /** {@code value} added to the failure probability of every attempt. */
    ERROR_RATE("error-rate"),
    /** Only {@code value} of the capacity is left: the same load weighs more. */
    CAPACITY_DROP("capacity-drop"),
    /** The first {@code instances} instances throw at {@code at}; supervision decides what follows. */
    CRASH("crash"),
    /** The first {@code instances} instances stop processing for {@code duration}. */
    HANG("hang"),
    /** Every instance stops processing for {@code duration}: the whole service pauses, like a long GC. */
    STALL("stall");

    public final String key;

    Kind(String key) {
      this.key = key;
    }

    /** Whether the fault lasts a while (and needs a duration) rather than happening at an instant. */
    public boolean lasts() {
      return this != CRASH;
    }
  }

  /**
   * One timed fault.
   *
   * @param label     how reports name it
   * @param target    the service it hits
   * @param kind      what it does
   * @param at        when it starts, from the start of the run
   * @param duration  how long it lasts (zero for a crash)
   * @param value     the latency factor, the added failure probability or the capacity factor
   *                  (unused by crash, hang and stall)
   * @param instances crash and hang: how many instances it hits, from the first
   */
  public record Entry(String label, String target, Kind kind, Duration at, Duration duration, double value, int instances) {

    public Entry {
      if (at.isNegative()) {
        throw new IllegalArgumentException("at must be at least 0, but was " + at);
      }
      if (kind.lasts() ? duration.isNegative() || duration.isZero() : !duration.isZero()) {
        throw new IllegalArgumentException(kind.key + ": duration must be " + (kind.lasts() ? "above 0" : "zero") + ", but was " + duration);
      }
      switch (kind) {
        case LATENCY -> require(value > 0, "latency factor must be above 0, but was " + value);
        case ERROR_RATE -> require(value >= 0 && value <= 1, "added failure probability must be in [0, 1], but was " + value);
        case CAPACITY_DROP -> require(value > 0 && value <= 1, "capacity factor must be in (0, 1], but was " + value);
        case CRASH, HANG -> require(instances >= 1, "instances must be at least 1, but was " + instances);
        case STALL -> {}
      }
    }

    public long startNanos() {
      return at.toNanos();
    }

    public long endNanos() {
      return at.toNanos() + duration.toNanos();
    }

    /** Whether it is in force {@code sinceStartNanos} after the start: from {@code at}, until just before its end. */
    public boolean activeAt(long sinceStartNanos) {
      return sinceStartNanos >= startNanos() && sinceStartNanos < endNanos();
    }

    /** Whether it hits instance {@code index} (0 for a service of one instance). */
    public boolean hits(int index) {
      return switch (kind) {
        case CRASH, HANG -> index < instances;
        default -> true;
      };
    }

    /** What it does and when, in words, for a report: "capacity-drop x0.3 at 1000 ms for 500 ms". */
    public String describe() {
      String what =
          switch (kind) {
            case LATENCY, CAPACITY_DROP -> kind.key + " x" + value;
            case ERROR_RATE -> kind.key + " +" + value;
            case CRASH, HANG -> kind.key + " of " + instances + (instances == 1 ? " instance" : " instances");
            case STALL -> kind.key;
          };
      return what + " at " + at.toMillis() + " ms" + (kind.lasts() ? " for " + duration.toMillis() + " ms" : "");
    }

    /** Whether it changes how attempts are served (rather than stopping or crashing an instance). */
    public boolean modifies() {
      return kind == Kind.LATENCY || kind == Kind.ERROR_RATE || kind == Kind.CAPACITY_DROP;
    }
  }

  /**
   * How attempts are served at a moment.
   *
   * @param latencyFactor            service times are multiplied by this
   * @param addedFailureProbability  added to the model's failure probability
   * @param capacityFactor           the share of the capacity that is left
   */
  public record Modifiers(double latencyFactor, double addedFailureProbability, double capacityFactor) {
    /** Nothing wrong. */
    public static final Modifiers NORMAL = new Modifiers(1.0, 0.0, 1.0);
  }

  /** The modifiers in force {@code sinceStartNanos} after the start of the run. */
  public Modifiers activeAt(long sinceStartNanos) {
    double latency = 1.0;
    double failure = 0.0;
    double capacity = 1.0;
    for (Entry entry : entries) {
      if (!entry.activeAt(sinceStartNanos)) {
        continue;
      }
      switch (entry.kind()) {
        case LATENCY -> latency *= entry.value();
        case ERROR_RATE -> failure += entry.value();
        case CAPACITY_DROP -> capacity *= entry.value();
        default -> {}
      }
    }
    return new Modifiers(latency, Math.min(1.0, failure), capacity);
  }

  /**
   * The times after {@code sinceStartNanos} at which the modifiers change (an entry starts or
   * ends), in order and without repeats: where an instance that started then arms its timers.
   */
  public List<Long> changeTimesAfter(long sinceStartNanos) {
    TreeSet<Long> times = new TreeSet<>();
    for (Entry entry : entries) {
      if (entry.modifies()) {
        times.add(entry.startNanos());
        times.add(entry.endNanos());
      }
    }
    return List.copyOf(times.tailSet(sinceStartNanos, false));
  }

  /** The entries of kind {@code kind} that hit instance {@code index}. */
  public List<Entry> hitting(int index, Kind kind) {
    return entries.stream().filter(e -> e.kind() == kind && e.hits(index)).toList();
  }

  /** The entries aimed at {@code target}, as the schedule of that service. */
  public FaultSchedule forTarget(String target) {
    return new FaultSchedule(entries.stream().filter(e -> e.target().equals(target)).toList());
  }

  /**
   * When the faults start (the first entry's start) and end (the last entry's end), from the
   * start of the run; null when there are none. A crash ends where it starts: what follows it is
   * the service's own recovery.
   */
  public Window trigger() {
    if (entries.isEmpty()) {
      return null;
    }
    long start = Long.MAX_VALUE;
    long end = 0;
    for (Entry entry : entries) {
      start = Math.min(start, entry.startNanos());
      end = Math.max(end, entry.endNanos());
    }
    return new Window(start, end);
  }

  /** A stretch of the run, in nanoseconds from its start. */
  public record Window(long startNanos, long endNanos) {}

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
