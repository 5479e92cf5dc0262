package cascade.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.SerializationTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.jackson.JacksonCborSerializer;
import cascade.bus.BusProtocol;
import cascade.bus.DeadLetterQueue;
import cascade.cluster.CrossNodeTraffic;
import cascade.cluster.NodeAgent;
import cascade.bus.ConsumerSettings;
import cascade.callpath.PolicySettings;
import cascade.experiment.CallerHost;
import cascade.experiment.EventPathHost;
import cascade.experiment.ExperimentPlan;
import cascade.experiment.ServiceHost;
import cascade.policy.CircuitBreakerConfig;
import cascade.policy.Retry;
import cascade.model.FailureModel;
import cascade.service.FaultSchedule;
import cascade.service.Faults;
import cascade.service.LoadShedding;
import cascade.service.Routing;
import cascade.service.ServicePlan;
import cascade.service.Supervision;
import cascade.bus.Event;
import cascade.metrics.AttemptResult;
import cascade.metrics.MetricsDelta;
import cascade.metrics.MetricsDeltaTest;
import cascade.metrics.MetricsRecorder;
import cascade.metrics.Outcome;
import cascade.policy.PolicyEvent;
import cascade.rpc.Caller;
import cascade.rpc.CallerSettings;
import cascade.service.Admission;
import cascade.service.AttemptId;
import cascade.service.DownstreamService;
import cascade.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every message that may cross nodes goes through Jackson (CBOR) and comes back equal. Java
 * serialization is off, so a type missing from the allow-list would fail here, not on a cluster.
 */
class SerializationTest {

  @RegisterExtension static final ActorTestKitExtension akka =
      ActorTestKitExtension.withRealTime().leftoverActors(ActorTestKitExtension.Leftovers.FAIL);

  @Test
  void everyMessageThatCrossesNodesSurvivesTheRoundTrip() {
    TestProbe<DownstreamService.Reply> replies = akka.kit().createTestProbe();
    TestProbe<BusProtocol.Delivery> deliveries = akka.kit().createTestProbe();
    TestProbe<BusProtocol.Reply> offers = akka.kit().createTestProbe();
    TestProbe<MetricsRecorder.Recorded> recorded = akka.kit().createTestProbe();
    TestProbe<DeadLetterQueue.Stored> stored = akka.kit().createTestProbe();
    TestProbe<cascade.metrics.Whereabouts.Answer> answers = akka.kit().createTestProbe();
    TestProbe<BusProtocol.Depth> depths = akka.kit().createTestProbe();
    AttemptId id = new AttemptId(42, 2);
    Event event = new Event(42, 1, 123_456_789L, 20_000_000L);
    TestProbe<ServiceHost.ServiceStarted> started = akka.kit().createTestProbe();
    TestProbe<MetricsRecorder.Command> recorder = akka.kit().createTestProbe();
    TestProbe<BusProtocol.Command> buses = akka.kit().createTestProbe();
    TestProbe<DownstreamService.Command> services = akka.kit().createTestProbe();
    TestProbe<DownstreamService.InstanceEvent> events = akka.kit().createTestProbe();
    TestProbe<NodeAgent.NodeTraffic> traffic = akka.kit().createTestProbe();
    TestProbe<CallerHost.CallerStarted> callers = akka.kit().createTestProbe();
    TestProbe<Caller.Command> callerRefs = akka.kit().createTestProbe();
    MetricsDelta shipped = MetricsDeltaTest.aShipment();
    ServicePlan plan =
        new ServicePlan(
            FailureModel.tutorialDefaults(),
            new LoadShedding(25, 50, true),
            new Faults(0.02, 0, Duration.ofMillis(300), 3.0, Duration.ZERO, null),
            new Supervision(Supervision.Strategy.RESTART_WITH_BACKOFF, 3, Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(1), 0.2),
            3,
            Routing.LEAST_LOADED,
            100,
            null,
            null,
            new FaultSchedule(List.of(new FaultSchedule.Entry("crash", "service", FaultSchedule.Kind.CRASH, Duration.ofMillis(300), Duration.ZERO, 0, 3))),
            new FaultSchedule(
                List.of(
                    new FaultSchedule.Entry("slow", "service", FaultSchedule.Kind.LATENCY, Duration.ofSeconds(1), Duration.ofMillis(500), 3.0, 1),
                    new FaultSchedule.Entry("drop", "service", FaultSchedule.Kind.CAPACITY_DROP, Duration.ofSeconds(2), Duration.ofMillis(500), 0.3, 1),
                    new FaultSchedule.Entry("errors", "service", FaultSchedule.Kind.ERROR_RATE, Duration.ZERO, Duration.ofMillis(100), 0.5, 1),
                    new FaultSchedule.Entry("crash", "service", FaultSchedule.Kind.CRASH, Duration.ofSeconds(3), Duration.ZERO, 0, 2),
                    new FaultSchedule.Entry("hang", "service", FaultSchedule.Kind.HANG, Duration.ofSeconds(4), Duration.ofMillis(200), 0, 1),
                    new FaultSchedule.Entry("gc", "service", FaultSchedule.Kind.STALL, Duration.ofSeconds(5), Duration.ofMillis(300), 0, 1))));
    ServiceHost.StartService startService = new ServiceHost.StartService(plan, 7, 123L, events.getRef());
    List<CrossesNodes> messages =
        List.of(
            new DownstreamService.Handle(id, replies.getRef(), Duration.ofMillis(120)),
            new DownstreamService.Cancel(id),
            new DownstreamService.Succeeded(id),
            new DownstreamService.Failed(id),
            new DownstreamService.Rejected(id, Admission.SHED_QUEUE_FULL),
            new DownstreamService.Lost(id, DownstreamService.INSTANCE_CRASHED),
            new DownstreamService.InstanceEvent("instance-1", DownstreamService.InstanceChange.CRASHED, 3, 99L),
            new Caller.Submit(42, 123_456_789L),
            new Caller.Submit(43, 123_456_789L, 2),
            new DownstreamService.Handle(id, replies.getRef(), Duration.ofMillis(120), 1),
            new BusProtocol.Publish(new Event(43, 2, 5L, 6L, 1, List.of("error"))),
            new BusProtocol.Publish(event),
            new BusProtocol.Pull(deliveries.getRef()),
            new BusProtocol.Delivery(event),
            new BusProtocol.Delivery(event, true),
            new BusProtocol.Confirm(42, 1),
            new BusProtocol.GetDepth(depths.getRef()),
            new BusProtocol.Depth(3, 16),
            new BusProtocol.Offer(event, offers.getRef()),
            new BusProtocol.Dropped(42, 1),
            new BusProtocol.Accepted(42, 1),
            new BusProtocol.AcceptedAll(List.of(42L, 43L)),
            new BusProtocol.OfferAll(List.of(event, event.tried()), offers.getRef()),
            new MetricsRecorder.EventsRedelivered(3),
            new MetricsRecorder.EndRequest(new MetricsRecorder.RequestEnded(Outcome.DEAD_LETTERED, "last-attempt-failed", 9L, 0, 42), 3, recorded.getRef()),
            new MetricsRecorder.Recorded(42, 3),
            new DeadLetterQueue.Store(new DeadLetterQueue.DeadLetter(42, 4, "last-attempt-failed", 123L, 0, List.of("error", "timeout")), stored.getRef()),
            new DeadLetterQueue.Stored(new DeadLetterQueue.DeadLetter(42, 4, "last-attempt-failed", 123L, 1, List.of("error"))),
            new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, 10L, 0, 42),
            new DeadLetterQueue.Enqueue(new DeadLetterQueue.DeadLetter(42, 4, "last-attempt-failed", 123L)),
            new DeadLetterQueue.Enqueue(new DeadLetterQueue.DeadLetter(43, 4, "last-attempt-failed", 123L, 3, List.of())),
            new MetricsRecorder.RequestEnded(Outcome.FAILED, "last-attempt-failed", 9L, 1, -1),
            new MetricsRecorder.AttemptEnded(AttemptResult.TIMED_OUT, 7L),
            new MetricsRecorder.RetryScheduled(8L),
            new MetricsRecorder.RequestEnded(Outcome.DEAD_LETTERED, "last-attempt-failed", 9L),
            new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, 10L),
            new MetricsRecorder.PolicyActed(new PolicyEvent("breaker", "closed->open", 11L)),
            new MetricsRecorder.InstanceChanged(
                new DownstreamService.InstanceEvent("service", DownstreamService.InstanceChange.STARTED, 0, 12L)),
            startService,
            new NodeAgent.StartService(startService, deliveries.getRef(), started.getRef()),
            new ServiceHost.ServiceStarted(services.getRef(), "back"),
            new EventPathHost.StartEventPath(
                new ExperimentPlan.EventDriven(
                    5000,
                    16,
                    new ConsumerSettings(
                        Duration.ofMillis(200),
                        Retry.tutorialDefaults(),
                        true,
                        List.of(
                            new PolicySettings.Breaker(CircuitBreakerConfig.defaults(), cascade.callpath.BreakerConsulted.RETRIES_ONLY),
                            new PolicySettings.TutorialBreaker(20, 8, Duration.ofMillis(500), cascade.callpath.BreakerConsulted.PER_REQUEST),
                            new PolicySettings.RateLimit(100, Duration.ofSeconds(1), 100, Duration.ZERO),
                            new PolicySettings.AdaptiveThrottle(2.0, Duration.ofSeconds(10)))),
                    100,
                    new ExperimentPlan.Durability("durable-bus-crash", 1000)),
                services.getRef(),
                recorder.getRef(),
                7,
                456L),
            new EventPathHost.EventPathStarted(buses.getRef(), "events"),
            new NodeAgent.GetTraffic(traffic.getRef()),
            new NodeAgent.StartService(startService, deliveries.getRef(), started.getRef(), "downstream-service-1"),
            new NodeAgent.StartCaller(
                new CallerHost.StartCaller(CallerSettings.tutorialDefaults(), services.getRef(), recorder.getRef(), 7, 456L),
                deliveries.getRef(),
                callers.getRef()),
            new CallerHost.CallerStarted(callerRefs.getRef(), "api"),
            new MetricsRecorder.RelayStarted(recorder.getRef()),
            new MetricsRecorder.Flush(recorder.getRef()),
            new MetricsRecorder.Shipment(recorder.getRef(), 3, List.of(new MetricsRecorder.RequestEnded(Outcome.SUCCEEDED, null, 10L, 0, 42)), shipped, 2, List.of(new DownstreamService.InstanceEvent("service", DownstreamService.InstanceChange.STARTED, 0, 12L)), List.of(new PolicyEvent("breaker", "closed->open", 11L)), true, null),
            new MetricsRecorder.Shipment(recorder.getRef(), 4, List.of(), null, 0, List.of(), List.of(), false, null),
            new MetricsRecorder.ShipmentsReceived(4),
            new Caller.WhereAre(List.of(1L, 17L), answers.getRef()),
            new BusProtocol.WhereAre(List.of(1L, 17L), answers.getRef()),
            new cascade.metrics.Whereabouts.Answer("durable event bus on node events", java.util.Map.of(17L, "handed to consumer-3 for try 1, not confirmed")),
            new NodeAgent.NodeTraffic("back", new CrossNodeTraffic.Totals(12, 3400, 15), 4242));

    SerializationTestKit serialization = new SerializationTestKit(akka.kit().system());
    for (CrossesNodes message : messages) {
      assertThat(serializerOf(message)).as(message.getClass().getName()).isInstanceOf(JacksonCborSerializer.class);
      assertThat(serialization.verifySerialization(message, true)).isEqualTo(message);
    }
  }

  /**
   * What a topology placed on nodes sends between them: the start of a tier's share, its counts,
   * and the probe that finds the entry through its router before the load starts.
   */
  @Test
  void everyTopologyMessageThatCrossesNodesSurvivesTheRoundTrip() {
    TestProbe<ServiceHost.ServiceStarted> started = akka.kit().createTestProbe();
    TestProbe<MetricsRecorder.Command> recorder = akka.kit().createTestProbe();
    TestProbe<DownstreamService.InstanceEvent> events = akka.kit().createTestProbe();
    TestProbe<DownstreamService.InFlight> inFlight = akka.kit().createTestProbe();
    // The tier's faults travel with it: they hit it on its node.
    ServicePlan service =
        new ServicePlan(
            FailureModel.tutorialDefaults(), LoadShedding.NONE, Faults.NONE, Supervision.RESTART, 2, Routing.ROUND_ROBIN, 0, null, null,
            FaultSchedule.NONE,
            new FaultSchedule(List.of(new FaultSchedule.Entry("errors", "orders", FaultSchedule.Kind.ERROR_RATE, Duration.ZERO, Duration.ofSeconds(1), 0.5, 1))));
    ExperimentPlan.EventDriven bus =
        new ExperimentPlan.EventDriven(
            500, 4, new ConsumerSettings(Duration.ofMillis(200), Retry.tutorialDefaults(), true, List.of(new PolicySettings.TutorialBreaker(20, 8, Duration.ofMillis(500), cascade.callpath.BreakerConsulted.RETRIES_ONLY))), 10);
    cascade.experiment.TopologyPlan.EdgePlan rpc =
        new cascade.experiment.TopologyPlan.EdgePlan(
            List.of("stock", "pricing"), cascade.experiment.TopologyPlan.Call.RPC, cascade.experiment.TopologyPlan.WaitFor.QUORUM, 1,
            CallerSettings.tutorialDefaults(), bus);
    cascade.experiment.TopologyPlan.EdgePlan event =
        new cascade.experiment.TopologyPlan.EdgePlan(
            List.of("audit"), cascade.experiment.TopologyPlan.Call.EVENT, cascade.experiment.TopologyPlan.WaitFor.ALL, 0,
            CallerSettings.tutorialDefaults(), bus, cascade.experiment.TopologyPlan.BusSide.TO);
    cascade.experiment.TierPlacement.StartTier startTier =
        new cascade.experiment.TierPlacement.StartTier(
            new cascade.experiment.TopologyPlan.TierPlan("orders", service, List.of(rpc, event), "back"),
            java.util.Map.of("stock", "tier-stock-1", "pricing", "tier-pricing-1"),
            java.util.Map.of("tier-stock-1", 2, "tier-pricing-1", 1, "tier-audit-1-bus-from-orders", 1),
            java.util.Map.of("audit", "tier-audit-1-bus-from-orders"),
            List.of(new cascade.experiment.TierPlacement.IncomingBus("gateway", event, -17L, "tier-orders-1-bus-from-gateway")),
            "tier-orders-1",
            99L,
            123L,
            recorder.getRef(),
            events.getRef());
    cascade.metrics.TierTally tally = new cascade.metrics.TierTally(0, 100_000_000L);
    tally.count(new cascade.metrics.TierTally.Received("orders"), 150_000_000L);
    tally.count(new cascade.metrics.TierTally.Served("orders", 11_000_000L), 160_000_000L);
    tally.count(new cascade.metrics.TierTally.Answered("orders", false), 170_000_000L);
    tally.count(new cascade.metrics.TierTally.EdgeAttempt("orders", "stock"), 155_000_000L);
    tally.count(new cascade.metrics.TierTally.EdgeRetry("orders", "stock"), 256_000_000L);
    tally.count(new cascade.metrics.TierTally.EdgeEnded("orders", "stock", false), 300_000_000L);
    cascade.metrics.TierTally.Delta delta = tally.drain();
    List<CrossesNodes> messages =
        List.of(
            startTier,
            new cascade.experiment.TierPlacement.IncomingBus("gateway", event, 5L, "key"),
            new NodeAgent.StartTier(startTier, recorder.getRef(), started.getRef()),
            delta,
            new MetricsRecorder.Shipment(recorder.getRef(), 5, List.of(), null, 0, List.of(), List.of(), false, delta),
            new DownstreamService.GetInFlight(inFlight.getRef()),
            new DownstreamService.InFlight(3, 1));

    SerializationTestKit serialization = new SerializationTestKit(akka.kit().system());
    for (CrossesNodes message : messages) {
      assertThat(serializerOf(message)).as(message.getClass().getName()).isInstanceOf(JacksonCborSerializer.class);
      assertThat(serialization.verifySerialization(message, true)).isEqualTo(message);
    }
  }

  /** What the durable event path journals must read back equal, or a recovery would lose it. */
  @Test
  void everyJournaledTypeSurvivesTheRoundTrip() {
    Event event = new Event(42, 1, 123_456_789L, 20_000_000L).failedAs("timeout");
    DeadLetterQueue.DeadLetter letter =
        new DeadLetterQueue.DeadLetter(42, 4, "last-attempt-failed", 123L, 2, List.of("timeout", "breaker-open", "error", "error"));
    List<Persisted> journaled =
        List.of(
            new cascade.bus.DurableEventBus.Published(event),
            new cascade.bus.DurableEventBus.Confirmed(42, 1),
            new cascade.bus.DurableEventBus.Snapshot(List.of(event, event.tried())),
            new cascade.bus.DurableDeadLetterQueue.DeadLettered(letter),
            new cascade.bus.DurableDeadLetterQueue.Letters(7, List.of(letter)),
            new cascade.bus.DeadLetterReplays.Replayed("replay-20261123-093512", 1, 30));
    SerializationTestKit serialization = new SerializationTestKit(akka.kit().system());
    for (Persisted value : journaled) {
      assertThat(serializerOf(value)).as(value.getClass().getName()).isInstanceOf(JacksonCborSerializer.class);
      assertThat(serialization.verifySerialization(value, false)).isEqualTo(value);
    }
  }

  @Test
  void aMessageOffTheAllowListHasNoSerializer() {
    record NotAllowed(String text) {}
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> serializerOf(new NotAllowed("x")))
        .hasMessageContaining("No configured serialization-bindings");
  }

  private static Serializer serializerOf(Object message) {
    return SerializationExtension.get(Adapter.toClassic(akka.kit().system())).findSerializerFor(message);
  }
}
