package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Included files and the size limit: every problem names the file it is in. */
class ScenarioFileTest {

  @TempDir Path dir;

  private Path file(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, body);
    return file;
  }

  private String problem(Path file) {
    return catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file, List.of())).getMessage();
  }

  @Test
  void anIncludedFilesKeysAreReadAsIfWrittenInTheIncludingFile() throws IOException {
    file("common.conf", "rpc.timeout = 300ms\n");
    Path story = file("story.conf", "include \"common.conf\"\ntraffic.total = 10\n");

    Scenario s = ScenarioLoader.load(story, List.of());

    assertThat(s.rpc().timeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(s.traffic().load().total()).isEqualTo(10);
  }

  @Test
  void includesAreLookedForBesideTheFileThatIncludesThem() throws IOException {
    // Whatever the working directory: a scenario means the same thing wherever it is run from.
    file("parts/timeouts.conf", "rpc.timeout = 1s\n");
    file("parts/rpc.conf", "include file(\"timeouts.conf\")\n");
    Path story = file("story.conf", "include \"parts/rpc\"\n");

    assertThat(ScenarioLoader.load(story, List.of()).rpc().timeout()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aProblemInAnIncludedFileNamesThatFileAndItsLine() throws IOException {
    Path common = file("common.conf", "seed = 1\n\nservice.capacity = -5\n");
    Path story = file("story.conf", "scenario.description = x\ninclude \"common.conf\"\n");
    assertThat(problem(story)).isEqualTo(common + ":3: service.capacity: must be above 0, but was -5");

    Files.writeString(common, "seed = 1\nrpc.timout = 1s\n");
    assertThat(problem(story)).isEqualTo(common + ":2: rpc.timout: unknown key; did you mean rpc.timeout?");

    Files.writeString(common, "seed = 1\nrpc {\n  timeout = \n}\n");
    assertThat(problem(story)).startsWith(common + ":4: syntax error: ");
  }

  @Test
  void aMissingIncludeNamesTheStatementAndWhereItIsWritten() throws IOException {
    Path story = file("story.conf", "seed = 1\n# include \"old.conf\" is not a statement\ninclude required(\"common.conf\")\n");
    assertThat(problem(story)).isEqualTo(story + ":3: include required(\"common.conf\"): no such file " + dir.resolve("common.conf"));

    // HOCON would skip a plain include of a missing file; a scenario refuses it: a run on defaults
    // the user believes they replaced is worse than no run.
    Files.writeString(story, "seed = 1\ninclude \"comon.conf\"\n");
    assertThat(problem(story)).isEqualTo(story + ":2: include \"comon.conf\": no such file " + dir.resolve("comon.conf"));
  }

  @Test
  void aScenarioIncludesNeitherTheClassPathNorItself() throws IOException {
    Path story = file("story.conf", "include classpath(\"application.conf\")\n");
    assertThat(problem(story)).startsWith(story + ":1: include classpath(\"application.conf\"): a scenario includes only files");

    Path a = file("a.conf", "include \"b.conf\"\n");
    Path b = file("b.conf", "seed = 1\ninclude \"a.conf\"\n");
    assertThat(problem(a)).isEqualTo(b + ":2: include \"a.conf\": the files include each other: " + a + " -> " + b + " -> " + a);
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedBeforeItIsParsed() throws IOException {
    Path big = dir.resolve("big.conf");
    // A sparse file: 12.3 MB on paper, no time to write, and a parser would choke on its zeros.
    try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
      raf.setLength(12_300_000);
    }
    assertThat(problem(big)).isEqualTo(big + ": is 12.3 MB; scenario files are limited to 10 MB");

    // So is an included one, and a file just over the limit is not said to be at it.
    try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
      raf.setLength(ScenarioLoader.FILE_LIMIT_MB * 1_000_000L + 1);
    }
    assertThat(problem(file("story.conf", "include \"big.conf\"\n"))).isEqualTo(big + ": is 10.1 MB; scenario files are limited to 10 MB");
  }

  @Test
  void aFileAtTheSizeLimitIsRead() throws IOException {
    // A key, then one long comment up to the last byte the limit allows.
    byte[] bytes = new byte[ScenarioLoader.FILE_LIMIT_MB * 1_000_000];
    java.util.Arrays.fill(bytes, (byte) 'x');
    byte[] key = "seed = 3\n#".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(key, 0, bytes, 0, key.length);
    Path story = dir.resolve("story.conf");
    Files.write(story, bytes);

    assertThat(ScenarioLoader.load(story, List.of()).seed()).isEqualTo(3);
  }
}
