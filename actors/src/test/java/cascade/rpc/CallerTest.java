package cascade.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.metrics.AttemptResult;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.policy.Retry;
import cascade.callpath.BreakerConsulted;
import cascade.callpath.PolicySettings;
import cascade.callpath.PolicySettings.TutorialBreaker;
import cascade.runtime.Clock;
import cascade.service.Admission;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service is a probe, so each test decides every answer; time moves only when told. */
class CallerTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private static final Duration TIMEOUT = Duration.ofMillis(120);
  private static final Backoff BACKOFF = Backoff.tutorialDefaults();

  private final TestProbe<DownstreamService.Command> service = akka.kit().createTestProbe();
  private final TestProbe<MetricsRecorder.Command> metrics = akka.kit().createTestProbe();

  private ActorRef<Caller.Command> caller(int maxRetries, PolicySettings... policies) {
    return caller(new CallerSettings(TIMEOUT, null, retry(maxRetries), null, true, List.of(policies), null));
  }

  private ActorRef<Caller.Command> caller(CallerSettings settings) {
    return akka.kit().spawn(Caller.create(settings, service.getRef(), metrics.getRef(), new SplittableRandom(7), clock::get));
  }

  /** The caller's clock; {@link #advance} moves it together with the actor system's timers. */
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private void advance(Duration duration) {
    clock.addAndGet(duration.toNanos());
    akka.manualTime().timePasses(duration);
  }

  /** Collects what the caller told the metrics, up to and including the request's outcome. */
  private List<MetricsRecorder.Command> untilRequestEnded() {
    List<MetricsRecorder.Command> seen = new java.util.ArrayList<>();
    metrics.fishForMessage(
        Duration.ofSeconds(3),
        message -> {
          seen.add(message);
          return message instanceof MetricsRecorder.RequestEnded
              ? FishingOutcomes.complete()
              : FishingOutcomes.continueAndIgnore();
        });
    return seen;
  }

  private static MetricsRecorder.RequestEnded ended(List<MetricsRecorder.Command> seen) {
    return (MetricsRecorder.RequestEnded) seen.get(seen.size() - 1);
  }

  private static CallerSettings settings(Duration deadline, Retry retry, CallerSettings.RetryBudget budget, CallerSettings.Hedge hedge, PolicySettings... policies) {
    return new CallerSettings(TIMEOUT, deadline, retry, budget, true, List.of(policies), hedge);
  }

  private static Retry retry(int maxRetries) {
    return new Retry(maxRetries, BACKOFF, Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));
  }

  private static PolicySettings.Bulkhead bulkhead(int maxConcurrent, int maxWaiting) {
    return new PolicySettings.Bulkhead(maxConcurrent, maxWaiting, null);
  }

  @Test
  void aSuccessfulFirstAttemptEndsTheRequest() {
    ActorRef<Caller.Command> caller = caller(3, bulkhead(40, 100));
    caller.tell(new Caller.Submit(1, Clock.nanos()));

    answer(service.expectMessageClass(DownstreamService.Handle.class), true);

    assertThat(metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class).result()).isEqualTo(AttemptResult.SUCCEEDED);
    assertThat(metrics.expectMessageClass(MetricsRecorder.RequestEnded.class).outcome()).isEqualTo(Outcome.SUCCEEDED);
    akka.kit().stop(caller);
  }

  @Test
  void retriesAfterABackoffThenGivesUpAfterMaxRetriesPlusOneAttempts() {
    ActorRef<Caller.Command> caller = caller(2, bulkhead(40, 100));
    caller.tell(new Caller.Submit(2, Clock.nanos()));

    for (int attempt = 1; attempt <= 3; attempt++) {
      DownstreamService.Handle handle = service.expectMessageClass(DownstreamService.Handle.class);
      assertThat(handle.attemptId()).isEqualTo(new AttemptId(2, attempt));
      answer(handle, false);
      assertThat(metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class).result()).isEqualTo(AttemptResult.FAILED);
      if (attempt < 3) {
        metrics.expectMessageClass(MetricsRecorder.RetryScheduled.class);
        // Nothing before the backoff has passed; the full-jitter wait is below its ceiling.
        service.expectNoMessage(Duration.ofMillis(20));
        advance(Duration.ofNanos(BACKOFF.ceilingNanos(attempt)));
      }
    }

    MetricsRecorder.RequestEnded ended = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(ended.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended.reason()).isEqualTo(Reasons.LAST_ATTEMPT_FAILED);
    service.expectNoMessage(Duration.ofMillis(20));
    akka.kit().stop(caller);
  }

  @Test
  void anUnansweredAttemptTimesOutAndIsCancelledAtTheService() {
    ActorRef<Caller.Command> caller = caller(0, bulkhead(40, 100));
    caller.tell(new Caller.Submit(3, Clock.nanos()));
    DownstreamService.Handle handle = service.expectMessageClass(DownstreamService.Handle.class);

    advance(TIMEOUT);

    assertThat(metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class).result()).isEqualTo(AttemptResult.TIMED_OUT);
    assertThat(service.expectMessageClass(DownstreamService.Cancel.class).attemptId()).isEqualTo(handle.attemptId());
    MetricsRecorder.RequestEnded ended = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(ended.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended.reason()).isEqualTo(Reasons.LAST_ATTEMPT_TIMED_OUT);
    akka.kit().stop(caller);
  }

  @Test
  void aFullBulkheadStashesOneAttemptAndRejectsTheNext() {
    ActorRef<Caller.Command> caller = caller(0, bulkhead(1, 1));
    caller.tell(new Caller.Submit(10, Clock.nanos()));
    caller.tell(new Caller.Submit(11, Clock.nanos()));
    caller.tell(new Caller.Submit(12, Clock.nanos()));

    DownstreamService.Handle first = service.expectMessageClass(DownstreamService.Handle.class);
    assertThat(first.attemptId().requestId()).isEqualTo(10);
    MetricsRecorder.RequestEnded rejected = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(rejected.reason()).isEqualTo(Reasons.BULKHEAD_FULL);
    service.expectNoMessage(Duration.ofMillis(20));

    answer(first, true);
    // The released permit goes to the stashed request.
    assertThat(service.expectMessageClass(DownstreamService.Handle.class).attemptId().requestId()).isEqualTo(11);
    akka.kit().stop(caller);
  }

  @Test
  void anOpenBreakerRejectsNewRequestsUntilItsOpenPeriodEnds() {
    ActorRef<Caller.Command> caller = caller(0, new TutorialBreaker(2, 2, Duration.ofMillis(100), BreakerConsulted.PER_REQUEST), bulkhead(40, 100));
    for (long id = 20; id < 22; id++) {
      caller.tell(new Caller.Submit(id, Clock.nanos()));
      answer(service.expectMessageClass(DownstreamService.Handle.class), false);
    }
    metrics.receiveSeveralMessages(4); // two failed attempts, two failed requests

    caller.tell(new Caller.Submit(22, Clock.nanos()));
    MetricsRecorder.RequestEnded rejected = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(rejected.reason()).isEqualTo(Reasons.BREAKER_OPEN);
    service.expectNoMessage(Duration.ofMillis(20));

    advance(Duration.ofMillis(100));
    caller.tell(new Caller.Submit(23, Clock.nanos()));
    assertThat(service.expectMessageClass(DownstreamService.Handle.class).attemptId().requestId()).isEqualTo(23);
    akka.kit().stop(caller);
  }

  @Test
  void aPerAttemptBreakerAlsoStopsRetries() {
    ActorRef<Caller.Command> caller = caller(3, new TutorialBreaker(1, 1, Duration.ofMillis(500), BreakerConsulted.PER_ATTEMPT), bulkhead(40, 100));
    caller.tell(new Caller.Submit(30, Clock.nanos()));
    answer(service.expectMessageClass(DownstreamService.Handle.class), false);
    metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class);
    metrics.expectMessageClass(MetricsRecorder.RetryScheduled.class);

    advance(Duration.ofNanos(BACKOFF.ceilingNanos(1)));

    MetricsRecorder.RequestEnded ended = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(ended.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(ended.reason()).isEqualTo(Reasons.BREAKER_OPEN);
    service.expectNoMessage(Duration.ofMillis(20));
    akka.kit().stop(caller);
  }

  @Test
  void aRetriesOnlyBreakerStopsRetriesWhileOpenButLetsEveryFirstTryThrough() {
    ActorRef<Caller.Command> caller = caller(3, new TutorialBreaker(1, 1, Duration.ofMillis(500), BreakerConsulted.RETRIES_ONLY));
    caller.tell(new Caller.Submit(31, clock.get()));
    answer(service.expectMessageClass(DownstreamService.Handle.class), false); // opens the breaker
    metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class);
    metrics.expectMessageClass(MetricsRecorder.RetryScheduled.class);

    advance(Duration.ofNanos(BACKOFF.ceilingNanos(1)));

    // The retry is not made: the request ends refused by the breaker.
    MetricsRecorder.RequestEnded ended = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(ended.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(ended.reason()).isEqualTo(Reasons.BREAKER_OPEN);
    service.expectNoMessage(Duration.ofMillis(20));

    // Still open (500 ms), yet a new request's first try goes to the service, and succeeds.
    caller.tell(new Caller.Submit(32, clock.get()));
    DownstreamService.Handle first = service.expectMessageClass(DownstreamService.Handle.class);
    assertThat(first.attemptId()).isEqualTo(new AttemptId(32, 1));
    answer(first, true);
    assertThat(ended(untilRequestEnded()).outcome()).isEqualTo(Outcome.SUCCEEDED);
    akka.kit().stop(caller);
  }

  @Test
  void aRetryTokenBucketPaysForRetriesOnlyWithWhatSuccessesDeposited() {
    // One token to start with; each success deposits half of one.
    CallerSettings settings =
        new CallerSettings(TIMEOUT, null, retry(1), null, new CallerSettings.RetryTokens(1, 0.5), true, List.of(), null);
    ActorRef<Caller.Command> caller = caller(settings);

    // The starting token pays request 33's retry, which succeeds and deposits half a token.
    caller.tell(new Caller.Submit(33, clock.get()));
    answer(service.expectMessageClass(DownstreamService.Handle.class), false);
    advance(Duration.ofNanos(BACKOFF.ceilingNanos(1)));
    answer(service.expectMessageClass(DownstreamService.Handle.class), true);
    assertThat(ended(untilRequestEnded()).outcome()).isEqualTo(Outcome.SUCCEEDED);

    // Half a token is not a retry: request 34 fails at its first try.
    caller.tell(new Caller.Submit(34, clock.get()));
    answer(service.expectMessageClass(DownstreamService.Handle.class), false);
    List<MetricsRecorder.Command> seen = untilRequestEnded();
    assertThat(ended(seen).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended(seen).reason()).isEqualTo(Reasons.RETRY_TOKEN_BUCKET_EMPTY);
    assertThat(seen).noneMatch(MetricsRecorder.RetryScheduled.class::isInstance);

    // Request 35 succeeds: a whole token again, and request 36's retry is made.
    caller.tell(new Caller.Submit(35, clock.get()));
    answer(service.expectMessageClass(DownstreamService.Handle.class), true);
    untilRequestEnded();
    caller.tell(new Caller.Submit(36, clock.get()));
    answer(service.expectMessageClass(DownstreamService.Handle.class), false);
    advance(Duration.ofNanos(BACKOFF.ceilingNanos(1)));
    assertThat(service.expectMessageClass(DownstreamService.Handle.class).attemptId()).isEqualTo(new AttemptId(36, 2));
    akka.kit().stop(caller);
  }

  private static void answer(DownstreamService.Handle handle, boolean success) {
    handle.replyTo().tell(success ? new DownstreamService.Succeeded(handle.attemptId()) : new DownstreamService.Failed(handle.attemptId()));
  }

  @Test
  void aDeadlineCutsEachAttemptsTimeoutAndStopsARetryThatWouldStartAfterIt() {
    Retry every40ms = new Retry(3, new Backoff(Backoff.Kind.CONSTANT, Backoff.Jitter.NONE, Duration.ofMillis(40), 1, Duration.ofMillis(40)), Set.of(CallOutcome.ERROR));
    ActorRef<Caller.Command> caller = caller(settings(Duration.ofMillis(50), every40ms, null, null));
    caller.tell(new Caller.Submit(50, clock.get()));

    DownstreamService.Handle first = service.expectMessageClass(DownstreamService.Handle.class);
    assertThat(first.budget()).isEqualTo(Duration.ofMillis(50)); // not the 120 ms timeout
    answer(first, false);
    metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class);
    metrics.expectMessageClass(MetricsRecorder.RetryScheduled.class);
    advance(Duration.ofMillis(40));
    DownstreamService.Handle second = service.expectMessageClass(DownstreamService.Handle.class);
    assertThat(second.budget()).isEqualTo(Duration.ofMillis(10));
    answer(second, false);

    // The next retry would start at 80 ms, after the 50 ms deadline: the request fails now.
    MetricsRecorder.RequestEnded ended = ended(untilRequestEnded());
    assertThat(ended.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended.reason()).isEqualTo(Reasons.DEADLINE_EXCEEDED);
    service.expectNoMessage(Duration.ofMillis(20));
    akka.kit().stop(caller);
  }

  @Test
  void aHedgeGoesOutAfterItsDelayAndTheFirstAnswerWinsWhileTheOtherIsCancelled() {
    CallerSettings.Hedge hedge = new CallerSettings.Hedge(Duration.ofMillis(30), 0, 1);
    ActorRef<Caller.Command> caller = caller(settings(null, retry(0), null, hedge, bulkhead(40, 100)));
    caller.tell(new Caller.Submit(60, clock.get()));
    DownstreamService.Handle first = service.expectMessageClass(DownstreamService.Handle.class);
    service.expectNoMessage(Duration.ofMillis(20));

    advance(Duration.ofMillis(30));
    DownstreamService.Handle hedged = service.expectMessageClass(DownstreamService.Handle.class);
    assertThat(hedged.attemptId()).isEqualTo(new AttemptId(60, 2));
    answer(hedged, true);

    List<MetricsRecorder.Command> seen = untilRequestEnded();
    assertThat(ended(seen).outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(seen).contains(
        new MetricsRecorder.PolicyActed(new cascade.policy.PolicyEvent("hedge", "sent", clock.get())),
        new MetricsRecorder.PolicyActed(new cascade.policy.PolicyEvent("hedge", "cancelled", clock.get())));
    assertThat(service.expectMessageClass(DownstreamService.Cancel.class).attemptId()).isEqualTo(first.attemptId());
    // The loser's late answer changes nothing.
    answer(first, false);
    metrics.expectNoMessage(Duration.ofMillis(20));
    akka.kit().stop(caller);
  }

  @Test
  void aWaitingAttemptGivesUpAfterTheBulkheadsMaximumWaitAndLeavesTheQueue() {
    ActorRef<Caller.Command> caller = caller(settings(null, retry(0), null, null, new PolicySettings.Bulkhead(1, 5, Duration.ofMillis(50))));
    caller.tell(new Caller.Submit(70, clock.get()));
    DownstreamService.Handle first = service.expectMessageClass(DownstreamService.Handle.class);
    caller.tell(new Caller.Submit(71, clock.get()));
    service.expectNoMessage(Duration.ofMillis(20));

    advance(Duration.ofMillis(50));
    MetricsRecorder.RequestEnded gaveUp = ended(untilRequestEnded());
    assertThat(gaveUp.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(gaveUp.reason()).isEqualTo(Reasons.BULKHEAD_WAIT_TIMEOUT);

    answer(first, true);
    untilRequestEnded();
    // The expired attempt is not resumed; the free permit goes to the next request at once.
    caller.tell(new Caller.Submit(72, clock.get()));
    assertThat(service.expectMessageClass(DownstreamService.Handle.class).attemptId().requestId()).isEqualTo(72);
    akka.kit().stop(caller);
  }

  @Test
  void anExhaustedRetryBudgetEndsTheRequestInsteadOfRetrying() {
    CallerSettings.RetryBudget none = new CallerSettings.RetryBudget(0, 0, Duration.ofSeconds(1));
    ActorRef<Caller.Command> caller = caller(settings(null, retry(3), none, null));
    caller.tell(new Caller.Submit(80, clock.get()));
    answer(service.expectMessageClass(DownstreamService.Handle.class), false);

    List<MetricsRecorder.Command> seen = untilRequestEnded();
    assertThat(ended(seen).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended(seen).reason()).isEqualTo(Reasons.RETRY_BUDGET_EXHAUSTED);
    assertThat(seen).noneMatch(MetricsRecorder.RetryScheduled.class::isInstance);
    service.expectNoMessage(Duration.ofMillis(20));
    akka.kit().stop(caller);
  }

  @Test
  void aRateLimitedAttemptWaitsForItsTokenOrIsRejectedIfTheWaitIsTooLong() {
    PolicySettings.RateLimit tenPerSecond = new PolicySettings.RateLimit(1, Duration.ofMillis(100), 1, Duration.ofMillis(150));
    ActorRef<Caller.Command> caller = caller(settings(null, retry(0), null, null, tenPerSecond));
    caller.tell(new Caller.Submit(90, clock.get()));
    caller.tell(new Caller.Submit(91, clock.get()));
    caller.tell(new Caller.Submit(92, clock.get()));

    assertThat(service.expectMessageClass(DownstreamService.Handle.class).attemptId().requestId()).isEqualTo(90);
    MetricsRecorder.RequestEnded refused = ended(untilRequestEnded());
    assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(refused.reason()).isEqualTo(Reasons.RATE_LIMITED);
    service.expectNoMessage(Duration.ofMillis(20));
    advance(Duration.ofMillis(100));
    assertThat(service.expectMessageClass(DownstreamService.Handle.class).attemptId().requestId()).isEqualTo(91);
    akka.kit().stop(caller);
  }

  @Test
  void aServiceThatShedsTheAttemptEndsTheRequestAsFailedWithItsReason() {
    ActorRef<Caller.Command> caller = caller(0, bulkhead(40, 100));
    caller.tell(new Caller.Submit(95, clock.get()));
    DownstreamService.Handle handle = service.expectMessageClass(DownstreamService.Handle.class);
    handle.replyTo().tell(new DownstreamService.Rejected(handle.attemptId(), Admission.SHED_QUEUE_FULL));

    List<MetricsRecorder.Command> seen = untilRequestEnded();
    assertThat(((MetricsRecorder.AttemptEnded) seen.get(0)).result()).isEqualTo(AttemptResult.SHED);
    assertThat(ended(seen).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended(seen).reason()).isEqualTo(Admission.SHED_QUEUE_FULL);
    akka.kit().stop(caller);
  }
}
