package cascade.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Where the durable event path keeps its journal: an embedded H2 file in the run folder (the
 * default, nothing to install), or a PostgreSQL database.
 *
 * <p>The password is never stored: only the name of the environment variable that holds it, read
 * when a connection is made. So a journal's settings can be printed, logged or written to a run
 * folder without leaking it.
 *
 * @param kind        which database
 * @param url         its JDBC URL
 * @param user        the user to connect as
 * @param passwordEnv the environment variable holding the password; empty for none
 * @param file        the H2 file ({@code journal.mv.db}), or null for PostgreSQL
 */
public record Journal(Kind kind, String url, String user, String passwordEnv, Path file) {

  public enum Kind {
    H2("h2", "slick.jdbc.H2Profile$", "org.h2.Driver", "schema/h2/h2-create-schema.sql"),
    POSTGRESQL("postgresql", "slick.jdbc.PostgresProfile$", "org.postgresql.Driver", "schema/postgres/postgres-create-schema.sql");

    public final String key;
    final String profile;
    final String driver;
    final String schema;

    Kind(String key, String profile, String driver, String schema) {
      this.key = key;
      this.profile = profile;
      this.driver = driver;
      this.schema = schema;
    }
  }

  /** The file name of an H2 journal inside its folder (H2 adds {@code .mv.db}). */
  public static final String H2_NAME = "journal";

  /** H2's setting that opens a file read-only (see {@link #readOnly()}). */
  private static final String READ_ONLY = ";ACCESS_MODE_DATA=r";

  /**
   * The H2 journal of a run folder. The URL is absolute, so it does not depend on the working
   * directory of whichever process opens it; H2 writes no trace file next to it, so a journal
   * that fails to open leaves the folder as it was. {@code retry:} reopens the file when a thread
   * is interrupted in the middle of a write (Java then closes the channel), as threads of a
   * stopping actor system are; without it the journal could not be read again in the same JVM.
   * {@code WRITE_DELAY=0}: H2 otherwise keeps commits in memory for up to 500 ms, which a kill -9
   * loses; {@code RETENTION_TIME=0} then keeps the file from growing by a chunk per commit.
   *
   * @param mustExist true to open only a journal that is already there (reading a past run)
   */
  public static Journal h2(Path folder, boolean mustExist) {
    Path base = folder.toAbsolutePath().normalize().resolve(H2_NAME);
    String url = "jdbc:h2:retry:" + base + ";TRACE_LEVEL_FILE=0;WRITE_DELAY=0;RETENTION_TIME=0" + (mustExist ? ";IFEXISTS=TRUE" : "");
    return new Journal(Kind.H2, url, "sa", "", folder.resolve(H2_NAME + ".mv.db"));
  }

  /**
   * This journal, opened so that nothing can change it: for reading a past run. An H2 file opened
   * for writing is rewritten when its last connection closes (H2 stores its header again and
   * compacts it), even if nothing was written; {@code ACCESS_MODE_DATA=r} opens it read-only, so
   * reading leaves it byte for byte as it was, and a write fails. A PostgreSQL journal comes back
   * as it is: a database server changes nothing that is only read.
   */
  public Journal readOnly() {
    if (kind != Kind.H2 || url.contains(READ_ONLY)) {
      return this;
    }
    return new Journal(kind, url + READ_ONLY, user, passwordEnv, file);
  }

  public static Journal postgresql(String url, String user, String passwordEnv) {
    return new Journal(Kind.POSTGRESQL, url, user, passwordEnv, null);
  }

  /**
   * The options of {@code cascade node} that give a node process this journal (no password: the
   * process inherits the environment and reads the variable itself).
   */
  public java.util.List<String> nodeArguments() {
    if (kind == Kind.H2) {
      return java.util.List.of("--journal", "h2", "--journal-dir", file.toAbsolutePath().getParent().toString());
    }
    return java.util.List.of("--journal", "postgresql", "--journal-url", url, "--journal-user", user, "--journal-password-env", passwordEnv);
  }

  /** How error messages name this journal: the file, or the database URL. */
  public String where() {
    return file != null ? file.toString() : url;
  }

  private String password() {
    if (passwordEnv.isEmpty()) {
      return "";
    }
    String password = System.getenv(passwordEnv);
    return password == null ? "" : password;
  }

  /** The actor-system settings that make durable actors write to this journal. */
  public Config akkaConfig() {
    String db = "akka-persistence-jdbc.shared-databases.slick.";
    return ConfigFactory.parseResources("persistence.conf", com.typesafe.config.ConfigParseOptions.defaults().setAllowMissing(false))
        .withValue(db + "profile", ConfigValueFactory.fromAnyRef(kind.profile))
        .withValue(db + "db.url", ConfigValueFactory.fromAnyRef(url))
        .withValue(db + "db.user", ConfigValueFactory.fromAnyRef(user))
        .withValue(db + "db.password", ConfigValueFactory.fromAnyRef(password()))
        .withValue(db + "db.driver", ConfigValueFactory.fromAnyRef(kind.driver));
  }

  /** A connection of our own, for the schema and the statistics (Akka keeps its own pool). */
  Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password());
    if (kind == Kind.POSTGRESQL) {
      // A database that is not there must fail fast, not hang the run.
      properties.setProperty("connectTimeout", "5");
    }
    return DriverManager.getConnection(url, properties);
  }

  /**
   * Makes the journal ready: creates the tables of akka-persistence-jdbc if the database has none
   * (the script ships in its jar), and checks that existing ones are akka-persistence-jdbc's.
   *
   * @throws JournalException naming the file or database, when it cannot be opened, is corrupt,
   *     or holds tables of another shape
   */
  public void prepare() {
    try (Connection connection = connect()) {
      if (!hasJournalTable(connection)) {
        createSchema(connection);
      }
      checkShape(connection);
    } catch (SQLException e) {
      throw new JournalException(where() + ": the journal cannot be opened: " + firstLine(e.getMessage()));
    }
  }

  /** Checks that an existing journal can be read, without creating anything. */
  public void checkReadable() {
    if (file != null && !Files.exists(file)) {
      throw new JournalException(where() + ": no journal here (was the run made with persistence.journal = h2?)");
    }
    try (Connection connection = connect()) {
      if (!hasJournalTable(connection)) {
        throw new JournalException(where() + ": not a Cascade Lab journal: it has no event_journal table");
      }
      checkShape(connection);
    } catch (SQLException e) {
      throw new JournalException(where() + ": the journal cannot be opened: " + firstLine(e.getMessage()));
    }
  }

  private static boolean hasJournalTable(Connection connection) throws SQLException {
    try (ResultSet tables = connection.getMetaData().getTables(null, null, "event_journal", null)) {
      return tables.next();
    }
  }

  /** Reads no row, but fails unless every column the journal plugin uses is there. */
  private void checkShape(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery(
              "SELECT \"ordering\", \"persistence_id\", \"sequence_number\", \"deleted\", \"writer\", \"write_timestamp\","
                  + " \"adapter_manifest\", \"event_payload\", \"event_ser_id\", \"event_ser_manifest\" FROM \"event_journal\" WHERE 1 = 0")
          .close();
      statement.executeQuery(
              "SELECT \"persistence_id\", \"sequence_number\", \"created\", \"snapshot_ser_id\", \"snapshot_ser_manifest\","
                  + " \"snapshot_payload\" FROM \"snapshot\" WHERE 1 = 0")
          .close();
    } catch (SQLException e) {
      throw new JournalException(
          where() + ": incompatible journal: its tables are not those of akka-persistence-jdbc 5 (" + firstLine(e.getMessage()) + ")");
    }
  }

  private void createSchema(Connection connection) throws SQLException {
    String script;
    try (InputStream in = Journal.class.getClassLoader().getResourceAsStream(kind.schema)) {
      if (in == null) {
        throw new IllegalStateException(kind.schema + " is missing from the classpath (akka-persistence-jdbc)");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kind.schema, e);
    }
    try (Statement statement = connection.createStatement()) {
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
  }

  /**
   * How big the journal has grown: rows written and, for H2, the file's size.
   *
   * @throws JournalException when it cannot be read
   */
  public Growth growth() {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      long events = count(statement, "SELECT COUNT(*) FROM \"event_journal\"");
      long snapshots = count(statement, "SELECT COUNT(*) FROM \"snapshot\"");
      long bytes;
      if (file != null) {
        // The file as H2 leaves it once closed is larger than its data; measured while open, it
        // is what the run has written so far.
        bytes = Files.size(file);
      } else {
        bytes =
            count(statement, "SELECT pg_total_relation_size('event_journal') + pg_total_relation_size('snapshot')");
      }
      return new Growth(events, snapshots, bytes);
    } catch (SQLException | IOException e) {
      throw new JournalException(where() + ": cannot measure the journal: " + firstLine(e.getMessage()));
    }
  }

  /**
   * Events this run journaled, deleted ones included: each journal name's highest sequence number
   * (in its events or its snapshots), summed over the names of {@code run}'s actors.
   */
  public long written(String run) {
    String sql =
        "SELECT COALESCE(SUM(m), 0) FROM (SELECT \"persistence_id\", MAX(s) AS m FROM ("
            + " SELECT \"persistence_id\", \"sequence_number\" AS s FROM \"event_journal\" WHERE \"persistence_id\" LIKE ?"
            + " UNION ALL SELECT \"persistence_id\", \"sequence_number\" AS s FROM \"snapshot\" WHERE \"persistence_id\" LIKE ?"
            + ") AS rows GROUP BY \"persistence_id\") AS per_actor";
    try (Connection connection = connect();
        java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
      String pattern = "%|" + run.replace("%", "\\%").replace("_", "\\_") + "/%";
      statement.setString(1, pattern);
      statement.setString(2, pattern);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new JournalException(where() + ": cannot measure the journal: " + firstLine(e.getMessage()));
    }
  }

  /** The journal names in it that start with {@code prefix} (a dead-letter queue's, say), sorted. */
  public java.util.List<String> persistenceIds(String prefix) {
    String sql = "SELECT DISTINCT \"persistence_id\" FROM \"event_journal\" WHERE \"persistence_id\" LIKE ? ORDER BY 1";
    java.util.List<String> ids = new java.util.ArrayList<>();
    try (Connection connection = connect();
        java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new JournalException(where() + ": cannot read the journal: " + firstLine(e.getMessage()));
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** What a journal holds: rows of events and of snapshots, and its size on disk. */
  public record Growth(long events, long snapshots, long bytes) {}

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }

  @Override
  public String toString() {
    return kind.key + " journal at " + where();
  }
}
