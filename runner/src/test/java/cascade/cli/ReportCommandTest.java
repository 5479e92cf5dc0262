package cascade.cli;

import static cascade.cli.CommandLineRun.cascade;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.cli.CommandLineRun.Result;
import cascade.report.IntervalLog;
import cascade.report.TimeSeriesCsv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run leaves in its folder for the report (report.html, scenario.conf, the interval logs),
 * and {@code cascade report}: rebuilding a report from a folder, comparing two, bad folders.
 */
class ReportCommandTest {

  @TempDir static Path dir;
  private static Path run;

  @BeforeAll
  static void runTheSeedTutorial() {
    run = dir.resolve("seed-tutorial");
    Result result =
        cascade("run", ExpectedResultsTest.scenarios().resolve("seed-tutorial.conf").toString(), "--set", "traffic.total=600", "--out", run.toString());
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("report: " + run.resolve("report.html"));
  }

  @Test
  void eachArchitecturesIntervalLogHoldsOneHistogramPerIntervalAndEveryRequest() throws IOException {
    JsonNode document = new ObjectMapper().readTree(run.resolve("results.json").toFile());
    for (JsonNode result : document.get("results")) {
      String name = result.get("name").asText();
      List<EncodableHistogram> intervals = new ArrayList<>();
      try (HistogramLogReader reader = new HistogramLogReader(run.resolve(IntervalLog.fileName(name)).toFile())) {
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
          intervals.add(h);
        }
      }
      List<String> csv = Files.readAllLines(run.resolve(TimeSeriesCsv.fileName(name)));
      assertThat(intervals).as(name).hasSize(csv.size() - 1);
      // Every request ends once, with its end-to-end latency recorded in the interval it ended in.
      long recorded = intervals.stream().mapToLong(h -> ((org.HdrHistogram.Histogram) h).getTotalCount()).sum();
      assertThat(recorded).as(name).isEqualTo(result.get("requests").asLong()).isEqualTo(600);
      assertThat(intervals.get(1).getStartTimeStamp()).as(name).isEqualTo(100);
    }
  }

  @Test
  void theRunFolderKeepsTheScenarioWithItsSeedAndOverrides() throws IOException {
    String copy = Files.readString(run.resolve("scenario.conf"));

    assertThat(copy).startsWith("# The scenario of this run: ");
    assertThat(copy).contains("# Seed: 7").contains("--set traffic.total=600");
    assertThat(copy).contains(Files.readString(ExpectedResultsTest.scenarios().resolve("seed-tutorial.conf")));
  }

  @Test
  void theReportIsOneFileThatNeedsNoNetwork() throws IOException {
    String page = Files.readString(run.resolve("report.html"));

    assertThat(page).doesNotContainPattern("<script[^>]+src=").doesNotContain("<link").doesNotContainPattern("url\\(\\s*['\"]?http");
    assertThat(page).contains("var uPlot=").contains("\"summary\"").contains("seed-tutorial");
  }

  @Test
  void reportRebuildsTheSameReportFromTheFolder() throws IOException {
    Path report = run.resolve("report.html");
    String written = Files.readString(report);
    Files.delete(report);

    Result result = cascade("report", run.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("report: " + report);
    // Built from the folder's files alone, it is the page the run wrote, to the byte.
    assertThat(Files.readString(report)).isEqualTo(written);
  }

  @Test
  void reportOfTwoRunsWritesTheComparisonBesideTheSecondAndSaysWhere() throws IOException {
    Path second = dir.resolve("no-retries");
    Result ran =
        cascade("run", ExpectedResultsTest.scenarios().resolve("seed-tutorial.conf").toString(),
            "--set", "traffic.total=600", "--set", "rpc.retry.max-retries=0", "--out", second.toString());
    assertThat(ran.code()).as(ran.err()).isZero();

    Result result = cascade("report", run.toString(), second.toString());

    Path page = second.resolve("compare-with-seed-tutorial.html");
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("report: " + page);
    String html = Files.readString(page);
    assertThat(html).contains("(A) against").contains("\"deltas\"");
    // RPC without retries makes fewer attempts: the page holds both figures and their difference.
    JsonNode data = new ObjectMapper().readTree(html.substring(html.indexOf("id=\"page-data\">") + 15, html.indexOf("</script>", html.indexOf("id=\"page-data\">"))));
    JsonNode rpc = data.get("deltas").get(0);
    assertThat(rpc.get("name").asText()).isEqualTo("RPC");
    JsonNode attempts = rpc.get("figures").findParents("label").stream().filter(f -> f.get("label").asText().equals("attempts")).findFirst().orElseThrow();
    assertThat(attempts.get("b").asLong()).isEqualTo(600);
    assertThat(attempts.get("delta").asDouble()).isEqualTo(600 - attempts.get("a").asDouble()).isNegative();

    Result elsewhere = cascade("report", run.toString(), second.toString(), "--out", dir.resolve("cmp.html").toString());
    assertThat(elsewhere.out()).startsWith("report: " + dir.resolve("cmp.html"));
    assertThat(dir.resolve("cmp.html")).exists();
  }

  @Test
  void aFolderThatIsNotARunIsOneLineAndExitCodeTwo() throws IOException {
    Result missing = cascade("report", dir.resolve("nowhere").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err().lines()).hasSize(1).first().asString().contains("nowhere").contains("not a folder");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    Result notARun = cascade("report", empty.toString());
    assertThat(notARun.code()).isEqualTo(2);
    assertThat(notARun.err().lines()).hasSize(1).first().asString().contains("no results.json");

    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.copy(run.resolve("results.json"), broken.resolve("results.json"));
    Result noSeries = cascade("report", broken.toString());
    assertThat(noSeries.code()).isEqualTo(2);
    assertThat(noSeries.err().lines()).hasSize(1).first().asString().contains("timeseries-rpc.csv").contains("missing");
  }
}
