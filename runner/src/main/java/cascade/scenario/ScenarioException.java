package cascade.scenario;

/**
 * A scenario that cannot run, explained in one line: {@code FILE:LINE: KEY.PATH: problem}, or
 * {@code --set KEY=VALUE: KEY.PATH: problem} for an override. The message is complete on its own;
 * the command line prints it as it is, without a stack trace, and exits with code 2.
 */
public final class ScenarioException extends RuntimeException {

  public ScenarioException(String message) {
    super(message, null, false, false);
  }
}
