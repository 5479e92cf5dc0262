package cascade.run;

import cascade.persistence.Journal;
import cascade.scenario.Scenario;
import java.nio.file.Path;

/** The journal a scenario's {@code persistence} section asks for. */
public final class Journals {

  private Journals() {}

  /** @return null when the scenario keeps its event path in memory */
  public static Journal of(Scenario.Persistence persistence, Path runFolder) {
    return switch (persistence.journal()) {
      case OFF -> null;
      case H2 -> Journal.h2(runFolder, false);
      case POSTGRESQL -> Journal.postgresql(persistence.url(), persistence.user(), persistence.passwordEnv());
    };
  }
}
