package cascade.report;

import cascade.experiment.ExperimentPlan;
import cascade.metrics.ProgressBoard;
import cascade.metrics.RunProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Shows on standard error how far each architecture of a run has got while it runs, one {@link
 * ProgressLine} each. On a terminal the lines are a block redrawn in place; elsewhere (a log, a
 * pipe) an architecture's line is printed now and then and once at 100%. Never on standard
 * output: {@code --json -} stays the document alone.
 *
 * <p>The recorders publish their counts to a {@link ProgressBoard}; this display samples it on the
 * machine's clock, from a thread of its own, and so reads nothing of the actors' state. Other lines
 * the run prints meanwhile ({@link #say}) go above the block.
 */
public final class ProgressDisplay implements AutoCloseable {

  /** How the progress is shown. */
  public enum Mode {
    /** A block of lines redrawn in place: standard error is a terminal. */
    TTY,
    /** A line per architecture every {@link #PLAIN_EVERY} and at 100%: standard error is a file or a pipe. */
    PLAIN,
    /** Nothing. */
    OFF;

    /**
     * The mode {@code --progress} names: {@code auto} is tty when the {@code cascade} script found
     * standard error to be a terminal (Java cannot tell), plain otherwise.
     *
     * @throws IllegalArgumentException for any other word, with the words that are allowed
     */
    public static Mode of(String option) {
      return switch (option) {
        case "auto" -> stderrIsTerminal() ? TTY : PLAIN;
        case "tty" -> TTY;
        case "plain" -> PLAIN;
        case "off" -> OFF;
        default -> throw new IllegalArgumentException("--progress must be auto, tty, plain or off, but was " + option);
      };
    }
  }

  /** How often the display looks at the board, in the machine's time. */
  static final Duration TICK = Duration.ofMillis(200);

  /** How often a plain line is printed for an architecture that is still going, in seconds of the machine's time. */
  public static final int PLAIN_EVERY_SECONDS = 5;

  static final Duration PLAIN_EVERY = Duration.ofSeconds(PLAIN_EVERY_SECONDS);

  /** The width assumed when the terminal's is not known: a line wider than it would break the redraw. */
  static final int DEFAULT_COLUMNS = 80;

  private static final long UNSET = Long.MIN_VALUE;

  private final Mode mode;
  private final boolean chatter;
  private final PrintWriter err;
  private final ProgressBoard board;
  private final LongSupplier wallNanos;
  private final long plainEveryNanos;
  private final int columns;
  private final int nameWidth;
  private final long[] startedAt;
  private final long[] finishedAt;
  private final long[] lastPrinted;
  private final boolean[] finalPrinted;
  /** Lines of the block now on the screen (tty), and what they say. */
  private int drawn;
  private String[] shown = new String[0];
  private boolean closed;
  private Thread sampler;

  /**
   * A display that samples only when {@link #sample} is called: a test drives it by the run's
   * progress and its own clock.
   *
   * @param chatter whether to say "running NAME ..." as each architecture starts ({@code --quiet}: no)
   * @param columns the terminal's width (tty): lines are cut to fit it
   */
  public ProgressDisplay(Mode mode, boolean chatter, PrintWriter err, ProgressBoard board, LongSupplier wallNanos, Duration plainEvery, int columns) {
    this.mode = mode;
    this.chatter = chatter;
    this.err = err;
    this.board = board;
    this.wallNanos = wallNanos;
    this.plainEveryNanos = plainEvery.toNanos();
    this.columns = columns > 1 ? columns : DEFAULT_COLUMNS;
    int slots = board.slots().size();
    this.nameWidth = board.slots().stream().mapToInt(slot -> slot.name().length()).max().orElse(1);
    this.startedAt = filled(slots);
    this.finishedAt = filled(slots);
    this.lastPrinted = filled(slots);
    this.finalPrinted = new boolean[slots];
  }

  /** A display of the progress of {@code plans}, sampled every {@link #TICK} from now on (unless off). */
  public static ProgressDisplay start(Mode mode, boolean chatter, PrintWriter err, List<ExperimentPlan> plans) {
    Map<String, Long> requests = new LinkedHashMap<>();
    plans.forEach(plan -> requests.put(plan.name(), plan.arrivals().total()));
    ProgressBoard board = mode == Mode.OFF ? ProgressBoard.NONE : ProgressBoard.of(requests);
    ProgressDisplay display = new ProgressDisplay(mode, chatter, err, board, System::nanoTime, PLAIN_EVERY, terminalColumns());
    if (mode != Mode.OFF) {
      display.sampler = new Thread(display::sampleUntilInterrupted, "cascade-progress");
      display.sampler.setDaemon(true);
      display.sampler.start();
    }
    return display;
  }

  /** Where the run's recorders publish. */
  public ProgressBoard board() {
    return board;
  }

  /** The architecture named {@code name} starts now (told by the run, on one of its threads). */
  public synchronized void started(String name) {
    List<ProgressBoard.Slot> slots = board.slots();
    for (int i = 0; i < slots.size(); i++) {
      if (slots.get(i).name().equals(name) && startedAt[i] == UNSET) {
        startedAt[i] = wallNanos.getAsLong();
      }
    }
    // On a terminal the block says which architectures run.
    if (chatter && mode != Mode.TTY) {
      say(String.format("  running %s ...", name));
    }
  }

  /** Prints a line of the run's own (a notice), above the block on a terminal. */
  public synchronized void say(String text) {
    if (mode == Mode.TTY && drawn > 0) {
      err.print("\033[" + drawn + "A\r\033[J");
      drawn = 0;
    }
    err.println(text);
    if (mode == Mode.TTY && !closed) {
      sample();
    }
    err.flush();
  }

  /** Looks at the board once and shows what changed: a redraw, or the plain lines that are due. */
  public synchronized void sample() {
    if (mode == Mode.OFF || closed) {
      return;
    }
    long now = wallNanos.getAsLong();
    List<ProgressBoard.Slot> slots = board.slots();
    String[] lines = new String[slots.size()];
    for (int i = 0; i < slots.size(); i++) {
      ProgressBoard.Slot slot = slots.get(i);
      RunProgress progress = slot.latest();
      if (progress != null && startedAt[i] == UNSET) {
        startedAt[i] = now;
      }
      if (progress != null && progress.finished() && finishedAt[i] == UNSET) {
        finishedAt[i] = now;
      }
      Duration wall = progress == null ? Duration.ZERO : Duration.ofNanos((finishedAt[i] != UNSET ? finishedAt[i] : now) - startedAt[i]);
      lines[i] =
          progress == null && startedAt[i] != UNSET
              ? ProgressLine.starting(slot.name(), nameWidth)
              : ProgressLine.format(slot.name(), nameWidth, slot.requests(), progress, wall);
      if (mode == Mode.PLAIN && progress != null && !finalPrinted[i]) {
        long since = lastPrinted[i] != UNSET ? lastPrinted[i] : startedAt[i];
        if (progress.finished() || now - since >= plainEveryNanos) {
          err.println("  " + lines[i]);
          lastPrinted[i] = now;
          finalPrinted[i] = progress.finished();
        }
      }
    }
    if (mode == Mode.TTY) {
      redraw(lines);
    }
    err.flush();
  }

  /**
   * Stops sampling and shows the final state: on a terminal the block stays, cut to fit, with no
   * cursor left inside it, so that what the run prints next starts on a clean line.
   */
  @Override
  public void close() {
    if (sampler != null) {
      // Outside the lock: the sampler may be waiting for it.
      sampler.interrupt();
      try {
        sampler.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      sample();
      closed = true;
    }
  }

  private void redraw(String[] lines) {
    if (drawn == lines.length && Arrays.equals(lines, shown)) {
      return; // nothing moved: a terminal over a slow link need not be sent the block again
    }
    shown = lines;
    StringBuilder out = new StringBuilder();
    if (drawn > 0) {
      out.append("\033[").append(drawn).append('A');
    }
    for (String line : lines) {
      String shown = "  " + line;
      // One column short of the width: a line that fills it wraps on some terminals.
      out.append('\r').append(shown, 0, Math.min(shown.length(), columns - 1)).append("\033[K").append('\n');
    }
    drawn = lines.length;
    err.print(out);
  }

  private void sampleUntilInterrupted() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(TICK.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      sample();
    }
  }

  private static long[] filled(int size) {
    long[] values = new long[size];
    Arrays.fill(values, UNSET);
    return values;
  }

  /** Set by the {@code cascade} script, which can tell ({@code [ -t 2 ]}). */
  static boolean stderrIsTerminal() {
    return Boolean.getBoolean("cascade.stderr.tty") && !"dumb".equals(System.getenv("TERM"));
  }

  /** The terminal's width as the {@code cascade} script found it, or 0 when unknown. */
  static int terminalColumns() {
    try {
      return Integer.parseInt(System.getProperty("cascade.stderr.columns", "0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
