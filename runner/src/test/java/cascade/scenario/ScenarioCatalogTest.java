package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCatalogTest {

  @TempDir Path dir;

  @Test
  void listsScenariosOfTheFolderAndItsSubfoldersButNotTheReference() throws IOException {
    Files.writeString(dir.resolve("b.conf"), "scenario.description = \"second\"\n");
    Files.writeString(dir.resolve("a.conf"), "scenario { name = alpha, description = \"first\" }\n");
    Files.createDirectories(dir.resolve("remedies"));
    Files.writeString(dir.resolve("remedies/c.conf"), "scenario.description = \"third\"\n");
    Files.writeString(dir.resolve("reference.conf"), "");
    Files.writeString(dir.resolve("notes.txt"), "not a scenario");

    List<ScenarioCatalog.Entry> entries = ScenarioCatalog.list(dir);

    assertThat(entries)
        .extracting(ScenarioCatalog.Entry::name, ScenarioCatalog.Entry::description)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alpha", "first"),
            org.assertj.core.groups.Tuple.tuple("b", "second"),
            org.assertj.core.groups.Tuple.tuple("c", "third"));
  }

  @Test
  void aBrokenFileIsListedWithItsProblemAndDoesNotHideTheOthers() throws IOException {
    Files.writeString(dir.resolve("good.conf"), "scenario.description = \"fine\"\n");
    Files.writeString(dir.resolve("bad.conf"), "traffic.totl = 1\n");

    List<ScenarioCatalog.Entry> entries = ScenarioCatalog.list(dir);

    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).description()).startsWith("(invalid: ").contains("traffic.totl: unknown key");
    assertThat(entries.get(1).description()).isEqualTo("fine");
  }
}
