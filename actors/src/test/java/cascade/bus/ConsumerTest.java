package cascade.bus;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import cascade.callpath.PolicySettings;
import cascade.metrics.AttemptResult;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.metrics.Reasons;
import cascade.policy.Backoff;
import cascade.policy.CallOutcome;
import cascade.policy.Retry;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConsumerTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withManualTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  private static final Backoff BACKOFF = Backoff.tutorialDefaults();

  private final TestProbe<BusProtocol.Command> bus = akka.kit().createTestProbe();
  private final TestProbe<DownstreamService.Command> service = akka.kit().createTestProbe();
  private final TestProbe<DeadLetterQueue.Command> deadLetters = akka.kit().createTestProbe();
  private final TestProbe<MetricsRecorder.Command> metrics = akka.kit().createTestProbe();

  /** The consumer's clock; {@link #timePasses} moves it together with the actor system's timers. */
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private void timePasses(Duration duration) {
    clock.addAndGet(duration.toNanos());
    akka.manualTime().timePasses(duration);
  }

  /** The consumer the test started, for {@link #stopConsumer}: deliveries reach it through an adapter. */
  private ActorRef<Consumer.Command> started;

  private ActorRef<BusProtocol.Delivery> startConsumer(int maxRetries, PolicySettings... policies) {
    Retry retry = new Retry(maxRetries, BACKOFF, Set.of(CallOutcome.ERROR, CallOutcome.TIMEOUT));
    ConsumerSettings settings = new ConsumerSettings(Duration.ofMillis(200), retry, true, List.of(policies));
    started =
        akka.kit()
            .spawn(Consumer.create(settings, bus.getRef(), service.getRef(), deadLetters.getRef(), metrics.getRef(), new SplittableRandom(7), clock::get));
    return bus.expectMessageClass(BusProtocol.Pull.class).consumer();
  }

  private void stopConsumer() {
    akka.kit().stop(started);
  }

  @Test
  void aSuccessEndsTheRequestAndPullsTheNextEvent() {
    ActorRef<BusProtocol.Delivery> consumer = startConsumer(3);
    consumer.tell(new BusProtocol.Delivery(new Event(1, clock.get())));

    DownstreamService.Handle handle = service.expectMessageClass(DownstreamService.Handle.class);
    assertThat(handle.attemptId()).isEqualTo(new AttemptId(1, 1));
    handle.replyTo().tell(new DownstreamService.Succeeded(handle.attemptId()));

    assertThat(metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class).result()).isEqualTo(AttemptResult.SUCCEEDED);
    assertThat(metrics.expectMessageClass(MetricsRecorder.RequestEnded.class).outcome()).isEqualTo(Outcome.SUCCEEDED);
    bus.expectMessageClass(BusProtocol.Pull.class);
    stopConsumer();
  }

  @Test
  void retriesThroughTheBusThenDeadLettersAfterMaxTries() {
    ActorRef<BusProtocol.Delivery> consumer = startConsumer(1);
    Event event = new Event(2, clock.get());

    // First try fails: the consumer waits the backoff, re-publishes at the tail, then pulls.
    consumer.tell(new BusProtocol.Delivery(event));
    failNextAttempt(new AttemptId(2, 1));
    metrics.expectMessageClass(MetricsRecorder.RetryScheduled.class);
    bus.expectNoMessage(Duration.ofMillis(20));
    timePasses(Duration.ofNanos(BACKOFF.ceilingNanos(1)));
    BusProtocol.Publish republished = bus.expectMessageClass(BusProtocol.Publish.class);
    assertThat(republished.event().tries()).isEqualTo(1);
    bus.expectMessageClass(BusProtocol.Pull.class);

    // Second try fails too: max-retries is 1, so the event is dead-lettered.
    consumer.tell(new BusProtocol.Delivery(republished.event()));
    failNextAttempt(new AttemptId(2, 2));
    DeadLetterQueue.Enqueue enqueued = deadLetters.expectMessageClass(DeadLetterQueue.Enqueue.class);
    assertThat(enqueued.letter().requestId()).isEqualTo(2);
    assertThat(enqueued.letter().tries()).isEqualTo(2);
    assertThat(enqueued.letter().reason()).isEqualTo(Reasons.LAST_ATTEMPT_FAILED);
    bus.expectMessageClass(BusProtocol.Pull.class);
    metrics.expectNoMessage(Duration.ofMillis(20)); // the DLQ, not the consumer, records the outcome
    stopConsumer();
  }

  @Test
  void aTimedOutTryIsCountedAndCancelled() {
    ActorRef<BusProtocol.Delivery> consumer = startConsumer(0);
    consumer.tell(new BusProtocol.Delivery(new Event(3, clock.get())));
    DownstreamService.Handle handle = service.expectMessageClass(DownstreamService.Handle.class);

    timePasses(Duration.ofMillis(200));

    assertThat(metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class).result()).isEqualTo(AttemptResult.TIMED_OUT);
    assertThat(service.expectMessageClass(DownstreamService.Cancel.class).attemptId()).isEqualTo(handle.attemptId());
    assertThat(deadLetters.expectMessageClass(DeadLetterQueue.Enqueue.class).letter().reason())
        .isEqualTo(Reasons.LAST_ATTEMPT_TIMED_OUT);
    stopConsumer();
  }

  private void failNextAttempt(AttemptId expected) {
    DownstreamService.Handle handle = service.expectMessageClass(DownstreamService.Handle.class);
    assertThat(handle.attemptId()).isEqualTo(expected);
    handle.replyTo().tell(new DownstreamService.Failed(handle.attemptId()));
    assertThat(metrics.expectMessageClass(MetricsRecorder.AttemptEnded.class).result()).isEqualTo(AttemptResult.FAILED);
  }

  @Test
  void aTryItsBreakerRefusesIsDeadLetteredWithTheReasonWhenRejectionsAreNotRetried() {
    // The tutorial's breaker, open for 500 ms after one failure in a window of one: the consumer's
    // clock moves only with the test, so the retry comes exactly within the open period.
    ActorRef<BusProtocol.Delivery> consumer = startConsumer(1, new PolicySettings.TutorialBreaker(1, 1, Duration.ofMillis(500), cascade.callpath.BreakerConsulted.PER_ATTEMPT));
    Event event = new Event(4, clock.get());

    consumer.tell(new BusProtocol.Delivery(event));
    failNextAttempt(new AttemptId(4, 1)); // the one-call window now holds a failure: the breaker opens
    metrics.expectMessageClass(MetricsRecorder.RetryScheduled.class);
    timePasses(Duration.ofNanos(BACKOFF.ceilingNanos(1)));
    BusProtocol.Publish republished = bus.expectMessageClass(BusProtocol.Publish.class);
    bus.expectMessageClass(BusProtocol.Pull.class);

    consumer.tell(new BusProtocol.Delivery(republished.event()));
    DeadLetterQueue.Enqueue enqueued = deadLetters.expectMessageClass(DeadLetterQueue.Enqueue.class);
    assertThat(enqueued.letter().reason()).isEqualTo(Reasons.BREAKER_OPEN);
    assertThat(enqueued.letter().tries()).isEqualTo(2);
    service.expectNoMessage(Duration.ofMillis(20)); // the refused try never reached the service
    bus.expectMessageClass(BusProtocol.Pull.class);

    // Once the open period is over, the breaker lets the next event through.
    timePasses(Duration.ofMillis(500));
    consumer.tell(new BusProtocol.Delivery(new Event(5, clock.get())));
    assertThat(service.expectMessageClass(DownstreamService.Handle.class).attemptId()).isEqualTo(new AttemptId(5, 1));
    stopConsumer();
  }
}
