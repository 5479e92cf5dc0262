package cascade.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenTransportTest {

  @Test
  void onlyThisMachinesOwnAddressesCountAsLoopback() {
    assertThat(OpenTransport.isLoopback("127.0.0.1")).isTrue();
    assertThat(OpenTransport.isLoopback("127.0.1.1")).isTrue();
    assertThat(OpenTransport.isLoopback("localhost")).isTrue();
    assertThat(OpenTransport.isLoopback("::1")).isTrue();
    assertThat(OpenTransport.isLoopback("0.0.0.0")).isFalse();
    assertThat(OpenTransport.isLoopback("::")).isFalse();
    assertThat(OpenTransport.isLoopback("10.1.2.3")).isFalse();
    // A name is meant to be found by other machines, and is not looked up.
    assertThat(OpenTransport.isLoopback("lab-host.example")).isFalse();
    assertThat(OpenTransport.isLoopback("127.0.0.300")).isFalse();
  }
}
