package cascade.scenario;

/**
 * Reads the {@code persistence} section: which journal the event-driven path keeps, and how to
 * reach a PostgreSQL server without the password ever being written in a scenario.
 */
final class PersistenceReader {

  private PersistenceReader() {}

  static Scenario.Persistence read(Values v) {
    Scenario.JournalKind journal = v.choice("persistence.journal", Scenario.JournalKind.values(), j -> j.key);
    String url = v.string("persistence.url");
    String user = v.string("persistence.user");
    String passwordEnv = v.string("persistence.password-env");
    if (!passwordEnv.isEmpty() && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw v.problem("persistence.password-env", "must be the name of an environment variable (letters, digits, _), not a password");
    }
    if (journal == Scenario.JournalKind.POSTGRESQL) {
      if (!url.startsWith("jdbc:postgresql://")) {
        throw v.problem("persistence.url", "must be a PostgreSQL JDBC URL like jdbc:postgresql://127.0.0.1:5432/cascade, but was \"" + url + "\"");
      }
      if (url.contains("password=")) {
        throw v.problem("persistence.url", "must not carry the password: name its environment variable in persistence.password-env");
      }
      if (user.isBlank()) {
        throw v.problem("persistence.user", "must name the PostgreSQL user");
      }
    } else if (!url.isEmpty()) {
      throw v.problem("persistence.url", "is only used with persistence.journal = postgresql (an h2 journal is a file in the run folder)");
    }
    return new Scenario.Persistence(journal, url, user, passwordEnv, v.integer("persistence.snapshot-every", 0));
  }
}
