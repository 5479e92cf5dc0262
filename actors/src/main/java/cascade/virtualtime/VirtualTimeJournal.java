package cascade.virtualtime;

import akka.persistence.AtomicWrite;
import akka.persistence.PersistentRepr;
import akka.persistence.jdbc.journal.JdbcAsyncWriteJournal;
import com.typesafe.config.Config;
import scala.Function1;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * akka-persistence-jdbc's journal, with the clock held while the database works: every write,
 * read and deletion is {@link VirtualTime#outside outside work}, so virtual time does not move on
 * while a durable bus waits for its journal, and the journal's answers reach the actors in the order
 * the operations started. Named by {@code jdbc-journal.class} in {@link VirtualTime#akkaConfig()}.
 */
public final class VirtualTimeJournal extends JdbcAsyncWriteJournal {

  private final VirtualTime time;

  public VirtualTimeJournal(Config config) {
    super(config);
    this.time = VirtualTime.of(context().system().settings().config());
  }

  @Override
  public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
    return time.outside(super.asyncWriteMessages(messages));
  }

  @Override
  public Future<BoxedUnit> asyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    return time.outside(super.asyncDeleteMessagesTo(persistenceId, toSequenceNr));
  }

  @Override
  public Future<Object> asyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    return time.outside(super.asyncReadHighestSequenceNr(persistenceId, fromSequenceNr));
  }

  @Override
  public Future<BoxedUnit> asyncReplayMessages(
      String persistenceId, long fromSequenceNr, long toSequenceNr, long max, Function1<PersistentRepr, BoxedUnit> recoveryCallback) {
    return time.outside(super.asyncReplayMessages(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback));
  }
}
