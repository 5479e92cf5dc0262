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
      "Examples:",
      "  cascade dlq list target/runs/durable-bus-20261123-093000",
      "  cascade dlq replay target/runs/durable-bus-20261123-093000 --set service.failure-probability=0"
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
