package cascade.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.policy.PolicyEvent;
import cascade.runtime.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node counts into its own histogram and counters and ships them; the coordinator merges them.
 * The merged metrics must read exactly as if every attempt had been recorded on the coordinator.
 */
public class MetricsDeltaTest {

  private static final long MS = 1_000_000L;

  /** A shipment with something in every field, for the serialization test. */
  public static MetricsDelta aShipment() {
    MetricsDelta.Accumulator counted = new MetricsDelta.Accumulator(0, TimeSeries.DEFAULT_INTERVAL_NANOS);
    counted.attempt(AttemptResult.SUCCEEDED, 12 * MS, 150 * MS);
    counted.attempt(AttemptResult.TIMED_OUT, 0, 260 * MS);
    counted.retry(300 * MS, 261 * MS);
    counted.policy("rate-limiter: rejected");
    counted.deadLetter("consumer-3", "Delivery");
    return counted.drain();
  }

  @Test
  void mergedShipmentsReadAsIfEveryAttemptHadBeenRecordedOnTheCoordinator() {
    long start = Clock.nanos() - 2_000 * MS;
    RunMetrics here = new RunMetrics(start);
    RunMetrics merged = new RunMetrics(start);
    MetricsDelta.Accumulator node = new MetricsDelta.Accumulator(start, TimeSeries.DEFAULT_INTERVAL_NANOS);

    for (int i = 0; i < 500; i++) {
      AttemptResult result = AttemptResult.values()[i % AttemptResult.values().length];
      long latency = (5 + i % 40) * MS;
      here.attemptEnded(result, latency);
      node.attempt(result, latency, Clock.nanos());
      if (i % 3 == 0) {
        long due = start + (100 + i) * MS;
        here.retryScheduled(due);
        node.retry(due, Clock.nanos());
      }
      if (i % 100 == 0) {
        // Several shipments, as the relay's timer makes them.
        merged.merge(node.drain());
      }
    }
    here.policyActed(new PolicyEvent("rate-limiter", "rejected", 0));
    node.policy("rate-limiter: rejected");
    merged.merge(node.drain());

    assertThat(merged.attempts()).isEqualTo(here.attempts()).isEqualTo(500);
    assertThat(merged.succeededAttempts()).isEqualTo(here.succeededAttempts());
    assertThat(merged.failedAttempts()).isEqualTo(here.failedAttempts());
    assertThat(merged.timeouts()).isEqualTo(here.timeouts()).isPositive();
    assertThat(merged.shedAttempts()).isEqualTo(here.shedAttempts()).isPositive();
    assertThat(merged.retries()).isEqualTo(here.retries()).isEqualTo(167);
    assertThat(merged.retryPeakPer10Ms()).isEqualTo(here.retryPeakPer10Ms());
    assertThat(merged.tutorialLatency().count()).isEqualTo(here.tutorialLatency().count());
    for (double percentile : new double[] {50, 90, 99, 100}) {
      assertThat(merged.tutorialLatency().percentileMillis(percentile)).isEqualTo(here.tutorialLatency().percentileMillis(percentile));
    }
    assertThat(merged.policyEvents()).isEqualTo(here.policyEvents());
  }

  @Test
  void countsShippedLateLandInTheIntervalInWhichTheyHappened() {
    long start = Clock.nanos() - 2_000 * MS;
    RunMetrics merged = new RunMetrics(start);
    MetricsDelta.Accumulator node = new MetricsDelta.Accumulator(start, TimeSeries.DEFAULT_INTERVAL_NANOS);
    node.attempt(AttemptResult.SUCCEEDED, 10 * MS, start + 250 * MS);
    node.attempt(AttemptResult.FAILED, 0, start + 270 * MS);
    node.retry(start + 900 * MS, start + 720 * MS);
    // The coordinator has already moved on to interval 15 when the shipment arrives.
    merged.timeSeries().attempt(start + 1_550 * MS);
    merged.merge(node.drain());

    List<TimeSeries.Row> rows = merged.timeSeries().finish(start + 1_600 * MS, i -> 0);
    assertThat(rows.get(2).attempts()).isEqualTo(2);
    assertThat(rows.get(7).retries()).isEqualTo(1);
    assertThat(rows.get(15).attempts()).isEqualTo(1);
    assertThat(rows.stream().mapToLong(TimeSeries.Row::attempts).sum()).isEqualTo(3);
  }

  @Test
  void aNodesDeadLettersAreCountedByKindOfRecipient() {
    RunMetrics merged = new RunMetrics(0);
    merged.merge(aShipment());
    assertThat(merged.health().deadLetters()).containsEntry("consumer: Delivery (undeliverable)", 1L);
  }
}
