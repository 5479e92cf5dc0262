package cascade.cli;

import static cascade.cli.CommandLineRun.cascade;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.cli.CommandLineRun.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on PostgreSQL, end to end: a throwaway server started by {@code
 * scripts/postgres-for-tests} (which installs PostgreSQL from the distribution's packages if it
 * can), a run that journals into it, its dead letters read back, replayed, and skipped by a second
 * replay. Skipped, with the reason, where PostgreSQL is neither installed nor installable.
 */
class PostgresJournalTest {

  private static final Path SCRIPT = projectRoot().resolve("scripts").resolve("postgres-for-tests");

  @TempDir static Path dir;
  private static Map<String, String> server;
  /** Why there is no server, when there is none: the test is skipped with it. */
  private static String unavailable;

  private static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.isDirectory(here.resolve("scripts"))) {
      here = here.getParent();
    }
    return here == null ? Path.of("") : here;
  }

  @BeforeAll
  static void startPostgres() throws Exception {
    Process start = new ProcessBuilder(SCRIPT.toString(), "start").start();
    // Installing the package may take a while on a fresh machine; starting takes seconds.
    boolean finished = start.waitFor(10, TimeUnit.MINUTES);
    String out = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(start.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!finished) {
      start.destroyForcibly();
      unavailable = "PostgreSQL did not start within 10 minutes";
      return;
    }
    if (start.exitValue() == 3) {
      unavailable = "PostgreSQL is not available here: " + err;
      return;
    }
    assertThat(start.exitValue()).as(err).isZero();
    server = new HashMap<>();
    out.lines().map(line -> line.split("=", 2)).filter(kv -> kv.length == 2).forEach(kv -> server.put(kv[0], kv[1]));
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (server != null) {
      new ProcessBuilder(SCRIPT.toString(), "stop", server.get("dir")).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRunJournalsIntoPostgresqlAndItsDeadLettersAreReadBack() throws IOException {
    // Skipped, not failed, on a machine without PostgreSQL: the README's `mvn -B verify` must pass there.
    Assumptions.assumeTrue(unavailable == null, () -> unavailable);
    Path file = dir.resolve("on-postgres.conf");
    Files.writeString(
        file,
        """
        scenario.architectures = [event-driven]
        traffic { total = 200, arrivals = constant, rate = 1000 }
        service.failure-probability = 0.6
        event-driven.retry.max-retries = 1
        persistence {
          journal = postgresql
          url = "%s"
          user = "%s"
          password-env = CASCADE_TEST_PASSWORD_UNSET
          snapshot-every = 50
        }
        """
            .formatted(server.get("url"), server.get("user")));
    Path runFolder = dir.resolve("run");
    Result run = cascade("run", file.toString(), "--json", "-", "--out", runFolder.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode document = new ObjectMapper().readTree(run.out());
    JsonNode result = document.get("results").get(0);
    assertThat(result.get("lost").asLong()).isZero();
    JsonNode journal = document.get("journal");
    assertThat(journal.get("kind").asText()).isEqualTo("postgresql");
    assertThat(journal.get("events_written").asLong()).isGreaterThanOrEqualTo(2 * result.get("attempts").asLong());
    assertThat(journal.get("snapshots").asLong()).isPositive();
    assertThat(runFolder.resolve("journal.mv.db")).doesNotExist();
    assertThat(Files.readString(runFolder.resolve("run.conf"))).contains(server.get("url")).doesNotContain("password=");

    long deadLettered = result.get("outcomes").get("dead_lettered").asLong();
    assertThat(deadLettered).isPositive();
    Result list = cascade("dlq", "list", runFolder.toString(), "--limit", "1000");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).startsWith("EventDriven: " + deadLettered + " dead letters\n");

    // The replay marks go through Akka persistence too, so they work on PostgreSQL as on H2.
    Result replay = cascade("dlq", "replay", runFolder.toString(), "--rate", "1000", "--set", "service.failure-probability=0");
    assertThat(replay.code()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("marked " + deadLettered + " dead letters of " + runFolder + " as replayed into replay-");
    Result second = cascade("dlq", "replay", runFolder.toString());
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).startsWith("skipped " + deadLettered + " dead letters already replayed into replay-").contains("nothing left to replay");
    Result replayed = cascade("dlq", "list", runFolder.toString());
    assertThat(replayed.out()).contains(deadLettered + " dead letters: " + deadLettered + " replayed, 0 not yet; replays: replay-");
  }
}
