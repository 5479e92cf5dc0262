package cascade.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  @TempDir Path folder;

  @Test
  void createsTheSchemaInANewRunFolderAndOpensItAgain() {
    Journal journal = Journal.h2(folder, false);
    journal.prepare();
    journal.prepare(); // a second time finds the tables and leaves them
    assertThat(journal.file()).exists();
    // One reading: H2 may grow its file between two (its writer works in the background).
    Journal.Growth growth = journal.growth();
    assertThat(growth.events()).isZero();
    assertThat(growth.snapshots()).isZero();
    assertThat(growth.bytes()).isPositive();
  }

  @Test
  void aCorruptJournalIsNamedAndTheFolderIsLeftAsItWas() throws Exception {
    Path file = folder.resolve("journal.mv.db");
    Files.writeString(file, "this is not a database ".repeat(200));
    Map<String, Long> before = contents(folder);

    assertThatThrownBy(() -> Journal.h2(folder, false).prepare())
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith(file + ": the journal cannot be opened")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> Journal.h2(folder, true).checkReadable()).hasMessageStartingWith(file.toString());
    assertThat(contents(folder)).isEqualTo(before);
  }

  @Test
  void tablesOfAnotherShapeAreRefused() throws Exception {
    Journal journal = Journal.h2(folder, false);
    try (Connection c = DriverManager.getConnection(journal.url(), "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE \"event_journal\" (\"id\" BIGINT)");
    }
    assertThatThrownBy(journal::prepare)
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith(journal.file() + ": incompatible journal");
  }

  @Test
  void aReadOnlyJournalIsReadWithoutChangingAByteAndRefusesWrites() throws Exception {
    Journal writable = Journal.h2(folder, false);
    writable.prepare();
    try (Connection c = writable.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO \"event_journal\" (\"persistence_id\", \"sequence_number\", \"deleted\", \"writer\", \"write_timestamp\","
              + " \"adapter_manifest\", \"event_payload\", \"event_ser_id\", \"event_ser_manifest\")"
              + " VALUES ('dead-letters|run/EventDriven', 1, FALSE, 'w', 0, '', X'00', 33, 'm')");
    }
    byte[] before = Files.readAllBytes(writable.file());
    long modified = Files.getLastModifiedTime(writable.file()).toMillis();

    Journal journal = Journal.h2(folder, true).readOnly();
    journal.checkReadable();
    assertThat(journal.persistenceIds("dead-letters|run/")).containsExactly("dead-letters|run/EventDriven");
    assertThat(journal.growth().events()).isEqualTo(1);
    try (Connection c = journal.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("DELETE FROM \"event_journal\"")).hasMessageContaining("read only");
    }
    assertThat(Files.readAllBytes(writable.file())).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(writable.file()).toMillis()).isEqualTo(modified);
    assertThat(journal.readOnly()).isEqualTo(journal);
    assertThat(journal.where()).isEqualTo(writable.where());
  }

  @Test
  void readingAPastRunNeedsItsJournal() {
    assertThatThrownBy(() -> Journal.h2(folder, true).checkReadable())
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("no journal here");
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void thePasswordIsNeverInTheSettingsOnlyTheNameOfItsVariable() {
    Journal journal = Journal.postgresql("jdbc:postgresql://127.0.0.1:5432/cascade", "cascade", "CASCADE_TEST_NO_SUCH_VARIABLE");
    assertThat(journal.toString()).doesNotContain("password").contains("jdbc:postgresql://127.0.0.1:5432/cascade");
    assertThat(journal.akkaConfig().getString("akka-persistence-jdbc.shared-databases.slick.db.password")).isEmpty();
    assertThat(journal.akkaConfig().getString("akka-persistence-jdbc.shared-databases.slick.profile")).isEqualTo("slick.jdbc.PostgresProfile$");
  }

  /** Every file's name and size. */
  private static Map<String, Long> contents(Path folder) throws Exception {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> listed = Files.list(folder)) {
      for (Path p : listed.toList()) {
        files.put(p.getFileName().toString(), Files.size(p));
      }
    }
    return files;
  }
}
