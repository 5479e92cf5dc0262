package cascade.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.service.Admission.Decision;
import cascade.service.Admission.Queued;
import cascade.service.Admission.Serve;
import cascade.service.Admission.Shed;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final long MS = 1_000_000L;
  /** The service time assumed before any is observed. */
  private static final double TEN_MS = 10 * MS;
  /** A caller that waits long enough for anything. */
  private static final long PATIENT = 1_000 * MS;

  private static final int CHECKOUT = 0;
  private static final int BROWSE = 1;

  private static AttemptId id(long n) {
    return new AttemptId(n, 1);
  }

  /** Arrives with the id's number as its work, of class 0. */
  private static Decision<String> arrive(Admission<String> admission, long n, long budgetNanos, long nowNanos) {
    return arrive(admission, n, CHECKOUT, budgetNanos, nowNanos);
  }

  private static Decision<String> arrive(Admission<String> admission, long n, int requestClass, long budgetNanos, long nowNanos) {
    return admission.arrive(id(n), "a" + n, requestClass, budgetNanos, nowNanos);
  }

  @Test
  void withoutAConcurrencyLimitEveryArrivalIsServed() {
    Admission<String> admission = new Admission<>(LoadShedding.NONE, TEN_MS);

    for (long n = 1; n <= 1_000; n++) {
      assertThat(arrive(admission, n, 0, 0)).isEqualTo(new Serve<>("a" + n));
    }

    assertThat(admission.serving()).isEqualTo(1_000);
    assertThat(admission.next(0)).isNull();
  }

  @Test
  void servesWhileASlotIsFreeThenQueuesAndServesInArrivalOrderAsSlotsFree() {
    Admission<String> admission = new Admission<>(new LoadShedding(2, 5, false), TEN_MS);

    assertThat(arrive(admission, 1, PATIENT, 0)).isEqualTo(new Serve<>("a1"));
    assertThat(arrive(admission, 2, PATIENT, 0)).isEqualTo(new Serve<>("a2"));
    assertThat(arrive(admission, 3, PATIENT, 0)).isEqualTo(new Queued<String>(null));
    assertThat(arrive(admission, 4, PATIENT, 0)).isEqualTo(new Queued<String>(null));
    assertThat(admission.serving()).isEqualTo(2);
    assertThat(admission.queued()).isEqualTo(2);
    // No slot is free: nothing is served next.
    assertThat(admission.next(5 * MS)).isNull();

    assertThat(admission.finish(id(1), 10 * MS)).isEqualTo("a1");
    assertThat(admission.next(10 * MS)).isEqualTo(new Serve<>("a3"));
    assertThat(admission.next(10 * MS)).isNull();
    assertThat(admission.serving()).isEqualTo(2);
    assertThat(admission.queued()).isEqualTo(1);
  }

  @Test
  void anArrivalThatFindsTheQueueFullOfWorkAsImportantIsShed() {
    Admission<String> admission = new Admission<>(new LoadShedding(1, 1, false), TEN_MS);
    arrive(admission, 1, PATIENT, 0);
    arrive(admission, 2, PATIENT, 0);

    assertThat(arrive(admission, 3, PATIENT, 0)).isEqualTo(new Shed<>("a3", Admission.SHED_QUEUE_FULL));
    assertThat(admission.queued()).isEqualTo(1);
  }

  @Test
  void withNoQueueEveryArrivalBeyondTheLimitIsShed() {
    Admission<String> admission = new Admission<>(new LoadShedding(1, 0, false), TEN_MS);
    arrive(admission, 1, PATIENT, 0);

    assertThat(arrive(admission, 2, PATIENT, 0)).isEqualTo(new Shed<>("a2", Admission.SHED_QUEUE_FULL));
  }

  @Test
  void anArrivalWhoseExpectedWaitIsLongerThanItsCallerWaitsIsShedForItsDeadline() {
    Admission<String> admission = new Admission<>(new LoadShedding(1, 10, true), TEN_MS);
    arrive(admission, 1, PATIENT, 0);

    // First in the queue behind one slot: it would wait about one service time, 10 ms.
    assertThat(arrive(admission, 2, 5 * MS, 0)).isEqualTo(new Shed<>("a2", Admission.SHED_DEADLINE));
    assertThat(arrive(admission, 3, 11 * MS, 0)).isEqualTo(new Queued<String>(null));
    // Second in the queue: about 20 ms.
    assertThat(arrive(admission, 4, 15 * MS, 0)).isEqualTo(new Shed<>("a4", Admission.SHED_DEADLINE));
  }

  @Test
  void withoutDeadlineSheddingAnImpatientArrivalIsQueued() {
    Admission<String> admission = new Admission<>(new LoadShedding(1, 10, false), TEN_MS);
    arrive(admission, 1, PATIENT, 0);

    assertThat(arrive(admission, 2, 1, 0)).isEqualTo(new Queued<String>(null));
  }

  @Test
  void theExpectedWaitFollowsTheServiceTimesObserved() {
    Admission<String> admission = new Admission<>(new LoadShedding(1, 10, true), TEN_MS);
    arrive(admission, 1, PATIENT, 0);
    arrive(admission, 2, PATIENT, 0);

    // Attempt 1 took 100 ms: the estimate moves from 10 ms towards it (to 14.5 ms), so a caller
    // that waits 12 ms, which one 10 ms attempt ahead of it would have left in time, is refused.
    admission.finish(id(1), 100 * MS);
    assertThat(admission.next(100 * MS)).isEqualTo(new Serve<>("a2"));

    assertThat(arrive(admission, 3, 12 * MS, 100 * MS)).isEqualTo(new Shed<>("a3", Admission.SHED_DEADLINE));
    assertThat(arrive(admission, 4, 15 * MS, 100 * MS)).isEqualTo(new Queued<String>(null));
  }

  @Test
  void queuedWorkWhoseCallerHasGivenUpIsShedWhenItsTurnComesAndTheNextIsServed() {
    Admission<String> admission = new Admission<>(new LoadShedding(1, 10, false), TEN_MS);
    arrive(admission, 1, PATIENT, 0);
    arrive(admission, 2, 10 * MS, 0);
    arrive(admission, 3, 30 * MS, 5 * MS);

    admission.finish(id(1), 10 * MS);

    assertThat(admission.next(10 * MS)).isEqualTo(new Shed<>("a2", Admission.SHED_EXPIRED));
    assertThat(admission.next(10 * MS)).isEqualTo(new Serve<>("a3"));
    assertThat(admission.next(10 * MS)).isNull();
  }

  @Test
  void aMoreImportantArrivalPushesTheNewestLeastImportantWorkOutOfAFullQueue() {
    LoadShedding checkoutFirst = new LoadShedding(1, 2, false, List.of(1, 0));
    Admission<String> admission = new Admission<>(checkoutFirst, TEN_MS);
    arrive(admission, 1, BROWSE, PATIENT, 0); // served
    arrive(admission, 2, BROWSE, PATIENT, 0); // queued
    arrive(admission, 3, BROWSE, PATIENT, 0); // queued

    assertThat(arrive(admission, 4, CHECKOUT, PATIENT, 0))
        .isEqualTo(new Queued<>(new Shed<>("a3", Admission.SHED_FOR_PRIORITY)));
    assertThat(arrive(admission, 5, BROWSE, PATIENT, 0)).isEqualTo(new Shed<>("a5", Admission.SHED_QUEUE_FULL));
    assertThat(arrive(admission, 6, CHECKOUT, PATIENT, 0))
        .isEqualTo(new Queued<>(new Shed<>("a2", Admission.SHED_FOR_PRIORITY)));
    assertThat(arrive(admission, 7, CHECKOUT, PATIENT, 0)).isEqualTo(new Shed<>("a7", Admission.SHED_QUEUE_FULL));

    admission.finish(id(1), 10 * MS);
    assertThat(admission.next(10 * MS)).isEqualTo(new Serve<>("a4"));
  }

  @Test
  void moreImportantWorkIsServedFirstAndExpectsToWaitOnlyBehindWorkAsImportant() {
    LoadShedding checkoutFirst = new LoadShedding(1, 10, true, List.of(1, 0));
    Admission<String> admission = new Admission<>(checkoutFirst, TEN_MS);
    arrive(admission, 1, BROWSE, PATIENT, 0);
    arrive(admission, 2, BROWSE, PATIENT, 0);
    arrive(admission, 3, BROWSE, PATIENT, 0);

    // Behind two browses a browse expects 30 ms, but a checkout goes ahead of them: 10 ms.
    assertThat(arrive(admission, 4, BROWSE, 25 * MS, 0)).isEqualTo(new Shed<>("a4", Admission.SHED_DEADLINE));
    assertThat(arrive(admission, 5, CHECKOUT, 15 * MS, 0)).isEqualTo(new Queued<String>(null));

    admission.finish(id(1), 10 * MS);
    assertThat(admission.next(10 * MS)).isEqualTo(new Serve<>("a5"));
    admission.finish(id(5), 20 * MS);
    assertThat(admission.next(20 * MS)).isEqualTo(new Serve<>("a2"));
  }

  @Test
  void aCancelledAttemptFreesItsSlotOrItsPlaceAndIsForgotten() {
    Admission<String> admission = new Admission<>(new LoadShedding(1, 5, false), TEN_MS);
    arrive(admission, 1, PATIENT, 0);
    arrive(admission, 2, PATIENT, 0);
    arrive(admission, 3, PATIENT, 0);

    admission.cancel(id(2));
    assertThat(admission.queued()).isEqualTo(1);
    assertThat(admission.next(1 * MS)).isNull();

    admission.cancel(id(1));
    assertThat(admission.finish(id(1), 10 * MS)).isNull();
    assertThat(admission.next(1 * MS)).isEqualTo(new Serve<>("a3"));
    admission.cancel(id(99));
    assertThat(admission.serving()).isEqualTo(1);
    assertThat(admission.queued()).isZero();
  }

  @Test
  void drainingHandsBackEverythingAdmittedServedFirstAndForgetsIt() {
    Admission<String> admission = new Admission<>(new LoadShedding(2, 5, false), TEN_MS);
    for (long n = 1; n <= 4; n++) {
      arrive(admission, n, PATIENT, 0);
    }

    List<String> held = admission.drain();

    assertThat(held).hasSize(4);
    assertThat(held.subList(0, 2)).containsExactlyInAnyOrder("a1", "a2");
    assertThat(held.subList(2, 4)).containsExactly("a3", "a4");
    assertThat(admission.serving()).isZero();
    assertThat(admission.queued()).isZero();
    assertThat(admission.finish(id(1), 10 * MS)).isNull();
    assertThat(arrive(admission, 5, PATIENT, 0)).isEqualTo(new Serve<>("a5"));
  }

  @Test
  void settingsOutOfRangeAreRefusedWithTheOffendingValue() {
    assertThatThrownBy(() -> new LoadShedding(-1, 0, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConcurrent must be at least 0, but was -1");
    assertThatThrownBy(() -> new LoadShedding(1, -5, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queueCapacity must be at least 0, but was -5");
    assertThatThrownBy(() -> new Admission<String>(LoadShedding.NONE, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialServiceNanos must be at least 0, but was -1.0");
  }
}
