package cascade.virtualtime;

import akka.persistence.SelectedSnapshot;
import akka.persistence.SnapshotMetadata;
import akka.persistence.SnapshotSelectionCriteria;
import akka.persistence.jdbc.snapshot.JdbcSnapshotStore;
import com.typesafe.config.Config;
import scala.Option;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;

/**
 * akka-persistence-jdbc's snapshot store, with the clock held while the database works (see
 * {@link VirtualTimeJournal}). Named by {@code jdbc-snapshot-store.class} in {@link
 * VirtualTime#akkaConfig()}.
 */
public final class VirtualTimeSnapshotStore extends JdbcSnapshotStore {

  private final VirtualTime time;

  public VirtualTimeSnapshotStore(Config config) {
    super(config);
    this.time = VirtualTime.of(context().system().settings().config());
  }

  @Override
  public Future<Option<SelectedSnapshot>> loadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    return time.outside(super.loadAsync(persistenceId, criteria));
  }

  @Override
  public Future<BoxedUnit> saveAsync(SnapshotMetadata metadata, Object snapshot) {
    return time.outside(super.saveAsync(metadata, snapshot));
  }

  @Override
  public Future<BoxedUnit> deleteAsync(SnapshotMetadata metadata) {
    return time.outside(super.deleteAsync(metadata));
  }

  @Override
  public Future<BoxedUnit> deleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    return time.outside(super.deleteAsync(persistenceId, criteria));
  }
}
