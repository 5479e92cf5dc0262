package cascade.example;

import cascade.callpath.Gate;
import cascade.extension.ExtensionSettings;
import cascade.callpath.PolicyExtension;
import cascade.policy.CallOutcome;
import cascade.policy.PolicyEvent;
import cascade.policy.PolicyEvents;
import java.util.random.RandomGenerator;

/**
 * The {@link AimdLimit} as a policy a scenario can name: {@code rpc.policies = [aimd-limit]}, with
 * its keys in {@code policy.aimd-limit { initial-limit, min-limit, max-limit, backoff }}.
 */
public final class AimdLimitPolicy implements PolicyExtension {

  @Override
  public String name() {
    return "aimd-limit";
  }

  @Override
  public String description() {
    return "a concurrency limit that grows by one per success and halves on a failure (AIMD)";
  }

  @Override
  public void check(ExtensionSettings settings) {
    limit(settings);
  }

  @Override
  public Gate gate(ExtensionSettings settings, PolicyEvents events, RandomGenerator random) {
    AimdLimit limit = limit(settings);
    return new Gate() {
      @Override
      public Admission admit(long nowNanos, int attempt, boolean mayWait) {
        if (limit.tryAcquire()) {
          return Admission.PASS;
        }
        events.publish(new PolicyEvent("aimd-limit", "rejected", nowNanos));
        return Admission.reject("aimd-limit");
      }

      @Override
      public void withdraw(long nowNanos) {
        limit.release();
      }

      @Override
      public void onAttemptEnded(long nowNanos, CallOutcome outcome, long durationNanos) {
        limit.release(outcome == CallOutcome.SUCCESS);
      }
    };
  }

  private static AimdLimit limit(ExtensionSettings settings) {
    int min = settings.integer("min-limit", 1, 1, 100_000);
    int max = settings.integer("max-limit", 200, 1, 100_000);
    if (max < min) {
      throw new ExtensionSettings.Problem("max-limit", "must be at least min-limit (" + min + "), but was " + max);
    }
    int initial = settings.integer("initial-limit", 20, 1, 100_000);
    if (initial < min || initial > max) {
      throw new ExtensionSettings.Problem("initial-limit", "must be between min-limit and max-limit (" + min + " and " + max + "), but was " + initial);
    }
    double backoff = settings.number("backoff", 0.5, 0.01, 0.99);
    return new AimdLimit(initial, min, max, backoff);
  }
}
