package cascade.run;

import akka.actor.typed.ActorRef;
import cascade.bus.DeadLetterReplays;
import cascade.persistence.Journal;

/**
 * Marks in a run's journal the dead letters a replay sent, through each queue's {@link
 * DeadLetterReplays}, so that the next replay skips them. Called only once the replay has run.
 */
public final class ReplayMarks {

  private ReplayMarks() {}

  /** @param journal the run's journal, opened for writing */
  public static void write(Journal journal, String run, ReplaySelection selection, String replay) {
    try (JournalSession session = new JournalSession(journal)) {
      for (ReplaySelection.Part part : selection.parts()) {
        DeadLetterReplays.Replayed replayed = part.replayedInto(replay);
        session.ask(
            DeadLetterReplays.create(DeadLetterReader.queue(run, part.architecture())),
            (ActorRef<DeadLetterReplays.Recorded> recorded) -> new DeadLetterReplays.Record(replayed, recorded),
            "mark the replayed dead letters");
      }
    }
  }
}
