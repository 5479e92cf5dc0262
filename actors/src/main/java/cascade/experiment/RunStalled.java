package cascade.experiment;

/**
 * A run that can no longer end: requests without an outcome and nothing left that would give them
 * one (see {@link StallPatience}), or a part that never started. Its message is the report a user
 * reads: which requests are open and where they were last seen. The experiment fails with it, and
 * the run ends with exit code 1 instead of waiting for ever.
 */
public final class RunStalled extends RuntimeException {

  public RunStalled(String report) {
    super(report, null, false, false);
  }
}
