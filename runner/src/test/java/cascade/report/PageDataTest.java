package cascade.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageDataTest {

  @Test
  void faultSpansFollowEachLabelAcrossOverlappingFaults() {
    List<String> faults = List.of("", "drop", "drop+slow", "slow", "", "drop");
    List<Double> starts = List.of(0.0, 100.0, 200.0, 300.0, 400.0, 500.0);

    assertThat(PageData.spans(faults, starts, 100))
        .containsExactly(
            new PageData.Span("drop", 0.1, 0.3),
            new PageData.Span("slow", 0.2, 0.4),
            new PageData.Span("drop", 0.5, 0.6));
  }

  @Test
  void csvReadsQuotedFaultLabels() {
    CsvTable table = CsvTable.parse("t_ms,breaker,faults\n0,-,\n100,open,\"a,b+c\"\"d\"\n");

    assertThat(table.column("faults")).containsExactly("", "a,b+c\"d");
    assertThat(table.numbers("t_ms")).containsExactly(0.0, 100.0);
  }
}
