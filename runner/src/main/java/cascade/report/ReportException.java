package cascade.report;

/** A run folder the report cannot be built from: the message names the folder or file and what is wrong. */
public final class ReportException extends RuntimeException {

  public ReportException(String message) {
    super(message);
  }
}
