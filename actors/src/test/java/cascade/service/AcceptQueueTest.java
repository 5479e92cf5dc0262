package cascade.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptQueueTest {

  private static AttemptId id(long n) {
    return new AttemptId(n, 1);
  }

  @Test
  void servesTheHighestPriorityFirstAndInArrivalOrderWithinOne() {
    AcceptQueue<String> queue = new AcceptQueue<>();
    queue.add(id(1), 0, "browse-1");
    queue.add(id(2), 1, "checkout-1");
    queue.add(id(3), 0, "browse-2");
    queue.add(id(4), 1, "checkout-2");

    assertThat(queue.ahead(1)).isEqualTo(2);
    assertThat(queue.ahead(0)).isEqualTo(4);
    assertThat(queue.pollNext()).isEqualTo("checkout-1");
    assertThat(queue.pollNext()).isEqualTo("checkout-2");
    assertThat(queue.pollNext()).isEqualTo("browse-1");
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void shedsTheNewestOfTheLowestPriorityAndForgetsCancelledWork() {
    AcceptQueue<String> queue = new AcceptQueue<>();
    queue.add(id(1), 0, "browse-1");
    queue.add(id(2), 0, "browse-2");
    queue.add(id(3), 5, "checkout");

    assertThat(queue.lowestPriority()).isZero();
    assertThat(queue.pollLeastImportant()).isEqualTo("browse-2");
    assertThat(queue.remove(id(1))).isEqualTo("browse-1");
    assertThat(queue.remove(id(1))).isNull();
    assertThat(queue.lowestPriority()).isEqualTo(5);
    assertThat(queue.values()).containsExactly("checkout");
  }
}
