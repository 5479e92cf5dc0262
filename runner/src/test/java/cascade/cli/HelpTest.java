package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code --help} teaches must hold: every example is a command that works, and no word of it
 * is cut in two where the text wraps (a user copies what they see).
 */
class HelpTest {

  /** The project's root: scenario paths in the examples are relative to it. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /**
   * Commands whose examples are not run here, and why: they start a process that waits for others
   * (node) or measure the machine for minutes (bench). Their examples are still checked for wrapping.
   */
  private static final List<String> NOT_RUN = List.of("node", "bench");

  @TempDir Path runs;

  @Test
  void noWordOfAnyHelpPageIsCutWhereItsLinesWrap() {
    List<String> cut = new ArrayList<>();
    for (CommandLine command : everyCommand()) {
      // Picocli's default width, as a terminal of 80 columns shows it.
      String shown = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      List<String> shownWords = Arrays.asList(shown.split("\\s+"));
      CommandLine.Model.CommandSpec spec = command.getCommandSpec();
      List<String> written = new ArrayList<>();
      written.addAll(Arrays.asList(spec.usageMessage().description()));
      written.addAll(Arrays.asList(spec.usageMessage().footer()));
      spec.options().stream().filter(option -> !option.hidden()).forEach(option -> written.addAll(Arrays.asList(option.description())));
      for (String text : written) {
        for (String word : text.replace("%n", " ").replace("%%", "%").split("\\s+")) {
          if (word.isBlank() || word.contains("${")) {
            continue; // picocli's own variables are shown expanded
          }
          if (!shownWords.contains(word)) {
            cut.add("'" + word + "' in the help of '" + spec.qualifiedName() + "'");
          }
        }
      }
    }
    assertThat(cut).as("words the help shows cut in two where a line wraps").isEmpty();
  }

  @Test
  void everyExampleInTheHelpIsACommandThatWorks() throws Exception {
    List<String> ran = new ArrayList<>();
    for (CommandLine command : everyCommand()) {
      if (NOT_RUN.contains(command.getCommandName())) {
        continue;
      }
      for (String example : examples(command)) {
        String[] args = localised(example);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("exit code of the example '%s'; it printed:%n%s", example, err).isZero();
        ran.add(example);
      }
    }
    // The examples of run, report, validate, list and dlq, and the one of cascade itself.
    assertThat(ran).hasSizeGreaterThanOrEqualTo(12);
  }

  /** Every command and subcommand, cascade itself first. */
  private static List<CommandLine> everyCommand() {
    List<CommandLine> all = new ArrayList<>();
    collect(new CommandLine(new Main()), all);
    return all;
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      // Aliases list the same command again.
      if (sub.getKey().equals(sub.getValue().getCommandName())) {
        collect(sub.getValue(), all);
      }
    }
  }

  /** The lines of a command's help that show a whole command ("  cascade run ..."). */
  private static List<String> examples(CommandLine command) {
    CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
    return Stream.concat(Arrays.stream(usage.description()), Arrays.stream(usage.footer()))
        .filter(line -> line.startsWith("  cascade "))
        .map(line -> line.substring("  cascade ".length()).strip())
        .toList();
  }

  /**
   * The example's words as the command gets them, with its paths where this test keeps them: the
   * project's scenarios wherever the test runs, and the run folders it writes in a temporary one.
   */
  private String[] localised(String example) throws Exception {
    Files.createDirectories(runs.resolve("target/runs"));
    return Arrays.stream(example.split("\\s+"))
        .map(word -> word.startsWith("scenarios/") ? ROOT.resolve(word).toString() : word)
        .map(word -> word.startsWith("target/") || word.endsWith(".html") ? runs.resolve(word).toString() : word)
        .toArray(String[]::new);
  }
}
