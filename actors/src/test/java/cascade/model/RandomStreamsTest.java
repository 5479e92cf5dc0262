package cascade.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {

  @Test
  void theSameComponentGetsTheSameStreamForTheSameSeed() {
    assertThat(new RandomStreams(7).forComponent("service").nextLong())
        .isEqualTo(new RandomStreams(7).forComponent("service").nextLong());
  }

  @Test
  void componentsAndSeedsGetDifferentStreams() {
    long service = new RandomStreams(7).forComponent("service").nextLong();
    assertThat(new RandomStreams(7).forComponent("rpc-caller").nextLong()).isNotEqualTo(service);
    assertThat(new RandomStreams(8).forComponent("service").nextLong()).isNotEqualTo(service);
  }

  @Test
  void drawingFromOneComponentDoesNotShiftAnother() {
    RandomStreams streams = new RandomStreams(7);
    long untouched = new RandomStreams(7).forComponent("service").nextLong();
    var consumer = streams.forComponent("consumer-0");
    for (int i = 0; i < 100; i++) {
      consumer.nextDouble();
    }
    assertThat(streams.forComponent("service").nextLong()).isEqualTo(untouched);
  }
}
