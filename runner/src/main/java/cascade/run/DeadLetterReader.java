package cascade.run;

import cascade.bus.DeadLetterQueue;
import cascade.bus.DeadLetterReplays;
import cascade.bus.DurableDeadLetterQueue;
import cascade.persistence.Journal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a past run's dead-letter queues back from its journal, by recovering them, with what
 * {@code dlq replay} has done with their letters.
 */
public final class DeadLetterReader {

  /**
   * One architecture's queue.
   *
   * @param architecture its name in the run
   * @param total        how many letters it holds
   * @param letters      the first ones, in the order it journaled them (letter 1 first)
   * @param replays      which of its letters were replayed, and into which replay
   */
  public record Queue(String architecture, long total, List<DeadLetterQueue.DeadLetter> letters, DeadLetterReplays.History replays) {
    public Queue {
      letters = List.copyOf(letters);
    }

    /** Letters no replay has taken yet. */
    public long notReplayed() {
      return total - Math.min(total, replays.replayedThrough());
    }
  }

  private DeadLetterReader() {}

  /** A queue's name in the journal's persistence ids: {@code run/architecture}, as {@link Plans} gives it. */
  static String queue(String run, String architecture) {
    return run + "/" + architecture;
  }

  /**
   * Opens the journal as it is given: pass a read-only one ({@link Journal#readOnly()}) to leave it
   * untouched. Recovering writes nothing, but H2 rewrites a file opened for writing when it closes.
   *
   * @param limit letters to bring back per queue (the total counts them all)
   */
  public static List<Queue> read(Journal journal, String run, int limit) {
    String prefix = DurableDeadLetterQueue.persistenceId(run + "/");
    List<String> ids = journal.persistenceIds(prefix);
    List<Queue> queues = new ArrayList<>();
    if (ids.isEmpty()) {
      return queues;
    }
    try (JournalSession session = new JournalSession(journal)) {
      for (String id : ids) {
        String architecture = id.substring(prefix.length());
        // A queue without metrics only answers: recovering it writes nothing to the journal.
        DeadLetterQueue.DeadLetters letters =
            session.ask(DurableDeadLetterQueue.create(id, limit, 0, null), DeadLetterQueue.GetDeadLetters::new, "read the dead letters");
        DeadLetterReplays.History replays =
            session.ask(DeadLetterReplays.create(queue(run, architecture)), DeadLetterReplays.GetHistory::new, "read the replays of the dead letters");
        List<DeadLetterQueue.DeadLetter> kept = letters.kept();
        queues.add(new Queue(architecture, letters.total(), kept.subList(0, Math.min(limit, kept.size())), replays));
      }
    }
    return queues;
  }
}
