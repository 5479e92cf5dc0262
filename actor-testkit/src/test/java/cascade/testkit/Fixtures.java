package cascade.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a fixture class (a nested class of a test, which Surefire leaves alone) on the JUnit
 * Platform, as a build would, and returns what happened: so that the extension's failures can
 * themselves be checked.
 */
final class Fixtures {

  private Fixtures() {}

  static TestExecutionSummary run(Class<?> fixture) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), listener);
    return listener.getSummary();
  }

  /** The failures' messages, one per failed test or class. */
  static java.util.List<String> failures(TestExecutionSummary summary) {
    return summary.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException().getMessage()).toList();
  }
}
