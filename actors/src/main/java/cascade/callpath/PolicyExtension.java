package cascade.callpath;

import cascade.extension.Extension;
import cascade.extension.ExtensionSettings;
import cascade.policy.PolicyEvents;
import java.util.random.RandomGenerator;

/**
 * A resilience policy of your own, asked before every attempt like the built-in ones: list its
 * name in {@code rpc.policies} or {@code event-driven.policies} and give its keys in the section
 * {@code policy.<name>}.
 */
public interface PolicyExtension extends Extension {

  /**
   * A fresh gate for one call path (each caller and each consumer gets its own).
   *
   * @param events where the gate reports what it did (counted in the report's policy_events)
   * @param random the call path's own stream, split from the scenario's seed
   */
  Gate gate(ExtensionSettings settings, PolicyEvents events, RandomGenerator random);
}
