package cascade.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageDataTest {

  @Test
  void theSweepChartsAreNamedInOneOrderWhateverTheJvm() {
    // Map.of would give another order in another JVM, and so another report.html for the same run.
    assertThat(ChartSpecs.SWEEP_METRICS.keySet()).containsExactly("amplification", "success_rate", "e2e_p99_ms", "recovered");
  }

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

  @Test
  void aKilledNodeIsDownUntilItRestartsOrTheRunEnds() throws Exception {
    JsonNode events = new ObjectMapper().readTree(
        "[{\"node\":\"b\",\"event\":\"killed\",\"at_ms\":1000},{\"node\":\"c\",\"event\":\"killed\",\"at_ms\":1500},"
            + "{\"node\":\"b\",\"event\":\"restarted\",\"at_ms\":2500},{\"node\":\"c\",\"event\":\"removed\",\"at_ms\":3000}]");

    // The load started half a second into the run: node events count from there.
    assertThat(PageData.downs(events, 0.5, 4.0))
        .containsExactly(new PageData.Span("node b down", 1.5, 3.0), new PageData.Span("node c down", 2.0, 4.0));
  }

  @Test
  void recoveryIsMarkedAtTheIntervalWhereTheRecoveredStretchBegins() throws Exception {
    // Faults in force from 200 to 450 ms (the CSV marks the whole intervals 200-500); the run says
    // goodput was back 250 ms after they ended: at 700 ms, the start of the interval 700-800.
    StringBuilder csv = new StringBuilder(TimeSeriesCsv.HEADER).append('\n');
    for (int i = 0; i < 10; i++) {
      csv.append(i * 100).append(",10,10,10,0,0,0,0,10,0,0,11.00,12.00,-,").append(i >= 2 && i <= 4 ? "slow" : "").append('\n');
    }
    JsonNode result = new ObjectMapper().readTree("{\"name\":\"RPC\",\"kind\":\"rpc\",\"recovered\":true,\"recovered_after_ms\":250.0}");
    JsonNode document = new ObjectMapper().readTree("{\"scenario\":\"s\",\"seed\":7,\"node_events\":[],\"results\":[]}");
    RunFiles run = new RunFiles(Path.of("run"), document, null, null, List.of(new RunFiles.Result("RPC", result, CsvTable.parse(csv.toString()), List.of())));

    JsonNode page = PageData.of(List.of(run), List.of("s"), "cascade report run");

    JsonNode drawn = page.at("/runs/0/results/0");
    assertThat(drawn.at("/faults/0/label").asText()).isEqualTo("slow");
    assertThat(drawn.at("/faults/0/to").asDouble()).isEqualTo(0.5);
    assertThat(drawn.at("/marks/0/label").asText()).isEqualTo("recovered");
    assertThat(drawn.at("/marks/0/at").asDouble()).isEqualTo(0.7);
    assertThat(drawn.get("recovery").asText()).isEqualTo("recovered 250 ms after the faults ended");
  }
}
