package cascade.run;

import cascade.persistence.Journal;
import cascade.persistence.JournalException;
import cascade.scenario.Scenario;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run folder records about a run with a journal ({@code run.conf}), so that later commands
 * ({@code cascade dlq}) find the journal and the scenario again. It never holds a password, only
 * the name of the variable that does.
 *
 * @param folder       the run folder
 * @param run          the run's name in the journal
 * @param scenarioFile the scenario file the run was made from
 * @param overrides    the run's {@code --set} overrides, the tutorial's included
 * @param persistence  the journal's settings
 */
public record RunFolder(Path folder, String run, Path scenarioFile, List<String> overrides, Scenario.Persistence persistence) {

  static final String FILE = "run.conf";

  public RunFolder {
    overrides = List.copyOf(overrides);
  }

  public void write() throws IOException {
    Map<String, Object> persistenceMap =
        Map.of(
            "journal", persistence.journal().key,
            "url", persistence.url(),
            "user", persistence.user(),
            "password-env", persistence.passwordEnv());
    Config config =
        ConfigFactory.empty()
            .withValue("run", ConfigValueFactory.fromAnyRef(run))
            .withValue("scenario-file", ConfigValueFactory.fromAnyRef(scenarioFile.toAbsolutePath().normalize().toString()))
            .withValue("overrides", ConfigValueFactory.fromIterable(overrides))
            .withValue("persistence", ConfigValueFactory.fromMap(persistenceMap));
    String header = "# Written by `cascade run`, read by `cascade dlq`: where this run's journal is. No password here." + System.lineSeparator();
    Files.writeString(folder.resolve(FILE), header + config.root().render(ConfigRenderOptions.concise().setFormatted(true).setJson(false)));
  }

  /**
   * @throws JournalException when the folder is not a run with a journal
   */
  public static RunFolder read(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new JournalException(file + ": not found: is " + folder + " a run folder of a run with persistence.journal set?");
    }
    try {
      Config config = ConfigFactory.parseFile(file.toFile());
      Scenario.JournalKind kind =
          switch (config.getString("persistence.journal")) {
            case "h2" -> Scenario.JournalKind.H2;
            case "postgresql" -> Scenario.JournalKind.POSTGRESQL;
            default -> throw new JournalException(file + ": persistence.journal: the run kept no journal");
          };
      return new RunFolder(
          folder,
          config.getString("run"),
          Path.of(config.getString("scenario-file")),
          config.getStringList("overrides"),
          new Scenario.Persistence(kind, config.getString("persistence.url"), config.getString("persistence.user"), config.getString("persistence.password-env"), 0));
    } catch (ConfigException e) {
      throw new JournalException(file + ": unreadable: " + e.getMessage());
    }
  }

  /**
   * The journal, opened read-only (see {@link Journal#readOnly()}) and checked to be there and
   * readable: what {@code dlq list} and a replay's first look use, so that they leave it as it was.
   */
  public Journal readOnlyJournal() {
    Journal journal = journal().readOnly();
    journal.checkReadable();
    return journal;
  }

  /** The journal, checked to be there and readable, for writing: what a replay that ran marks its letters in. */
  public Journal writableJournal() {
    Journal journal = journal();
    journal.checkReadable();
    return journal;
  }

  private Journal journal() {
    return persistence.journal() == Scenario.JournalKind.H2
        ? Journal.h2(folder, true)
        : Journal.postgresql(persistence.url(), persistence.user(), persistence.passwordEnv());
  }
}
