package cascade.run;

import cascade.persistence.Journal;

/**
 * What a run's durable event path wrote to its journal, measured once the run is over.
 *
 * @param kind            {@code h2} or {@code postgresql}
 * @param where           the H2 file or the database URL
 * @param written         events this run journaled (bus and dead-letter queue), deleted ones included
 * @param eventsPerSecond {@code written} over the time requests were running (first arrival to
 *                        last outcome, summed over architectures): the rate the journal sustained
 *                        under this load, not its ceiling
 * @param rows            event rows in the journal now (snapshots let older ones be deleted)
 * @param snapshots       snapshot rows in the journal now
 * @param bytes           the H2 file's size, or the PostgreSQL tables' size
 */
public record JournalUse(String kind, String where, long written, double eventsPerSecond, long rows, long snapshots, long bytes) {

  public static JournalUse measure(Journal journal, String run, double busySeconds) {
    Journal.Growth growth = journal.growth();
    long written = journal.written(run);
    return new JournalUse(
        journal.kind().key, journal.where(), written, busySeconds > 0 ? written / busySeconds : 0, growth.events(), growth.snapshots(), growth.bytes());
  }

  /** One line under the summary table. */
  public String line() {
    return String.format(
        "journal (%s): %d events written, %.0f per second; now %d event rows, %d snapshots, %.1f MB in %s",
        kind, written, eventsPerSecond, rows, snapshots, bytes / 1e6, where);
  }
}
