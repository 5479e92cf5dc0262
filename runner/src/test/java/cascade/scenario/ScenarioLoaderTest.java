package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.callpath.PolicySettings;
import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.policy.Retry;
import cascade.rpc.CallerSettings;
import cascade.scenario.Scenario.Architecture;
import cascade.scenario.Scenario.Arrivals;
import cascade.callpath.BreakerConsulted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

  @TempDir Path dir;

  private Path file(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, body);
    return file;
  }

  private Scenario load(String body, String... overrides) throws IOException {
    return ScenarioLoader.load(file("story.conf", body), List.of(overrides));
  }

  private String problem(String body, String... overrides) throws IOException {
    Path file = file("story.conf", body);
    return org.assertj.core.api.Assertions.catchThrowableOfType(
            ScenarioException.class, () -> ScenarioLoader.load(file, List.of(overrides)))
        .getMessage();
  }

  private String at(int line) {
    return dir.resolve("story.conf") + ":" + line + ": ";
  }

  @Test
  void anEmptyFileRunsTheSeedsDefaults() throws IOException {
    Scenario s = load("");

    assertThat(s.name()).isEqualTo("story");
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.architectures()).containsExactly(Architecture.RPC, Architecture.EVENT_DRIVEN);
    // The seed tutorial's 2000 requests, every one due at once, all of one class.
    assertThat(s.traffic().load()).isEqualTo(new cascade.load.Bursts(2000, 2000, Duration.ZERO));
    assertThat(s.traffic().classes().classes()).containsExactly(new cascade.load.RequestClasses.RequestClass("default", 1, 0));
    assertThat(s.service().model().capacity()).isEqualTo(250);
    assertThat(s.service().model().baseLatency()).isEqualTo(Duration.ofMillis(8));
    assertThat(s.service().model().overloadFailureProbability()).isEqualTo(0.40);
    Retry seedRetry =
        new Retry(
            3, new Backoff(Backoff.Kind.EXPONENTIAL, Backoff.Jitter.FULL, Duration.ofMillis(20), 2.0, Duration.ofMillis(400)),
            Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));
    assertThat(s.service().shedding()).isEqualTo(new cascade.service.LoadShedding(0, 100, true));
    assertThat(s.rpc().timeout()).isEqualTo(Duration.ofMillis(120));
    assertThat(s.rpc().deadline()).isNull();
    assertThat(s.rpc().retry()).isEqualTo(seedRetry);
    assertThat(s.rpc().retryBudget()).isNull();
    // The tutorial's breaker (kind seed): consulted per attempt, 8 failures in the last 20 open it for 500 ms.
    assertThat(s.rpc().policies())
        .containsExactly(
            new PolicySettings.TutorialBreaker(20, 8, Duration.ofMillis(500), BreakerConsulted.PER_ATTEMPT),
            new PolicySettings.Bulkhead(40, 100_000, null));
    assertThat(s.rpc().hedge()).isNull();
    assertThat(s.eventDriven().busCapacity()).isEqualTo(5000);
    assertThat(s.eventDriven().consumers()).isEqualTo(16);
    assertThat(s.eventDriven().consumer().timeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(s.eventDriven().consumer().retry()).isEqualTo(seedRetry);
    assertThat(s.eventDriven().consumer().policies()).isEmpty();
    assertThat(s.eventDriven().deadLettersKept()).isEqualTo(1000);
  }

  @Test
  void theFileWinsOverTheDefaultsAndOverridesWinOverTheFile() throws IOException {
    Scenario s =
        load(
            "scenario.name = mine\ntraffic { total = 500, arrivals = bursts }\nrpc.timeout = 1s\n",
            "traffic.total=42",
            "scenario.architectures=[event-driven]");

    assertThat(s.name()).isEqualTo("mine");
    // Bursts of the default 350 every 80 ms, of the overriding total.
    assertThat(s.traffic().load()).isEqualTo(new cascade.load.Bursts(42, 350, Duration.ofMillis(80)));
    assertThat(s.rpc().timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.architectures()).containsExactly(Architecture.EVENT_DRIVEN);
  }

  @Test
  void aMisspeltKeyIsNamedWithItsLineAndTheKeyItProbablyMeant() throws IOException {
    assertThat(problem("seed = 1\n\ntraffic.totl = 10\n"))
        .isEqualTo(at(3) + "traffic.totl: unknown key; did you mean traffic.total?");
    assertThat(problem("policy {\n  breaker {\n    windw = 10\n  }\n}\n"))
        .isEqualTo(at(3) + "policy.breaker.windw: unknown key; did you mean policy.breaker.window?");
  }

  @Test
  void aKeyFarFromAnyKnownOneGetsNoSuggestion() throws IOException {
    assertThat(problem("colour = blue\n")).isEqualTo(at(1) + "colour: unknown key");
  }

  @Test
  void theFirstProblemByLineIsReported() throws IOException {
    assertThat(problem("seed = 1\nzzz.b = 2\naaa = 3\n")).startsWith(at(2) + "zzz.b: unknown key");
  }

  @Test
  void wrongTypesSayWhatWasExpectedAndWhatWasGiven() throws IOException {
    assertThat(problem("service.capacity = lots\n"))
        .isEqualTo(at(1) + "service.capacity: must be a number, but was \"lots\"");
    assertThat(problem("traffic.gap = 80\n"))
        .isEqualTo(at(1) + "traffic.gap: must be a duration with a unit, like 80ms, but was 80");
    assertThat(problem("traffic.gap = soon\n"))
        .isEqualTo(at(1) + "traffic.gap: must be a duration with a unit, like 80ms or 2s, but was \"soon\"");
    assertThat(problem("scenario.architectures = rpc\n"))
        .isEqualTo(at(1) + "scenario.architectures: must be a list like [rpc], but was \"rpc\"");
    assertThat(problem("traffic.total = 2.5\n")).isEqualTo(at(1) + "traffic.total: must be a whole number, but was 2.5");
    assertThat(problem("rpc.hedge.enabled = maybe\n"))
        .isEqualTo(at(1) + "rpc.hedge.enabled: must be true or false, but was \"maybe\"");
    assertThat(problem("traffic = 5\n")).startsWith(at(1) + "traffic: must be a section with keys like traffic.");
    assertThat(problem("traffic.total { a = 1 }\n"))
        .isEqualTo(at(1) + "traffic.total: must be a single value, not a section with keys (traffic.total.a)");
  }

  @Test
  void impossibleValuesAreRejectedWithTheAllowedRange() throws IOException {
    assertThat(problem("service.capacity = -250\n"))
        .isEqualTo(at(1) + "service.capacity: must be above 0, but was -250");
    assertThat(problem("service.failure-probability = 1.5\n"))
        .isEqualTo(at(1) + "service.failure-probability: must be between 0 and 1, but was 1.5");
    assertThat(problem("event-driven.consumers = 0\n"))
        .isEqualTo(at(1) + "event-driven.consumers: must be at least 1, but was 0");
    assertThat(problem("policy.breaker { window = 5, failure-threshold = 6 }\n"))
        .isEqualTo(at(1) + "policy.breaker.failure-threshold: must be between 1 and 5, but was 6");
    assertThat(problem("rpc.retry { base = 50ms\nmax-delay = 10ms }\n"))
        .isEqualTo(at(2) + "rpc.retry.max-delay: must be at least rpc.retry.base (50ms), but was 10ms");
    assertThat(problem("rpc.timeout = 0ms\n")).isEqualTo(at(1) + "rpc.timeout: must be above 0, but was \"0ms\"");
    assertThat(problem("traffic.total = 3000000000\n"))
        .isEqualTo(at(1) + "traffic.total: must be between 1 and 2147483647, but was 3000000000");
  }

  @Test
  void choicesSuggestTheNearestName() throws IOException {
    assertThat(problem("traffic.arrivals = burts\n"))
        .isEqualTo(at(1) + "traffic.arrivals: must be one of tutorial, bursts, constant, ramp, poisson, step, spike, sinusoidal, replay, closed-loop, cron-herd, but was burts; did you mean bursts?");
    assertThat(problem("scenario.architectures = [rpc, event-drivn]\n"))
        .isEqualTo(at(1) + "scenario.architectures: must name only rpc, event-driven, topology, but has event-drivn; did you mean event-driven?");
    assertThat(problem("scenario.architectures = [rpc, rpc]\n")).isEqualTo(at(1) + "scenario.architectures: names rpc twice");
    assertThat(problem("scenario.architectures = []\n"))
        .isEqualTo(at(1) + "scenario.architectures: must name at least one of rpc, event-driven, topology");
  }

  @Test
  void aBadOverrideIsNamedByTheOverrideItself() throws IOException {
    assertThat(problem("", "traffic.total=-5")).isEqualTo("--set traffic.total=-5: traffic.total: must be at least 1, but was -5");
    assertThat(problem("", "traffic.totl=5")).isEqualTo("--set traffic.totl=5: traffic.totl: unknown key; did you mean traffic.total?");
    assertThat(problem("", "traffic.total")).isEqualTo("--set traffic.total: expected key.path=value, like --set traffic.total=500");
    assertThat(problem("", "=5")).startsWith("--set =5: expected key.path=value");
    assertThat(problem("", "traffic.total={")).startsWith("--set traffic.total={: syntax error: ");
  }

  @Test
  void aSyntaxErrorGivesTheFileAndLine() throws IOException {
    assertThat(problem("seed = 7\ntraffic { total = }\nrpc.timeout = 1s\n")).startsWith(at(2) + "syntax error: ");
  }

  @Test
  void aSubstitutionIsResolvedAgainstTheFileTheOverridesAndTheDefaults() throws IOException {
    Scenario s = load("rpc.timeout = ${service.overload-latency}\nevent-driven.timeout = ${rpc.timeout}\n", "rpc.retry.base=${traffic.gap}");
    assertThat(s.rpc().timeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(s.eventDriven().consumer().timeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(s.rpc().retry().backoff().base()).isEqualTo(Duration.ofMillis(80));
  }

  @Test
  void anUnresolvedSubstitutionNamesItsKeyAndLine() throws IOException {
    assertThat(problem("seed = 1\nrpc.timeout = ${lab.timeout}\n"))
        .isEqualTo(at(2) + "rpc.timeout: unresolved substitution ${lab.timeout}");
    // The key that holds it, not one that refers to that key; and a suggestion for a misspelt path.
    assertThat(problem("event-driven.timeout = ${rpc.timeout}\nrpc.timeout = ${servce.jitter}\n"))
        .isEqualTo(at(2) + "rpc.timeout: unresolved substitution ${servce.jitter}; did you mean service.jitter?");
    assertThat(problem("seed = 1\n", "rpc.timeout=${lab.timeout}"))
        .isEqualTo("--set rpc.timeout=${lab.timeout}: rpc.timeout: unresolved substitution ${lab.timeout}");
  }

  @Test
  void aDurationBeyondOneDayIsRefusedLikeANegativeOne() throws IOException {
    assertThat(problem("seed = 1\nrpc.timeout = 25h\n")).isEqualTo(at(2) + "rpc.timeout: must be at most 1d, but was \"25h\"");
    assertThat(problem("", "traffic.gap=2d")).isEqualTo("--set traffic.gap=2d: traffic.gap: must be at most 1d, but was \"2d\"");
    assertThat(problem("service.faults.crash-at = [1s, 3d]\n"))
        .isEqualTo(at(1) + "service.faults.crash-at: must hold durations of at most 1d, but has \"3d\"");
    assertThat(problem("rpc.deadline = 100000d\n")).isEqualTo(at(1) + "rpc.deadline: must be at most 1d, but was \"100000d\"");
    assertThat(problem("faults.schedule = [\n  { at = 1s, for = 2d, kind = stall }\n]\n"))
        .isEqualTo(at(2) + "faults.schedule[0].for: must be at most 1d, but was \"2d\"");
    assertThat(problem("cluster.mode = processes\nscenario.architectures = [rpc]\ncluster.kill = [ { node = back, at = 1s, restart-after = 30d } ]\n"))
        .isEqualTo(at(3) + "cluster.kill.restart-after (node back): must be at most 1d, but was \"30d\"");
    assertThat(problem("service { model = single-queue, model-settings.mean-service-time = 2d }\n"))
        .isEqualTo(at(1) + "service.model-settings.mean-service-time: must be at most 1d, but was 2d");
    // One day itself is allowed; negative durations stay refused, a node kill's too.
    assertThat(load("rpc.timeout = 1d\n").rpc().timeout()).isEqualTo(Duration.ofDays(1));
    assertThat(problem("rpc.retry.base = -5ms\n")).isEqualTo(at(1) + "rpc.retry.base: must be at least 0, but was \"-5ms\"");
    assertThat(problem("cluster.mode = processes\nscenario.architectures = [rpc]\ncluster.kill = [ { node = back, at = -1s } ]\n"))
        .isEqualTo(at(3) + "cluster.kill.at (node back): must be at least 0, but was \"-1s\"");
  }

  @Test
  void aClusterOnAnAddressBeyondLoopbackRunsWithAWarningNamingTheKey() throws IOException {
    assertThat(load("cluster.mode = in-jvm\ncluster.host = \"0.0.0.0\"\n").warnings())
        .containsExactly(
            at(2) + "warning: cluster.host = 0.0.0.0 is not a loopback address: the cluster transport is neither authenticated nor "
                + "encrypted, so anyone who can reach its port can join the cluster or send messages to its actors");
    assertThat(load("cluster.mode = in-jvm\n", "cluster.host=192.168.1.20").warnings())
        .singleElement().asString().startsWith("--set cluster.host=192.168.1.20: warning: cluster.host = 192.168.1.20 is not a loopback address");
    // On loopback, or without a cluster (nothing listens), there is nothing to warn about.
    assertThat(load("cluster.mode = in-jvm\ncluster.host = \"127.0.0.1\"\n").warnings()).isEmpty();
    assertThat(load("cluster.host = \"0.0.0.0\"\n").warnings()).isEmpty();
  }

  @Test
  void aMissingFileOrAFolderIsNamedAsGiven() {
    assertThatThrownBy(() -> ScenarioLoader.load(Path.of("scenarios/nope.conf"), List.of()))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("scenarios/nope.conf: no such file");
    assertThatThrownBy(() -> ScenarioLoader.load(dir, List.of()))
        .isInstanceOf(ScenarioException.class)
        .hasMessage(dir + ": not a readable file");
  }

  @Test
  void messagesAreOneLineWithoutAStackTrace() throws IOException {
    ScenarioException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ScenarioException.class, () -> ScenarioLoader.load(file("x.conf", "traffic.totl = 1\n"), List.of()));
    assertThat(e.getMessage()).doesNotContain("\n");
    assertThat(e.getStackTrace()).isEmpty();
  }

  @Test
  void everyScenarioShippedWithTheProjectIsValid() throws IOException {
    List<ScenarioCatalog.Entry> entries = ScenarioCatalog.list(Path.of("..", "scenarios"));
    assertThat(entries).extracting(e -> e.file().getFileName().toString()).contains("seed-tutorial.conf", "million-requests.conf");
    assertThat(entries).allSatisfy(e -> assertThat(e.description()).doesNotStartWith("(invalid").isNotBlank());
  }

  @Test
  void variantsRunTheSameArchitectureWithSomeKeysChanged() throws IOException {
    Scenario s =
        load(
            """
            scenario.variants = [
              { name = "plain", architecture = rpc }
              { name = "budgeted", architecture = rpc, set { rpc.retry-budget.enabled = true, rpc.timeout = 1s } }
            ]
            rpc.timeout = 300ms
            """);

    assertThat(s.variants()).extracting(Scenario.Variant::name).containsExactly("plain", "budgeted");
    assertThat(s.variants().get(0).rpc().timeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(s.variants().get(0).rpc().retryBudget()).isNull();
    assertThat(s.variants().get(1).rpc().timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.variants().get(1).rpc().retryBudget()).isNotNull();
  }

  @Test
  void withoutVariantsEachArchitectureRunsUnderTheSeedsName() throws IOException {
    assertThat(load("").variants()).extracting(Scenario.Variant::name).containsExactly("RPC", "EventDriven");
  }

  @Test
  void aVariantsProblemsNameTheVariantAndItsLine() throws IOException {
    assertThat(problem("scenario.variants = [\n  { name = a, architecture = rpc, set { rpc.timout = 1s } }\n]\n"))
        .isEqualTo(at(2) + "rpc.timout: unknown key; did you mean rpc.timeout?");
    assertThat(problem("scenario.variants = [\n  { name = a, architecture = rpc, set { traffic.total = 5 } }\n]\n"))
        .isEqualTo(at(2) + "scenario.variants[0].set.traffic: a variant may change only service, rpc, event-driven, policy, topology keys");
    assertThat(problem("scenario.variants = [\n  { name = a, architecture = rpc, set { rpc.timeout = -1s } }\n]\n"))
        .isEqualTo(at(2) + "rpc.timeout (variant \"a\"): must be above 0, but was \"-1s\"");
    assertThat(problem("scenario.variants = [\n  { architecture = rpc }\n]\n"))
        .isEqualTo(at(2) + "scenario.variants[0].name: every variant needs a name");
    assertThat(problem("scenario.variants = [\n  { name = a, architecture = rcp }\n]\n"))
        .startsWith(at(2) + "scenario.variants[0].architecture: must be one of rpc, event-driven, topology, but was rcp; did you mean rpc?");
  }

  @Test
  void misconfiguredPoliciesAreRejectedWithFileLineAndKey() throws IOException {
    assertThat(problem("rpc.retry.base = -5ms\n")).isEqualTo(at(1) + "rpc.retry.base: must be at least 0, but was \"-5ms\"");
    assertThat(problem("rpc.retry-budget.ratio = 1.5\n"))
        .isEqualTo(at(1) + "rpc.retry-budget.ratio: must be between 0 and 1, but was 1.5");
    assertThat(problem("policy.rate-limiter.rate = 0\n")).isEqualTo(at(1) + "policy.rate-limiter.rate: must be at least 1, but was 0");
    assertThat(problem("rpc.retry.jitter = fancy\n"))
        .isEqualTo(at(1) + "rpc.retry.jitter: must be one of none, full, equal, decorrelated, but was fancy");
    assertThat(problem("policy.breaker.kind = count\n"))
        .isEqualTo(at(1) + "policy.breaker.kind: must be one of tutorial, count-based, time-based, but was count; did you mean count-based?");
    assertThat(problem("rpc.policies = [breaker, bulkhed]\n"))
        .isEqualTo(at(1) + "rpc.policies: must name only breaker, bulkhead, rate-limiter, adaptive-throttle, aimd-limit, but has bulkhed; did you mean bulkhead?");
    assertThat(problem("event-driven.policies = [bulkhead]\n"))
        .isEqualTo(at(1) + "event-driven.policies: cannot use bulkhead: a consumer makes one call at a time (use fewer consumers)");
    assertThat(problem("policy.breaker { half-open-calls = 2, successes-to-close = 3 }\n"))
        .isEqualTo(at(1) + "policy.breaker.successes-to-close: must be between 1 and 2, but was 3");
    assertThat(problem("policy.adaptive-throttle.k = 0\n")).isEqualTo(at(1) + "policy.adaptive-throttle.k: must be above 0, but was 0");
    assertThat(problem("rpc.hedge.percentile = 100\n")).startsWith(at(1) + "rpc.hedge.percentile: must be between 0 and 99.999");
    assertThat(problem("rpc.deadline = never\n")).startsWith(at(1) + "rpc.deadline: must be a duration with a unit");
    assertThat(load("rpc.deadline = 2s\n").rpc().deadline()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void serviceFaultsSupervisionAndReplicasAreReadAndChecked() throws IOException {
    Scenario s =
        load(
            """
            service {
              replicas = 3
              routing = least-loaded
              mailbox-capacity = 100
              faults { crash-probability = 0.02, crash-at = [300ms, 1s], until = 600ms }
              supervision { strategy = restart-with-backoff, min-backoff = 100ms, max-backoff = 1s }
            }
            """);
    assertThat(s.service().replicas()).isEqualTo(3);
    assertThat(s.service().routing()).isEqualTo(cascade.service.Routing.LEAST_LOADED);
    assertThat(s.service().mailboxCapacity()).isEqualTo(100);
    assertThat(s.service().ownSchedule().entries()).extracting(cascade.service.FaultSchedule.Entry::at).containsExactly(Duration.ofMillis(300), Duration.ofSeconds(1));
    assertThat(s.service().faults().until()).isEqualTo(Duration.ofMillis(600));
    assertThat(s.service().supervision().strategy()).isEqualTo(cascade.service.Supervision.Strategy.RESTART_WITH_BACKOFF);

    assertThat(problem("service.supervision.strategy = restrat\n"))
        .isEqualTo(at(1) + "service.supervision.strategy: must be one of resume, restart, restart-with-limit, restart-with-backoff, stop, escalate, but was restrat; did you mean restart?");
    assertThat(problem("service.replicas = 0\n")).isEqualTo(at(1) + "service.replicas: must be at least 1, but was 0");
    assertThat(problem("service.faults.crash-at = [300]\n"))
        .isEqualTo(at(1) + "service.faults.crash-at: must be a list of durations with units like [300ms, 1s], but has 300");
    assertThat(problem("service.faults.crash-probability = 2\n"))
        .isEqualTo(at(1) + "service.faults.crash-probability: must be between 0 and 1, but was 2");
    assertThat(problem("service.supervision { min-backoff = 2s, max-backoff = 1s }\n"))
        .isEqualTo(at(1) + "service.supervision.max-backoff: must be at least service.supervision.min-backoff (2000ms), but was 1000ms");
  }

  @Test
  void aClusterNeedsNodesWithDistinctNamesAndARoleForTheService() throws IOException {
    assertThat(load("").cluster().mode()).isEqualTo(Scenario.ClusterMode.OFF);
    Scenario.Cluster cluster = load("cluster.mode = in-jvm\n").cluster();
    assertThat(cluster.mode()).isEqualTo(Scenario.ClusterMode.IN_JVM);
    assertThat(cluster.nodeWithRole("back").name()).isEqualTo("back");
    assertThat(cluster.serviceRole()).isEqualTo("back");
    assertThat(cluster.eventPathRole()).isEqualTo("front");
    assertThat(problem("cluster.placement.event-path = queue\n"))
        .isEqualTo(at(1) + "cluster.placement.event-path: must be a role of one of the nodes (back, front), but was queue");

    assertThat(problem("cluster.mode = procesess\n")).startsWith(at(1) + "cluster.mode: must be one of off, in-jvm, processes, but was procesess; did you mean processes?");
    assertThat(problem("cluster.placement.service = db\n"))
        .isEqualTo(at(1) + "cluster.placement.service: must be a role of one of the nodes (back, front), but was db");
    assertThat(problem("cluster.nodes = [ { name = a, roles = [x] }, { name = a, roles = [y] } ]\ncluster.placement.service = x\n"))
        .isEqualTo(at(1) + "cluster.nodes: names the node a twice");
    assertThat(problem("cluster.nodes = []\n")).isEqualTo(at(1) + "cluster.nodes: must list at least one node");
  }

  @Test
  void callersGoOnTheFirstNodeUnlessPlacedOnARoleThatExists() throws IOException {
    assertThat(load("cluster.mode = in-jvm\n").cluster().callersRole()).isEmpty();
    assertThat(load("cluster.mode = in-jvm\ncluster.placement.callers = back\n").cluster().callersRole()).isEqualTo("back");
    assertThat(problem("cluster.mode = in-jvm\ncluster.placement.callers = api\n"))
        .isEqualTo(at(2) + "cluster.placement.callers: must be empty or a role of one of the nodes (back, front), but was api");
  }

  @Test
  void anExternalNodeIsWaitedForButNeverTheCoordinatorAndNeverWithoutACluster() throws IOException {
    String external = "cluster.nodes = [ { name = front, roles = [front] }, { name = back, roles = [back], external = true } ]\n";
    Scenario.Cluster cluster = load("cluster.mode = in-jvm\ncluster.port = 25520\ncluster.join-timeout = 5m\n" + external).cluster();
    assertThat(cluster.nodes().get(1).external()).isTrue();
    assertThat(cluster.nodes().get(0).external()).isFalse();
    assertThat(cluster.port()).isEqualTo(25520);
    assertThat(cluster.host()).isEqualTo("127.0.0.1");
    assertThat(cluster.joinTimeout()).hasMinutes(5);
    assertThat(problem("cluster.mode = in-jvm\ncluster.nodes = [ { name = front, roles = [front, back], external = true } ]\n"))
        .isEqualTo(at(2) + "cluster.nodes: the first node coordinates the run and is started by it; it cannot be external");
    assertThat(problem(external)).isEqualTo(at(1) + "cluster.nodes: node back is external, which needs cluster.mode = in-jvm or processes");
    assertThat(problem("cluster.port = 70000\n")).isEqualTo(at(1) + "cluster.port: must be between 0 and 65535, but was 70000");
  }

  @Test
  void aNodeKillNeedsAProcessANodeOtherThanTheCoordinatorAndOneRun() throws IOException {
    String twoProcesses = "cluster.mode = processes\nscenario.architectures = [rpc]\n";
    assertThat(load(twoProcesses + "cluster.kill = [ { node = back, at = 1s } ]\n").cluster().kills())
        .containsExactly(new Scenario.NodeKill("back", Duration.ofSeconds(1), null));
    assertThat(load(twoProcesses + "cluster.kill = [ { node = back, at = 1s, restart-after = 2s } ]\n").cluster().kills())
        .containsExactly(new Scenario.NodeKill("back", Duration.ofSeconds(1), Duration.ofSeconds(2)));
    assertThat(problem(twoProcesses + "cluster.kill = [ { node = back, at = 1s, restart-afer = 2s } ]\n"))
        .isEqualTo(at(3) + "cluster.kill: a kill has node, at and restart-after, but this one has restart-afer; did you mean restart-after?");
    assertThat(problem(twoProcesses + "cluster.kill = [ { node = front, at = 1s } ]\n"))
        .isEqualTo(at(3) + "cluster.kill: can kill only a node other than the first (the coordinator), but names front");
    assertThat(problem("cluster.mode = in-jvm\nscenario.architectures = [rpc]\ncluster.kill = [ { node = back, at = 1s } ]\n"))
        .isEqualTo(at(3) + "cluster.kill: killing a node needs cluster.mode = processes (a process to kill)");
    assertThat(problem("cluster.mode = processes\ncluster.kill = [ { node = back, at = 1s } ]\n"))
        .startsWith(at(2) + "cluster.kill: a node can be killed in a run of one architecture only");
  }

  @Test
  void extensionsOnTheClassPathAreNamedLikeBuiltInPartsAndCheckTheirOwnKeys() throws IOException {
    Scenario s =
        load(
            """
            rpc.policies = [breaker, aimd-limit]
            policy.aimd-limit { initial-limit = 5, backoff = 0.7 }
            service { model = single-queue, model-settings { mean-service-time = 3ms }, routing = two-choices }
            """);
    assertThat(s.rpc().policies())
        .containsExactly(
            new PolicySettings.TutorialBreaker(20, 8, Duration.ofMillis(500), BreakerConsulted.PER_ATTEMPT),
            new PolicySettings.Extension(
                "aimd-limit", new cascade.extension.ExtensionSettings(java.util.Map.of("initial-limit", "5", "backoff", "0.7"))));
    assertThat(s.service().customModel().name()).isEqualTo("single-queue");
    assertThat(s.service().customModel().settings().values()).containsEntry("mean-service-time", "3ms");
    assertThat(s.service().customRouter().name()).isEqualTo("two-choices");
    assertThat(load("").service().customModel()).isNull();

    assertThat(problem("rpc.policies = [aimd-limt]\n"))
        .isEqualTo(at(1) + "rpc.policies: must name only breaker, bulkhead, rate-limiter, adaptive-throttle, aimd-limit, but has aimd-limt; did you mean aimd-limit?");
    assertThat(problem("rpc.policies = [aimd-limit]\npolicy.aimd-limit.backoff = 2\n"))
        .isEqualTo(at(2) + "policy.aimd-limit.backoff: must be between 0.01 and 0.99, but was 2");
    assertThat(problem("service.model = single-queu\n"))
        .isEqualTo(at(1) + "service.model: must be one of tutorial, single-queue, but was single-queu; did you mean single-queue?");
    assertThat(problem("service { model = single-queue, model-settings.mean-service-time = fast }\n"))
        .isEqualTo(at(1) + "service.model-settings.mean-service-time: must be a duration like 80ms or 2s, but was fast");
    Scenario herds = load("traffic { arrivals = cron-herd, shape-settings { herd = 200, period = 500ms } }\n");
    // The extension's own keys shape the load: a herd of 200 in the first period.
    cascade.load.ExtensionShape herd = (cascade.load.ExtensionShape) herds.traffic().load();
    assertThat(herd.name()).isEqualTo("cron-herd");
    assertThat(herd.dueBetween(0, Duration.ofMillis(500).toNanos())).isEqualTo(200);
    assertThat(problem("traffic { arrivals = cron-herd, shape-settings { period = 100ms, spread = 1s } }\n"))
        .isEqualTo(at(1) + "traffic.shape-settings.spread: must be at most period (100ms), but was 1000ms");
    assertThat(problem("traffic.arrivals = cron-hurd\n")).startsWith(at(1) + "traffic.arrivals: must be one of tutorial, bursts,").endsWith("cron-herd, but was cron-hurd; did you mean cron-herd?");
    assertThat(problem("service.routing = two-choice\n"))
        .isEqualTo(at(1) + "service.routing: must be one of round-robin, random, least-loaded, two-choices, but was two-choice; did you mean two-choices?");
  }

  @Test
  void theJournalIsOffUnlessAsked() throws IOException {
    assertThat(load("").persistence()).isEqualTo(new Scenario.Persistence(Scenario.JournalKind.OFF, "", "", "", 1000));
    assertThat(load("persistence.journal = h2\npersistence.snapshot-every = 0").persistence().journal()).isEqualTo(Scenario.JournalKind.H2);
  }

  @Test
  void aPostgresqlJournalNeedsAUrlAndAUserButNeverAPassword() throws IOException {
    assertThat(problem("persistence.journal = postgresql"))
        .isEqualTo(at(1).replace(":1: ", ": ") + "persistence.url: must be a PostgreSQL JDBC URL like jdbc:postgresql://127.0.0.1:5432/cascade, but was \"\"");
    assertThat(problem("persistence {\n journal = postgresql\n url = \"jdbc:postgresql://127.0.0.1/c\"\n}"))
        .endsWith("persistence.user: must name the PostgreSQL user");
    assertThat(problem("persistence {\n journal = postgresql\n url = \"jdbc:postgresql://127.0.0.1/c?password=x\"\n user = me\n}"))
        .contains("persistence.url: must not carry the password");
    assertThat(problem("persistence.password-env = \"s3cret!\""))
        .isEqualTo(at(1) + "persistence.password-env: must be the name of an environment variable (letters, digits, _), not a password");
    Scenario.Persistence pg =
        load("persistence {\n journal = postgresql\n url = \"jdbc:postgresql://127.0.0.1:5432/c\"\n user = me\n password-env = PGPASSWORD\n}").persistence();
    assertThat(pg).isEqualTo(new Scenario.Persistence(Scenario.JournalKind.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/c", "me", "PGPASSWORD", 1000));
  }

  @Test
  void badJournalSettingsAreNamedWithTheirLine() throws IOException {
    assertThat(problem("\npersistence.journal = h3")).startsWith(at(2) + "persistence.journal: must be one of off, h2, postgresql, but was h3");
    assertThat(problem("persistence.snapshot-every = -1")).isEqualTo(at(1) + "persistence.snapshot-every: must be at least 0, but was -1");
    assertThat(problem("persistence.url = \"jdbc:h2:file:/tmp/x\"")).startsWith(at(1) + "persistence.url: is only used with persistence.journal = postgresql");
  }

  @Test
  void aBadBreakerConsultationNamesTheThreeThatExist() throws IOException {
    assertThat(problem("policy.breaker.consulted = retries\n"))
        .isEqualTo(at(1) + "policy.breaker.consulted: must be one of per-attempt, per-request, retries-only, but was retries; did you mean retries-only?");
    assertThat(load("policy.breaker.consulted = retries-only\n").rpc().policies().get(0))
        .isEqualTo(new PolicySettings.TutorialBreaker(20, 8, Duration.ofMillis(500), BreakerConsulted.RETRIES_ONLY));
  }

  @Test
  void theRetryTokenBucketIsOffByDefaultAndCheckedWhenSet() throws IOException {
    assertThat(load("").rpc().retryTokenBucket()).isNull();
    assertThat(load("rpc.retry-token-bucket.enabled = true\n").rpc().retryTokenBucket()).isEqualTo(new CallerSettings.RetryTokens(100, 0.1));
    assertThat(load("rpc.retry-token-bucket { enabled = true, capacity = 10, deposit-per-success = 0.2 }\n").rpc().retryTokenBucket())
        .isEqualTo(new CallerSettings.RetryTokens(10, 0.2));
    assertThat(problem("rpc.retry-token-bucket.deposit-per-success = 0\n"))
        .isEqualTo(at(1) + "rpc.retry-token-bucket.deposit-per-success: must be above 0 and at most 1, but was 0");
    assertThat(problem("rpc.retry-token-bucket.capacity = 0.5\n"))
        .isEqualTo(at(1) + "rpc.retry-token-bucket.capacity: must be between 1 and 1000000000, but was 0.5");
  }

  @Test
  void aNameOfAnEarlierVersionSaysWhatItIsCalledNow() throws IOException {
    String renamed = "; it is now called tutorial (\"seed\" names only the random seed)";
    assertThat(problem("policy.breaker.kind = seed\n"))
        .isEqualTo(at(1) + "policy.breaker.kind: must be one of tutorial, count-based, time-based, but was seed" + renamed);
    assertThat(problem("traffic.arrivals = seed-compatible\n")).startsWith(at(1) + "traffic.arrivals: must be one of tutorial, bursts,").endsWith("but was seed-compatible" + renamed);
    assertThat(problem("service.model = seed\n")).isEqualTo(at(1) + "service.model: must be one of tutorial, single-queue, but was seed" + renamed);
  }
}
