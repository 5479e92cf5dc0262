package cascade.cli;

import cascade.bus.DeadLetterQueue;
import cascade.bus.DeadLetterReplays;
import cascade.run.DeadLetterReader;
import cascade.run.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "list",
    description = {
      "Show a run's dead letters: request, tries, the reason of the last failure, how many replays took it and the last one, "
          + "and how every try ended; then how many were replayed, and into which replays.",
      "",
      "It only reads: the journal is opened read-only and the run folder is not changed.",
      ""
    },
    mixinStandardHelpOptions = true)
final class DlqListCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run folder (as printed after `reports:`).")
  Path folder;

  @Option(names = "--limit", paramLabel = "N", description = "Show at most N letters per architecture (default: ${DEFAULT-VALUE}).")
  int limit = 50;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, but was " + limit);
    }
    RunFolder run = RunFolder.read(folder);
    List<DeadLetterReader.Queue> queues = DeadLetterReader.read(run.readOnlyJournal(), run.run(), limit);
    PrintWriter out = spec.commandLine().getOut();
    if (queues.isEmpty()) {
      out.printf("no dead letters in %s%n", folder);
    }
    for (DeadLetterReader.Queue queue : queues) {
      out.printf("%s: %d dead letters%s%n", queue.architecture(), queue.total(), queue.total() > queue.letters().size() ? " (the first " + queue.letters().size() + " shown)" : "");
      out.printf("  %8s  %5s  %-26s  %7s  %-24s  %s%n", "request", "tries", "reason", "replays", "last replay", "how each try ended");
      long number = 1;
      for (DeadLetterQueue.DeadLetter letter : queue.letters()) {
        List<String> replays = queue.replays().replaysOf(number++);
        String last = replays.isEmpty() ? "-" : replays.get(replays.size() - 1);
        out.printf(
            "  %8d  %5d  %-26s  %7d  %-24s  %s%n", letter.requestId(), letter.tries(), letter.reason(), replays.size(), last, String.join(", ", letter.failures()));
      }
    }
    if (!queues.isEmpty()) {
      out.println(summary(queues));
    }
    out.flush();
    return 0;
  }

  /** "30 dead letters: 30 replayed, 0 not yet; replays: replay-20261123-093512 (30 letters)". */
  private static String summary(List<DeadLetterReader.Queue> queues) {
    long total = queues.stream().mapToLong(DeadLetterReader.Queue::total).sum();
    long notReplayed = queues.stream().mapToLong(DeadLetterReader.Queue::notReplayed).sum();
    Map<String, Long> lettersPerReplay = new LinkedHashMap<>();
    for (DeadLetterReader.Queue queue : queues) {
      for (DeadLetterReplays.Replayed replayed : queue.replays().replays()) {
        lettersPerReplay.merge(replayed.replay(), replayed.letters(), Long::sum);
      }
    }
    StringBuilder line = new StringBuilder(String.format("%d dead letters: %d replayed, %d not yet", total, total - notReplayed, notReplayed));
    if (!lettersPerReplay.isEmpty()) {
      line.append("; replays: ");
      lettersPerReplay.forEach((replay, letters) -> line.append(replay).append(" (").append(letters).append(" letters), "));
      line.setLength(line.length() - 2);
    }
    return line.toString();
  }
}
