package cascade.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidSettingTest {

  @Test
  void aFieldIsWrittenInKebabCaseAsItsScenarioKey() {
    assertThat(new InvalidSetting("maxOpenFor", "must be at least 1s").key()).isEqualTo("max-open-for");
    assertThat(new InvalidSetting("window", "must be at least 1").key()).isEqualTo("window");
    assertThat(new InvalidSetting("p99Target", "must be above 0").key()).isEqualTo("p99-target");
  }

  @Test
  void aProgramReadsTheFieldInTheMessageAndAReaderTheReasonAlone() {
    InvalidSetting invalid = new InvalidSetting("halfOpenCalls", "must be at least 1, but was 0");
    assertThat(invalid.getMessage()).isEqualTo("halfOpenCalls must be at least 1, but was 0");
    assertThat(invalid.reason()).isEqualTo("must be at least 1, but was 0");
  }

  @Test
  void aNumberReadsAsWritten() {
    assertThat(InvalidSetting.written(120)).isEqualTo("120");
    assertThat(InvalidSetting.written(0)).isEqualTo("0");
    assertThat(InvalidSetting.written(0.5)).isEqualTo("0.5");
  }

  @Test
  void aRuleComparingTwoSettingsNamesTheOtherAsAProgramOrAScenarioSpellsIt() {
    InvalidSetting invalid = new InvalidSetting("maxOpenFor", "must be at least {other} (500ms), but was 100ms", "openFor");
    assertThat(invalid.getMessage()).isEqualTo("maxOpenFor must be at least openFor (500ms), but was 100ms");
    assertThat(invalid.reason()).isEqualTo("must be at least openFor (500ms), but was 100ms");
    assertThat(invalid.reason(key -> "policy.breaker." + key)).isEqualTo("must be at least policy.breaker.open-for (500ms), but was 100ms");
    assertThat(invalid.comparesTwo()).isTrue();
    assertThat(new InvalidSetting("halfOpenCalls", "must be at least 1, but was 0").comparesTwo()).isFalse();
  }
}
