package cascade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.policy.Bulkhead.Admission;
import org.junit.jupiter.api.Test;

class BulkheadTest {

  @Test
  void permitsUpToTheLimitThenQueuesThenRejects() {
    Bulkhead bulkhead = new Bulkhead(2, 1);
    assertThat(bulkhead.tryAcquire()).isEqualTo(Admission.PERMITTED);
    assertThat(bulkhead.tryAcquire()).isEqualTo(Admission.PERMITTED);
    assertThat(bulkhead.tryAcquire()).isEqualTo(Admission.WAIT);
    assertThat(bulkhead.tryAcquire()).isEqualTo(Admission.REJECTED);
    assertThat(bulkhead.rejected()).isEqualTo(1);
  }

  @Test
  void aReleasedPermitGoesToTheWaitingCallFirst() {
    Bulkhead bulkhead = new Bulkhead(1, 5);
    bulkhead.tryAcquire();
    assertThat(bulkhead.tryAcquire()).isEqualTo(Admission.WAIT);
    assertThat(bulkhead.release()).isTrue();
    bulkhead.handOver();
    assertThat(bulkhead.inUse()).isEqualTo(1);
    assertThat(bulkhead.waiting()).isZero();
    assertThat(bulkhead.release()).isFalse();
    assertThat(bulkhead.inUse()).isZero();
  }

  @Test
  void aNewCallDoesNotOvertakeWaitingOnes() {
    Bulkhead bulkhead = new Bulkhead(1, 5);
    bulkhead.tryAcquire();
    bulkhead.tryAcquire(); // waits
    bulkhead.release(); // its permit is promised to the waiting call
    assertThat(bulkhead.tryAcquire()).isEqualTo(Admission.WAIT);
  }

  @Test
  void zeroWaitingRoomRejectsAtOnce() {
    Bulkhead bulkhead = new Bulkhead(1, 0);
    bulkhead.tryAcquire();
    assertThat(bulkhead.tryAcquire()).isEqualTo(Admission.REJECTED);
  }

  @Test
  void releasingWithoutAPermitIsABug() {
    assertThatThrownBy(() -> new Bulkhead(1, 0).release()).isInstanceOf(IllegalStateException.class);
  }
}
