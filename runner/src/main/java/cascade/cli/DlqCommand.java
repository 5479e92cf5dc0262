package cascade.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "dlq",
    description = {
      "Read or replay the dead letters a run journaled (a run with persistence.journal = h2 or postgresql).",
      ""
    },
    footer = {
      "",
      "Examples (a journaled run whose service fails often enough to fill the dead-letter queue, then its dead letters):",
      "  cascade run scenarios/durable-bus.conf --set service.failure-probability=0.6 --out target/runs/flaky-bus",
      "  cascade dlq list target/runs/flaky-bus",
      "  cascade dlq replay target/runs/flaky-bus --set service.failure-probability=0"
    },
    synopsisSubcommandLabel = "(list | replay)",
    subcommands = {DlqListCommand.class, DlqReplayCommand.class},
    mixinStandardHelpOptions = true)
final class DlqCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: cascade dlq list RUN, or cascade dlq replay RUN");
  }
}
