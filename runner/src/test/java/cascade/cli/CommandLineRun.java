package cascade.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The cascade command run in this JVM, as a test sees it: its exit code and what it printed where. */
final class CommandLineRun {

  private CommandLineRun() {}

  /** What a command did: its exit code, its standard output and its standard error. */
  record Result(int code, String out, String err) {}

  static Result cascade(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
