package cascade.testkit;

import cascade.metrics.ArchitectureResult;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a whole run; {@link #architecture} narrows them to one architecture. */
public final class SimulationResultAssert extends AbstractAssert<SimulationResultAssert, SimulationResult> {

  SimulationResultAssert(SimulationResult actual) {
    super(actual, SimulationResultAssert.class);
  }

  /** The assertions on one architecture, by name ({@code RPC}, a variant's) or kind ({@code rpc}). */
  public ArchitectureAssert architecture(String name) {
    isNotNull();
    ArchitectureResult result;
    try {
      result = actual.architecture(name);
    } catch (IllegalArgumentException missing) {
      failWithMessage("%s", missing.getMessage() + System.lineSeparator() + System.lineSeparator() + actual.describe());
      return null;
    }
    return new ArchitectureAssert(result, actual.describe());
  }

  /** The same assertions on every architecture of the run. */
  public SimulationResultAssert eachArchitecture(Consumer<ArchitectureAssert> assertions) {
    isNotNull();
    for (ArchitectureResult result : actual.results()) {
      assertions.accept(new ArchitectureAssert(result, actual.describe()));
    }
    return this;
  }

  /** Every request of every architecture ended in exactly one outcome ({@code lost} is 0). */
  public SimulationResultAssert lostNothing() {
    return eachArchitecture(ArchitectureAssert::lostNothing);
  }
}
