package cascade.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.metrics.AttemptResult;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.policy.Retry;
import cascade.rpc.CallerSettings.BulkheadPolicy;
import cascade.rpc.CallerSettings.Policy;
import cascade.rpc.CallerSettings.SeedBreaker;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service is a probe, so each test decides every answer; time moves only when told. */
class CallerTest {

  @RegisterExtension static final ActorTestKitExtension akka = ActorTestKitExtension.withManualTime();

  private static final Duration TIMEOUT = Duration.ofMillis(120);
  private static final Backoff BACKOFF = Backoff.seedDefaults();

  private final TestProbe<DownstreamService.Command> service = akka.kit().createTestProbe();
  private final TestProbe<MetricsRecorder.Command> metrics = akka.kit().createTestProbe();

  private ActorRef<Caller.Command> caller(int maxRetries, Policy... policies) {
    return caller(new CallerSettings(TIMEOUT, null, retry(maxRetries), null, true, List.of(policies), null));
  }

  private ActorRef<Caller.Command> caller(CallerSettings settings) {
    return akka.kit().spawn(Caller.create(settings, service.getRef(), metrics.getRef(), new SplittableRandom(7)));
  }

  private static Retry retry(int maxRetries) {
    return new Retry(maxRetries, BACKOFF, Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));
  }

  private static BulkheadPolicy bulkhead(int maxConcurrent, int maxWaiting) {
    return new BulkheadPolicy(maxConcurrent, maxWaiting, null);
  }

  @Test
  void aSuccessfulFirstAttemptEndsTheRequest() {
    ActorRef<Caller.Command> caller = caller(3, bulkhead(40, 100));
    caller.tell(new Caller.Submit(1, System.nanoTime()));

    answer(service.expectMessageClass(DownstreamService.Handle.class), true);

    assertThat(metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class).result()).isEqualTo(AttemptResult.SUCCEEDED);
    assertThat(metrics.expectMessageClass(MetricsRecorder.RequestEnded.class).outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void retriesAfterABackoffThenGivesUpAfterMaxRetriesPlusOneAttempts() {
    ActorRef<Caller.Command> caller = caller(2, bulkhead(40, 100));
    caller.tell(new Caller.Submit(2, System.nanoTime()));

    for (int attempt = 1; attempt <= 3; attempt++) {
      DownstreamService.Handle handle = service.expectMessageClass(DownstreamService.Handle.class);
      assertThat(handle.attemptId()).isEqualTo(new AttemptId(2, attempt));
      answer(handle, false);
      assertThat(metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class).result()).isEqualTo(AttemptResult.FAILED);
      if (attempt < 3) {
        metrics.expectMessageClass(MetricsRecorder.RetryScheduled.class);
        // Nothing before the backoff has passed; the full-jitter wait is below its ceiling.
        service.expectNoMessage(Duration.ofMillis(20));
        akka.manualTime().timePasses(Duration.ofNanos(BACKOFF.ceilingNanos(attempt)));
      }
    }

    MetricsRecorder.RequestEnded ended = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(ended.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended.reason()).isEqualTo(Reasons.LAST_ATTEMPT_FAILED);
    service.expectNoMessage(Duration.ofMillis(20));
  }

  @Test
  void anUnansweredAttemptTimesOutAndIsCancelledAtTheService() {
    ActorRef<Caller.Command> caller = caller(0, bulkhead(40, 100));
    caller.tell(new Caller.Submit(3, System.nanoTime()));
    DownstreamService.Handle handle = service.expectMessageClass(DownstreamService.Handle.class);

    akka.manualTime().timePasses(TIMEOUT);

    assertThat(metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class).result()).isEqualTo(AttemptResult.TIMED_OUT);
    assertThat(service.expectMessageClass(DownstreamService.Cancel.class).attemptId()).isEqualTo(handle.attemptId());
    MetricsRecorder.RequestEnded ended = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(ended.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended.reason()).isEqualTo(Reasons.LAST_ATTEMPT_TIMED_OUT);
  }

  @Test
  void aFullBulkheadStashesOneAttemptAndRejectsTheNext() {
    ActorRef<Caller.Command> caller = caller(0, bulkhead(1, 1));
    caller.tell(new Caller.Submit(10, System.nanoTime()));
    caller.tell(new Caller.Submit(11, System.nanoTime()));
    caller.tell(new Caller.Submit(12, System.nanoTime()));

    DownstreamService.Handle first = service.expectMessageClass(DownstreamService.Handle.class);
    assertThat(first.attemptId().requestId()).isEqualTo(10);
    MetricsRecorder.RequestEnded rejected = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(rejected.reason()).isEqualTo(Reasons.BULKHEAD_FULL);
    service.expectNoMessage(Duration.ofMillis(20));

    answer(first, true);
    // The released permit goes to the stashed request.
    assertThat(service.expectMessageClass(DownstreamService.Handle.class).attemptId().requestId()).isEqualTo(11);
  }

  @Test
  void anOpenBreakerRejectsNewRequestsUntilItsOpenPeriodEnds() {
    ActorRef<Caller.Command> caller = caller(0, new SeedBreaker(2, 2, Duration.ofMillis(100), true), bulkhead(40, 100));
    for (long id = 20; id < 22; id++) {
      caller.tell(new Caller.Submit(id, System.nanoTime()));
      answer(service.expectMessageClass(DownstreamService.Handle.class), false);
    }
    metrics.receiveSeveralMessages(4); // two failed attempts, two failed requests

    caller.tell(new Caller.Submit(22, System.nanoTime()));
    MetricsRecorder.RequestEnded rejected = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(rejected.reason()).isEqualTo(Reasons.BREAKER_OPEN);
    service.expectNoMessage(Duration.ofMillis(20));

    akka.manualTime().timePasses(Duration.ofMillis(100));
    caller.tell(new Caller.Submit(23, System.nanoTime()));
    assertThat(service.expectMessageClass(DownstreamService.Handle.class).attemptId().requestId()).isEqualTo(23);
  }

  @Test
  void aPerAttemptBreakerAlsoStopsRetries() {
    ActorRef<Caller.Command> caller = caller(3, new SeedBreaker(1, 1, Duration.ofMillis(500), false), bulkhead(40, 100));
    caller.tell(new Caller.Submit(30, System.nanoTime()));
    answer(service.expectMessageClass(DownstreamService.Handle.class), false);
    metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class);
    metrics.expectMessageClass(MetricsRecorder.RetryScheduled.class);

    akka.manualTime().timePasses(Duration.ofNanos(BACKOFF.ceilingNanos(1)));

    MetricsRecorder.RequestEnded ended = metrics.expectMessageClass(MetricsRecorder.RequestEnded.class);
    assertThat(ended.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(ended.reason()).isEqualTo(Reasons.BREAKER_OPEN);
    service.expectNoMessage(Duration.ofMillis(20));
  }

  private static void answer(DownstreamService.Handle handle, boolean success) {
    handle.replyTo().tell(success ? new DownstreamService.Succeeded(handle.attemptId()) : new DownstreamService.Failed(handle.attemptId()));
  }
}
