package cascade.cli;

import cascade.run.RunFailedException;
import cascade.scenario.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cascade} command. Exit codes: 0 success, 2 bad usage or invalid scenario (one clear
 * message, never a stack trace), 1 the run itself failed.
 */
@Command(
    name = "cascade",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Cascade Lab: watch a burst of load turn into a retry storm, or be absorbed, and prove that a fix works.",
      "",
      "A scenario file (HOCON) describes the load, the downstream service and the architectures to compare; "
          + "every moving part runs as an Akka Typed actor. Start with:",
      "",
      "  cascade run scenarios/seed-tutorial.conf",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 the run failed, 2 bad usage or invalid scenario.",
      "Every key and default: scenarios/reference.conf."
    },
    subcommands = {
      RunCommand.class,
      ListCommand.class,
      ValidateCommand.class,
      ReportCommand.class,
      DlqCommand.class,
      CalibrateCommand.class,
      BenchCommand.class,
      NodeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (used by tests too). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    // Start logging before Akka does: otherwise SLF4J warns on standard error that it replayed
    // the log calls made while it was starting.
    org.slf4j.LoggerFactory.getLogger(Main.class);
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(Main::onBadUsage);
    commandLine.setExecutionExceptionHandler(Main::onFailure);
    return commandLine.execute(args);
  }

  /** {@code cascade} alone: show what it can do. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "no command given");
  }

  private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("cascade: " + e.getMessage());
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
    return 2;
  }

  private static int onFailure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    if (e instanceof ScenarioException) {
      err.println(e.getMessage());
      return 2;
    }
    if (e instanceof cascade.persistence.JournalException) {
      // A journal that cannot be used is bad input, like a bad scenario: one line, no stack trace.
      err.println("cascade: " + e.getMessage());
      return 2;
    }
    if (e instanceof RunFailedException) {
      err.println("cascade: " + e.getMessage());
      return 1;
    }
    err.println("cascade: unexpected error: " + e);
    if (System.getenv("CASCADE_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("(set CASCADE_DEBUG=1 to see where it happened)");
    }
    return 1;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"Cascade Lab " + (version == null ? "(development build)" : version)};
    }
  }
}
