package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.callpath.BreakerConsulted;
import cascade.callpath.PolicySettings;
import cascade.policy.CircuitBreakerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call path's keys arrive in the actors' settings under their own names, and their rules are reported at their keys. */
class CallPathReaderTest {

  @TempDir Path dir;

  private Scenario load(String body) throws IOException {
    return ScenarioLoader.load(Files.writeString(dir.resolve("story.conf"), body), List.of());
  }

  private String problem(String body) throws IOException {
    Path file = Files.writeString(dir.resolve("story.conf"), body);
    return org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file, List.of())).getMessage();
  }

  private String at(int line) {
    return dir.resolve("story.conf") + ":" + line + ": ";
  }

  @Test
  void aTimeBasedBreakersKeysArriveUnderTheirOwnNames() throws IOException {
    Scenario s =
        load(
            """
            rpc.policies = [breaker]
            policy.breaker {
              kind = time-based, consulted = retries-only, window-duration = 5s, minimum-calls = 7
              open-for = 1s, max-open-for = 4s, open-growth = 2, half-open-calls = 3, successes-to-close = 2
            }
            """);
    PolicySettings.Breaker breaker = (PolicySettings.Breaker) s.rpc().policies().get(0);
    CircuitBreakerConfig config = breaker.config();
    assertThat(breaker.consulted()).isEqualTo(BreakerConsulted.RETRIES_ONLY);
    assertThat(config.windowType()).isEqualTo(CircuitBreakerConfig.WindowType.TIME_BASED);
    assertThat(config.windowDuration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.minimumCalls()).isEqualTo(7);
    assertThat(config.openFor()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.maxOpenFor()).isEqualTo(Duration.ofSeconds(4));
    assertThat(config.openGrowth()).isEqualTo(2);
    assertThat(config.halfOpenCalls()).isEqualTo(3);
    assertThat(config.successesToClose()).isEqualTo(2);
  }

  @Test
  void aRejectingRateLimiterWaitsNoTimeAndAWaitingOneItsMaxWait() throws IOException {
    assertThat(load("rpc.policies = [rate-limiter]\n").rpc().policies())
        .containsExactly(new PolicySettings.RateLimit(100, Duration.ofSeconds(1), 100, Duration.ZERO));
    assertThat(load("rpc.policies = [rate-limiter]\npolicy.rate-limiter { mode = wait, max-wait = 30ms }\n").rpc().policies())
        .containsExactly(new PolicySettings.RateLimit(100, Duration.ofSeconds(1), 100, Duration.ofMillis(30)));
  }

  @Test
  void aRuleRelatingTwoKeysIsReportedAtItsKeyAndNamesTheOtherInTheSameSection() throws IOException {
    assertThat(problem("policy.breaker { open-for = 1s, max-open-for = 500ms }\n"))
        .isEqualTo(at(1) + "policy.breaker.max-open-for: must be at least policy.breaker.open-for (1000ms), but was 500ms");
    assertThat(problem("event-driven.retry {\n base = 50ms\n max-delay = 10ms\n}\n"))
        .isEqualTo(at(3) + "event-driven.retry.max-delay: must be at least event-driven.retry.base (50ms), but was 10ms");
  }

  @Test
  void everyKeyIsCheckedWhetherThePathUsesItOrNot() throws IOException {
    // The tutorial breaker has no time window and the path lists no throttle: both are still checked.
    assertThat(problem("policy.breaker.window-duration = 1500ms\n"))
        .isEqualTo(at(1) + "policy.breaker.window-duration: must be whole seconds, like 10s, but was 1500ms");
    assertThat(problem("policy.breaker.failure-rate-threshold = 120\n"))
        .isEqualTo(at(1) + "policy.breaker.failure-rate-threshold: must be above 0 and at most 100, but was 120");
    assertThat(problem("rpc.hedge.max-hedges = 0\n")).isEqualTo(at(1) + "rpc.hedge.max-hedges: must be at least 1, but was 0");
    assertThat(problem("event-driven.dead-letters-kept = -1\n"))
        .isEqualTo(at(1) + "event-driven.dead-letters-kept: must be at least 0, but was -1");
  }
}
