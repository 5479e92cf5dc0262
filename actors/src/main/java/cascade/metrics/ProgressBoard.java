package cascade.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the recorders of a run's architectures publish their progress for a display to read: one
 * {@link Slot} per architecture, each holding the latest {@link RunProgress} in a volatile field.
 * A recorder writes only its own slot, on its own thread; a reader only reads, on any thread.
 * Publishing sends no message and reads no clock, so a run's results do not depend on whether
 * anyone watches.
 */
public final class ProgressBoard {

  /** A board with no slots: recorders publish nowhere. */
  public static final ProgressBoard NONE = new ProgressBoard(Map.of(), () -> {});

  /** One architecture's latest progress. */
  public static final class Slot {
    private final String name;
    private final long requests;
    private final Runnable published;
    private volatile RunProgress latest;

    private Slot(String name, long requests, Runnable published) {
      this.name = name;
      this.requests = requests;
      this.published = published;
    }

    /** The architecture's name, as its result carries it. */
    public String name() {
      return name;
    }

    /** How many requests its load sends. */
    public long requests() {
      return requests;
    }

    /** The latest progress published, or null while the architecture has not started. */
    public RunProgress latest() {
      return latest;
    }

    /** Called by the architecture's recorder, on its thread. */
    public void publish(RunProgress progress) {
      latest = progress;
      published.run();
    }
  }

  private final Map<String, Slot> byName = new LinkedHashMap<>();
  private final List<Slot> slots;

  private ProgressBoard(Map<String, Long> requestsByName, Runnable published) {
    requestsByName.forEach((name, requests) -> byName.put(name, new Slot(name, requests, published)));
    this.slots = List.copyOf(byName.values());
  }

  /** A slot per name, in the order given, for loads of {@code requestsByName} requests. */
  public static ProgressBoard of(Map<String, Long> requestsByName) {
    return new ProgressBoard(new LinkedHashMap<>(requestsByName), () -> {});
  }

  /**
   * As above, and {@code published} runs on the publishing recorder's thread after each
   * publication: a test drives a display by the run's own progress with it, not by the wall clock.
   */
  public static ProgressBoard of(Map<String, Long> requestsByName, Runnable published) {
    return new ProgressBoard(new LinkedHashMap<>(requestsByName), published);
  }

  /** The slot of the architecture named {@code name}, or null when this board has none for it. */
  public Slot slot(String name) {
    return byName.get(name);
  }

  /** Every slot, in the order of the run's architectures. */
  public List<Slot> slots() {
    return slots;
  }
}
