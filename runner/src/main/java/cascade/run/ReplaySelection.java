package cascade.run;

import cascade.bus.DeadLetterReplays;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which dead letters a replay sends, and which it skips: in each queue the letters no replay has
 * taken yet, or, {@code again}, all of them. Decided from what was read, before anything runs.
 *
 * @param parts       the letters to send, per queue; none when there is nothing to replay
 * @param skipped     letters left out because a replay already took them
 * @param skippedInto the replays that last took the skipped letters, oldest first
 */
public record ReplaySelection(List<Part> parts, long skipped, List<String> skippedInto) {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** Letters {@code first} to {@code last} of one queue, numbered as {@link DeadLetterReplays} numbers them. */
  public record Part(String architecture, long first, long last) {
    public long letters() {
      return last - first + 1;
    }

    /** The mark this part leaves in its queue's replays. */
    public DeadLetterReplays.Replayed replayedInto(String replay) {
      return new DeadLetterReplays.Replayed(replay, first, last);
    }
  }

  public ReplaySelection {
    parts = List.copyOf(parts);
    skippedInto = List.copyOf(skippedInto);
  }

  public static ReplaySelection of(List<DeadLetterReader.Queue> queues, boolean again) {
    List<Part> parts = new ArrayList<>();
    long skipped = 0;
    Set<String> into = new LinkedHashSet<>();
    for (DeadLetterReader.Queue queue : queues) {
      long firstNew = again ? 1 : Math.min(queue.total(), queue.replays().replayedThrough()) + 1;
      if (firstNew <= queue.total()) {
        parts.add(new Part(queue.architecture(), firstNew, queue.total()));
      }
      for (long letter = 1; letter < firstNew; letter++) {
        into.add(queue.replays().lastReplayOf(letter));
      }
      skipped += firstNew - 1;
    }
    return new ReplaySelection(parts, skipped, new ArrayList<>(into));
  }

  /** Letters the replay sends, over every queue. */
  public long letters() {
    return parts.stream().mapToLong(Part::letters).sum();
  }

  /**
   * A name for a replay made at {@code now}, {@code replay-yyyyMMdd-HHmmss}, that no earlier replay
   * of these queues has: a second replay within the same second gets {@code -2}, and so on.
   */
  public static String newReplayName(List<DeadLetterReader.Queue> queues, LocalDateTime now) {
    Set<String> taken = new LinkedHashSet<>();
    queues.forEach(queue -> queue.replays().replays().forEach(replayed -> taken.add(replayed.replay())));
    String name = "replay-" + now.format(STAMP);
    String unique = name;
    for (int n = 2; taken.contains(unique); n++) {
      unique = name + "-" + n;
    }
    return unique;
  }
}
