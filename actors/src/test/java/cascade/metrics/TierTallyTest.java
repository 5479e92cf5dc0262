package cascade.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A tier's figures counted on the nodes that run it and shipped come out as if counted in one place. */
class TierTallyTest {

  private static final long INTERVAL = 100_000_000L;

  /** A small chain's story: orders receives three attempts, calls stock, retries, answers. */
  private static final List<Object[]> EVENTS =
      List.of(
          new Object[] {new TierTally.Received("orders"), 10_000_000L},
          new Object[] {new TierTally.Served("orders", 11_000_000L), 21_000_000L},
          new Object[] {new TierTally.EdgeAttempt("orders", "stock"), 30_000_000L},
          new Object[] {new TierTally.Received("stock"), 31_000_000L},
          new Object[] {new TierTally.Answered("stock", false), 45_000_000L},
          new Object[] {new TierTally.EdgeRetry("orders", "stock"), 46_000_000L},
          new Object[] {new TierTally.Received("orders"), 120_000_000L},
          new Object[] {new TierTally.EdgeAttempt("orders", "stock"), 130_000_000L},
          new Object[] {new TierTally.Received("stock"), 131_000_000L},
          new Object[] {new TierTally.Served("stock", 9_000_000L), 140_000_000L},
          new Object[] {new TierTally.Answered("stock", true), 141_000_000L},
          new Object[] {new TierTally.EdgeEnded("orders", "stock", true), 142_000_000L},
          new Object[] {new TierTally.Answered("orders", true), 150_000_000L},
          new Object[] {new TierTally.Received("orders"), 250_000_000L},
          new Object[] {new TierTally.Answered("orders", false), 260_000_000L});

  @Test
  void figuresShippedFromTwoNodesInSeveralDrainsEqualThoseCountedInOnePlace() {
    TierTally whole = new TierTally(0, INTERVAL);
    TierTally coordinator = new TierTally(0, INTERVAL);
    TierTally ordersNode = new TierTally(0, INTERVAL);
    TierTally stockNode = new TierTally(0, INTERVAL);
    for (int i = 0; i < EVENTS.size(); i++) {
      TierTally.Event event = (TierTally.Event) EVENTS.get(i)[0];
      long at = (long) EVENTS.get(i)[1];
      whole.count(event, at);
      boolean stocks = event instanceof TierTally.Received r ? r.tier().equals("stock") : event instanceof TierTally.Answered a ? a.tier().equals("stock") : event instanceof TierTally.Served s && s.tier().equals("stock");
      (stocks ? stockNode : ordersNode).count(event, at);
      if (i % 4 == 3) {
        // A shipment now and then, as a relay ships every 100 ms.
        coordinator.merge(ordersNode.drain());
        coordinator.merge(stockNode.drain());
      }
    }
    coordinator.merge(ordersNode.drain());
    coordinator.merge(stockNode.drain());

    for (String tier : List.of("orders", "stock")) {
      TierTally.TierFigures expected = whole.tierFigures(tier);
      TierTally.TierFigures shipped = coordinator.tierFigures(tier);
      assertThat(shipped.received()).as(tier).isEqualTo(expected.received());
      assertThat(shipped.succeeded()).as(tier).isEqualTo(expected.succeeded());
      assertThat(shipped.failed()).as(tier).isEqualTo(expected.failed());
      assertThat(shipped.service().count()).as(tier).isEqualTo(expected.service().count());
      assertThat(shipped.service().percentileMillis(50)).as(tier).isEqualTo(expected.service().percentileMillis(50));
      assertThat(shipped.series().rows()).as(tier).isEqualTo(expected.series().rows());
    }
    assertThat(coordinator.edgeFigures("orders", "stock")).isEqualTo(new TierTally.EdgeFigures(1, 2, 1, 1, 0));
    assertThat(coordinator.tierFigures("orders").received()).isEqualTo(3);
    assertThat(coordinator.tierFigures("orders").series().rows()).extracting(TierSeries.Row::received).containsExactly(1L, 1L, 1L);
    assertThat(coordinator.tierFigures("orders").series().rows()).extracting(TierSeries.Row::attemptsOut).containsExactly(1L, 1L, 0L);
  }

  @Test
  void aDrainLeavesNothingBehindAndATierThatNeverReportedIsZero() {
    TierTally node = new TierTally(0, INTERVAL);
    node.count(new TierTally.Received("orders"), 5);
    assertThat(node.isEmpty()).isFalse();
    TierTally.Delta delta = node.drain();
    assertThat(delta.tiers()).hasSize(1);
    assertThat(node.isEmpty()).isTrue();
    assertThat(node.drain().tiers()).isEmpty();
    assertThat(node.tierFigures("audit").received()).isZero();
    assertThat(node.tierFigures("audit").series().rows()).isEmpty();
    assertThat(node.edgeFigures("audit", "orders")).isEqualTo(new TierTally.EdgeFigures(0, 0, 0, 0, 0));
  }
}
