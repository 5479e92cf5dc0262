package cascade.cli;

import static cascade.cli.CommandLineRun.cascade;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.cli.CommandLineRun.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with an H2 journal, then its dead letters listed and replayed from the run folder. Tests
 * that replay work on a copy of the folder, so the shared one never holds a replay's marks.
 */
class DlqCommandTest {

  @TempDir static Path dir;
  static Path runFolder;
  static JsonNode run;

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
    // Its size is a fact of the machine, beside the results.
    assertThat(run.get("run_info").get("journal").get("bytes").asLong()).isPositive();
    assertThat(runFolder.resolve("journal.mv.db")).exists();
  }

  @Test
  void listShowsEveryDeadLetterWithHowEachTryEndedAndThatNoneWasReplayed() {
    long deadLettered = deadLettered();
    assertThat(deadLettered).isPositive();

    Result list = cascade("dlq", "list", runFolder.toString(), "--limit", "1000");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).startsWith("EventDriven: " + deadLettered + " dead letters\n");
    long rows = list.out().lines().filter(line -> line.matches("\\s+\\d+\\s+2\\s+last-attempt-\\S+\\s+0\\s+-\\s+\\S+, \\S+")).count();
    assertThat(rows).isEqualTo(deadLettered);
    assertThat(list.out()).endsWith(deadLettered + " dead letters: 0 replayed, " + deadLettered + " not yet\n");
  }

  @Test
  void listLeavesTheJournalByteForByteAsItWas() throws Exception {
    Fingerprint before = Fingerprint.of(journalOf(runFolder));

    Result list = cascade("dlq", "list", runFolder.toString());
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(Fingerprint.of(journalOf(runFolder))).isEqualTo(before);
  }

  @Test
  void replayAfterTheFaultIsFixedEndsEveryDeadLetterInSuccessAndAddsNoFileToTheRunFolder() throws IOException {
    Path copy = copyOfTheRun("fixed");
    Map<String, Long> before = contents(copy);

    Result replay = cascade("dlq", "replay", copy.toString(), "--rate", "1000", "--set", "service.failure-probability=0", "--json", "-");
    assertThat(replay.code()).as(replay.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(replay.out()).get("results").get(0);
    assertThat(result.get("requests").asLong()).isEqualTo(deadLettered());
    assertThat(result.get("outcomes").get("succeeded").asLong()).isEqualTo(deadLettered());
    assertThat(contents(copy).keySet()).isEqualTo(before.keySet());
  }

  @Test
  void aSecondReplaySkipsTheLettersTheFirstReplayedAndAgainReplaysThemAnyway() throws Exception {
    Path copy = copyOfTheRun("twice");
    long deadLettered = deadLettered();

    Result first = cascade("dlq", "replay", copy.toString(), "--rate", "1000", "--set", "service.failure-probability=0", "--json", "-");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(requests(first)).isEqualTo(deadLettered);
    String firstReplay = replayName(first.err());
    assertThat(first.err()).contains("marked " + deadLettered + " dead letters of " + copy + " as replayed into " + firstReplay + "\n");

    Fingerprint marked = Fingerprint.of(journalOf(copy));
    Result second = cascade("dlq", "replay", copy.toString(), "--rate", "1000");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out())
        .isEqualTo(
            "skipped " + deadLettered + " dead letters already replayed into " + firstReplay + "; --again replays them anyway\n"
                + "nothing left to replay in " + copy + "\n");
    assertThat(Fingerprint.of(journalOf(copy))).as("nothing left to replay: the journal is not opened for writing").isEqualTo(marked);

    Result again = cascade("dlq", "replay", copy.toString(), "--rate", "1000", "--again", "--set", "service.failure-probability=0", "--json", "-");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(requests(again)).isEqualTo(deadLettered);
    String againReplay = replayName(again.err());
    assertThat(againReplay).isNotEqualTo(firstReplay);

    Result list = cascade("dlq", "list", copy.toString(), "--limit", "1000");
    assertThat(list.code()).as(list.err()).isZero();
    long twiceReplayed = list.out().lines().filter(line -> line.matches("\\s+\\d+\\s+2\\s+last-attempt-\\S+\\s+2\\s+" + againReplay + "\\s+.*")).count();
    assertThat(twiceReplayed).isEqualTo(deadLettered);
    assertThat(list.out())
        .endsWith(
            deadLettered + " dead letters: " + deadLettered + " replayed, 0 not yet; replays: "
                + firstReplay + " (" + deadLettered + " letters), " + againReplay + " (" + deadLettered + " letters)\n");
  }

  @Test
  void aRefusedReplayLeavesTheJournalByteForByteAsItWas() throws Exception {
    Fingerprint before = Fingerprint.of(journalOf(runFolder));

    Result zeroRate = cascade("dlq", "replay", runFolder.toString(), "--rate", "0");
    assertThat(zeroRate.code()).isEqualTo(2);
    assertThat(zeroRate.err()).startsWith("cascade: --rate must be a number above 0, but was 0.0\n");
    Result misspelt = cascade("dlq", "replay", runFolder.toString(), "--set", "service.failure-probabilty=0");
    assertThat(misspelt.code()).isEqualTo(2);
    assertThat(misspelt.err().strip()).isEqualTo("--set service.failure-probabilty=0: service.failure-probabilty: unknown key; did you mean service.failure-probability?");
    Result impossible = cascade("dlq", "replay", runFolder.toString(), "--set", "service.failure-probability=2");
    assertThat(impossible.code()).isEqualTo(2);
    assertThat(impossible.err().strip()).startsWith("--set service.failure-probability=2: ").doesNotContain("\n");
    Result decided = cascade("dlq", "replay", runFolder.toString(), "--set", "traffic.total=3");
    assertThat(decided.code()).isEqualTo(2);
    assertThat(decided.err().strip())
        .isEqualTo("--set traffic.total=3: a replay sets traffic.total itself (one request per dead letter, at --rate, into the event-driven path, in memory)");
    Result section = cascade("dlq", "replay", runFolder.toString(), "--set", "cluster={mode=in-jvm}");
    assertThat(section.code()).isEqualTo(2);
    assertThat(section.err()).startsWith("--set cluster={mode=in-jvm}: a replay sets cluster.mode itself");

    assertThat(Fingerprint.of(journalOf(runFolder))).isEqualTo(before);
    assertThat(cascade("dlq", "list", runFolder.toString()).out()).contains(": 0 replayed, ");
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

  private static long deadLettered() {
    return run.get("results").get(0).get("outcomes").get("dead_lettered").asLong();
  }

  private static long requests(Result replay) throws IOException {
    return new ObjectMapper().readTree(replay.out()).get("results").get(0).get("requests").asLong();
  }

  /** The replay's name, from its "replaying ... as NAME" line. */
  private static String replayName(String output) {
    Matcher matcher = Pattern.compile(" as (replay-\\d{8}-\\d{6}(-\\d+)?), at ").matcher(output);
    assertThat(matcher.find()).as(output).isTrue();
    return matcher.group(1);
  }

  private static Path journalOf(Path folder) {
    return folder.resolve("journal.mv.db");
  }

  /** A run folder of its own for a test that replays: the journal of the shared one stays unreplayed. */
  private static Path copyOfTheRun(String name) throws IOException {
    Path copy = dir.resolve(name);
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(runFolder)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }

  /** A file's size, last-modified time and SHA-256: equal fingerprints, unchanged file. */
  record Fingerprint(long size, long modifiedMillis, String sha256) {
    static Fingerprint of(Path file) throws IOException, NoSuchAlgorithmException {
      byte[] bytes = Files.readAllBytes(file);
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      return new Fingerprint(bytes.length, Files.getLastModifiedTime(file).toMillis(), hash);
    }
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
