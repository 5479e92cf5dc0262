package cascade.persistence;

/**
 * A journal that cannot be used: missing, corrupt, written by something else, or unreachable.
 * The message is one line that names the file (or database) and says what is wrong.
 */
public final class JournalException extends RuntimeException {

  public JournalException(String message) {
    super(message);
  }
}
