package cascade.run;

/** The run itself failed (exit code 1), as opposed to a bad scenario (exit code 2). */
public final class RunFailedException extends RuntimeException {

  public RunFailedException(String message) {
    super(message, null, false, false);
  }
}
