package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run with an H2 journal, then its dead letters listed and replayed from the run folder. */
class DlqCommandTest {

  @TempDir static Path dir;
  static Path runFolder;
  static JsonNode run;

  record Result(int code, String out, String err) {}

  private static Result cascade(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** A failing service: most events end in the dead-letter queue. */
  @BeforeAll
  static void runWithAJournal() throws IOException {
    Path file = dir.resolve("failing.conf");
    Files.writeString(
        file,
        """
        scenario.architectures = [event-driven]
        traffic { total = 60, arrivals = constant, rate = 400 }
        service.failure-probability = 0.8
        event-driven.retry.max-retries = 1
        persistence.journal = h2
        """);
    runFolder = dir.resolve("run");
    Result result = cascade("run", file.toString(), "--json", "-", "--out", runFolder.toString());
    assertThat(result.code()).as(result.err()).isZero();
    run = new ObjectMapper().readTree(result.out());
  }

  @Test
  void theRunReportsWhatItJournaled() {
    JsonNode journal = run.get("journal");
    assertThat(journal.get("kind").asText()).isEqualTo("h2");
    // Every request published once, every try confirmed, every dead letter journaled.
    long attempts = run.get("results").get(0).get("attempts").asLong();
    assertThat(journal.get("events_written").asLong()).isGreaterThanOrEqualTo(2 * attempts);
    assertThat(journal.get("bytes").asLong()).isPositive();
    assertThat(runFolder.resolve("journal.mv.db")).exists();
  }

  @Test
  void listShowsEveryDeadLetterWithHowEachTryEnded() {
    long deadLettered = run.get("results").get(0).get("outcomes").get("dead_lettered").asLong();
    assertThat(deadLettered).isPositive();

    Result list = cascade("dlq", "list", runFolder.toString(), "--limit", "1000");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).startsWith("EventDriven: " + deadLettered + " dead letters\n");
    long rows = list.out().lines().filter(line -> line.matches("\\s+\\d+\\s+2\\s+last-attempt-\\S+\\s+\\S+, \\S+")).count();
    assertThat(rows).isEqualTo(deadLettered);
  }

  @Test
  void replayAfterTheFaultIsFixedEndsEveryDeadLetterInSuccessAndAddsNothingToTheRunFolder() throws IOException {
    long deadLettered = run.get("results").get(0).get("outcomes").get("dead_lettered").asLong();
    Map<String, Long> before = contents(runFolder);

    Result replay = cascade("dlq", "replay", runFolder.toString(), "--rate", "1000", "--set", "service.failure-probability=0", "--json", "-");
    assertThat(replay.code()).as(replay.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(replay.out()).get("results").get(0);
    assertThat(result.get("requests").asLong()).isEqualTo(deadLettered);
    assertThat(result.get("outcomes").get("succeeded").asLong()).isEqualTo(deadLettered);
    assertThat(contents(runFolder).keySet()).isEqualTo(before.keySet());
  }

  @Test
  void aCorruptJournalIsNamedInOneLineAndLeftAlone() throws IOException {
    Path copy = dir.resolve("corrupt");
    Files.createDirectories(copy);
    Files.copy(runFolder.resolve("run.conf"), copy.resolve("run.conf"));
    Files.writeString(copy.resolve("journal.mv.db"), "not a database ".repeat(300));
    Map<String, Long> before = contents(copy);

    Result list = cascade("dlq", "list", copy.toString());
    assertThat(list.code()).isEqualTo(2);
    assertThat(list.err().strip()).startsWith("cascade: " + copy.resolve("journal.mv.db") + ": the journal cannot be opened").doesNotContain("\n");
    assertThat(contents(copy)).isEqualTo(before);
  }

  @Test
  void aRunIntoAFolderWhoseJournalHoldsAnotherRunIsRefused() throws IOException {
    Path file = dir.resolve("again.conf");
    Files.writeString(file, "scenario.architectures = [event-driven]\ntraffic.total = 10\npersistence.journal = h2\n");
    Result again = cascade("run", file.toString(), "--out", runFolder.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err().strip()).isEqualTo("cascade: " + runFolder.resolve("journal.mv.db") + ": already holds the events of a run named run; give this run another --out");
  }

  @Test
  void aFolderWithoutAJournalIsBadUsage() {
    Result list = cascade("dlq", "list", dir.toString());
    assertThat(list.code()).isEqualTo(2);
    assertThat(list.err()).contains("run.conf: not found");
  }

  private static Map<String, Long> contents(Path folder) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> listed = Files.list(folder)) {
      for (Path p : listed.toList()) {
        files.put(p.getFileName().toString(), Files.isDirectory(p) ? -1 : Files.size(p));
      }
    }
    return files;
  }
}
