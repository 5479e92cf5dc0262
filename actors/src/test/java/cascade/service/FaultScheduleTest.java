package cascade.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.service.FaultSchedule.Entry;
import cascade.service.FaultSchedule.Kind;
import cascade.service.FaultSchedule.Modifiers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault schedule as a plain object: given a time, the modifiers in force. */
class FaultScheduleTest {

  private static final long MS = 1_000_000L;

  private static Entry entry(Kind kind, long atMs, long forMs, double value) {
    return new Entry(kind.key, "service", kind, Duration.ofMillis(atMs), Duration.ofMillis(forMs), value, 1);
  }

  @Test
  void aFaultIsInForceFromItsStartUntilJustBeforeItsEnd() {
    FaultSchedule schedule = new FaultSchedule(List.of(entry(Kind.LATENCY, 1000, 500, 3.0)));

    assertThat(schedule.activeAt(999 * MS)).isEqualTo(Modifiers.NORMAL);
    assertThat(schedule.activeAt(1000 * MS).latencyFactor()).isEqualTo(3.0);
    assertThat(schedule.activeAt(1500 * MS - 1).latencyFactor()).isEqualTo(3.0);
    assertThat(schedule.activeAt(1500 * MS)).isEqualTo(Modifiers.NORMAL);
  }

  @Test
  void overlappingFaultsCombine() {
    FaultSchedule schedule =
        new FaultSchedule(
            List.of(
                entry(Kind.LATENCY, 0, 1000, 2.0),
                entry(Kind.LATENCY, 500, 1000, 3.0),
                entry(Kind.CAPACITY_DROP, 500, 100, 0.5),
                entry(Kind.CAPACITY_DROP, 500, 100, 0.5),
                entry(Kind.ERROR_RATE, 500, 100, 0.7),
                entry(Kind.ERROR_RATE, 500, 100, 0.7)));

    Modifiers both = schedule.activeAt(550 * MS);
    assertThat(both.latencyFactor()).isEqualTo(6.0);
    assertThat(both.capacityFactor()).isEqualTo(0.25);
    assertThat(both.addedFailureProbability()).isEqualTo(1.0); // capped: a probability
    assertThat(schedule.activeAt(1200 * MS)).isEqualTo(new Modifiers(3.0, 0.0, 1.0));
  }

  @Test
  void timersAreNeededOnlyWhereModifiersChangeAndOnlyAfterNow() {
    FaultSchedule schedule =
        new FaultSchedule(
            List.of(
                entry(Kind.CAPACITY_DROP, 1000, 500, 0.3),
                entry(Kind.ERROR_RATE, 1500, 200, 0.2),
                new Entry("crash", "service", Kind.CRASH, Duration.ofMillis(300), Duration.ZERO, 0, 1)));

    assertThat(schedule.changeTimesAfter(0)).containsExactly(1000 * MS, 1500 * MS, 1700 * MS);
    assertThat(schedule.changeTimesAfter(1000 * MS)).containsExactly(1500 * MS, 1700 * MS);
  }

  @Test
  void crashesAndHangsHitTheFirstInstancesAndAStallHitsEveryOne() {
    FaultSchedule schedule =
        new FaultSchedule(
            List.of(
                new Entry("crash", "service", Kind.CRASH, Duration.ofMillis(300), Duration.ZERO, 0, 2),
                new Entry("hang", "service", Kind.HANG, Duration.ofMillis(300), Duration.ofMillis(100), 0, 1),
                new Entry("gc", "service", Kind.STALL, Duration.ofMillis(900), Duration.ofMillis(100), 0, 1)));

    assertThat(schedule.hitting(1, Kind.CRASH)).hasSize(1);
    assertThat(schedule.hitting(2, Kind.CRASH)).isEmpty();
    assertThat(schedule.hitting(1, Kind.HANG)).isEmpty();
    assertThat(schedule.hitting(5, Kind.STALL)).hasSize(1);
  }

  @Test
  void aServicesOwnCrashesAndHangsHitEveryInstanceAndMarkNoTrigger() {
    FaultSchedule own = FaultSchedule.ownFaults("service", 3, List.of(Duration.ofMillis(300)), List.of(Duration.ofSeconds(1)), Duration.ofMillis(200));
    FaultSchedule scenarios = new FaultSchedule(List.of(entry(Kind.LATENCY, 2000, 500, 3.0)));
    ServicePlan plan = ServicePlan.of(cascade.model.FailureModel.tutorialDefaults()).withReplicas(3).withOwnSchedule(own);

    assertThat(own.hitting(2, Kind.CRASH)).extracting(Entry::at).containsExactly(Duration.ofMillis(300));
    assertThat(own.hitting(2, Kind.HANG)).extracting(Entry::endNanos).containsExactly(1200 * MS);
    // Recovery is measured from the scenario's faults.schedule only, as before crash-at became entries.
    assertThat(plan.trigger()).isNull();
    assertThat(plan.withSchedule(scenarios).trigger()).isEqualTo(new FaultSchedule.Window(2000 * MS, 2500 * MS));
    assertThat(plan.withSchedule(scenarios).timedFaults().entries()).extracting(Entry::kind).containsExactly(Kind.CRASH, Kind.HANG, Kind.LATENCY);
  }

  @Test
  void theTriggerSpansFromTheFirstStartToTheLastEnd() {
    FaultSchedule schedule = new FaultSchedule(List.of(entry(Kind.HANG, 2000, 100, 0), entry(Kind.LATENCY, 1000, 500, 2.0)));

    assertThat(schedule.trigger()).isEqualTo(new FaultSchedule.Window(1000 * MS, 2100 * MS));
    assertThat(FaultSchedule.NONE.trigger()).isNull();
  }

  @Test
  void eachServiceGetsOnlyTheFaultsAimedAtIt() {
    Entry other = new Entry("db slow", "database", Kind.LATENCY, Duration.ZERO, Duration.ofSeconds(1), 2.0, 1);
    FaultSchedule schedule = new FaultSchedule(List.of(entry(Kind.LATENCY, 0, 100, 3.0), other));

    assertThat(schedule.forTarget("database").entries()).containsExactly(other);
  }

  @Test
  void impossibleEntriesAreRefusedWithTheValue() {
    assertThatThrownBy(() -> entry(Kind.CAPACITY_DROP, 0, 100, 1.5)).hasMessageContaining("(0, 1], but was 1.5");
    assertThatThrownBy(() -> entry(Kind.LATENCY, 0, 0, 2.0)).hasMessageContaining("above 0");
    assertThatThrownBy(() -> entry(Kind.ERROR_RATE, -5, 100, 0.2)).hasMessageContaining("at least 0");
  }
}
