package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.report.ChartSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as a reader sees it: opened in a real headless Chromium (from the distribution's
 * packages, installed by {@code scripts/chromium-for-tests} where it can be), after its scripts
 * ran. Every chart must have drawn, with data, and no script error may have happened; a
 * screenshot of each page goes to {@code target/report-screenshots/}. Skipped, with the reason,
 * where Chromium can be neither found nor installed.
 */
class ReportBrowserTest {

  private static final Path SCRIPT = ExpectedResultsTest.scenarios().getParent().resolve("scripts").resolve("chromium-for-tests");
  private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
  private static final Pattern CHART = Pattern.compile("<div class=\"chart[^\"]*\" data-chart=\"([^\"]+)\" data-points=\"(\\d+)\">");

  @TempDir static Path dir;
  private static String chromium;
  private static String unavailable;

  @BeforeAll
  static void findChromium() throws Exception {
    Process find = new ProcessBuilder(SCRIPT.toString()).start();
    // Installing the package may take minutes on a fresh machine; finding it takes a moment.
    boolean finished = find.waitFor(10, TimeUnit.MINUTES);
    String out = new String(find.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String err = new String(find.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!finished) {
      find.destroyForcibly();
      unavailable = "Chromium could not be installed within 10 minutes";
    } else if (find.exitValue() == 3) {
      unavailable = "Chromium is not available here: " + err;
    } else {
      assertThat(find.exitValue()).as(err).isZero();
      chromium = out.lines().reduce((first, last) -> last).orElseThrow();
    }
  }

  record Chart(String id, long points, String html) {}

  @Test
  void everyChartOfTheSeedTutorialsReportDrawsItsDataWithoutAScriptError() throws Exception {
    Assumptions.assumeTrue(chromium != null, () -> "skipped: " + unavailable);
    Path run = dir.resolve("seed-tutorial");
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new String[] {"run", ExpectedResultsTest.scenarios().resolve("seed-tutorial.conf").toString(), "--out", run.toString()},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();

    String dom = open(run.resolve("report.html"), "seed-tutorial");

    List<Chart> charts = charts(dom);
    // Two architectures: four charts each, and four that overlay them.
    assertThat(charts).hasSize(ChartSpecs.chartCount(2, 0)).hasSize(12);
    assertThat(dom).contains("data-charts=\"12\"");
    assertThat(charts).allSatisfy(chart -> {
      assertThat(chart.points()).as(chart.id()).isPositive();
      assertThat(chart.html()).as(chart.id()).contains("class=\"uplot").contains("<canvas");
    });
    // The legend names what is drawn, and the page carries the summary and the scenario.
    assertThat(dom).contains("succeeded").contains("e2e p99").contains("EventDriven").contains("time into the run (s)");
    assertThat(dom).contains("architecture  requests").contains("# Seed: 7");
    // The 2000 requests offered at t=0 would flatten the other lines: the axis fits those, and says so.
    assertThat(dom).contains("offered peaks at 2000, above the chart.");
  }

  @Test
  void aSweepsReportDrawsEachMetricAgainstTheSweptValue() throws Exception {
    Assumptions.assumeTrue(chromium != null, () -> "skipped: " + unavailable);
    Path run = copyOfTheSweepFixture("sweep-run");
    StringWriter err = new StringWriter();
    assertThat(Main.execute(new String[] {"report", run.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)))
        .as(err.toString())
        .isZero();

    String dom = open(run.resolve("report.html"), "sweep-fixture");

    // Two architectures at three points: a point per architecture and value on each metric's chart;
    // "recovered" is null everywhere in the fixture, so it gets a note instead of an empty chart.
    assertThat(charts(dom)).extracting(Chart::id).containsExactly("sweep-amplification", "sweep-success_rate", "sweep-e2e_p99_ms");
    assertThat(charts(dom)).allSatisfy(chart -> assertThat(chart.points()).as(chart.id()).isEqualTo(6));
    assertThat(dom).contains("plain-retries").contains("retry-budget").contains("1.875").contains("recovered: no value at any point");
  }

  @Test
  void aSweepOfTwoKeysDrawsALinePerArchitectureAndValueOfTheSecond() throws Exception {
    Assumptions.assumeTrue(chromium != null, () -> "skipped: " + unavailable);
    Path run = copyOfTheSweepFixture("sweep-two-keys");
    // The fixture's points again for each of two values of a second key (the contract allows two).
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode document = (ObjectNode) mapper.readTree(run.resolve("results.json").toFile());
    ObjectNode sweep = (ObjectNode) document.get("sweep");
    sweep.withArray("keys").add("rpc.retry.max-retries");
    ArrayNode points = mapper.createArrayNode();
    for (int retries : new int[] {1, 3}) {
      for (JsonNode point : sweep.get("points")) {
        ObjectNode copy = point.deepCopy();
        ((ObjectNode) copy.get("values")).put("rpc.retry.max-retries", retries);
        points.add(copy);
      }
    }
    sweep.set("points", points);
    mapper.writeValue(run.resolve("results.json").toFile(), document);
    assertThat(Main.execute(new String[] {"report", run.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true)))
        .isZero();

    String dom = open(run.resolve("report.html"), "sweep-two-keys");

    // Two architectures times two values of the second key: four lines of three points each.
    assertThat(charts(dom)).hasSize(3).allSatisfy(chart -> assertThat(chart.points()).as(chart.id()).isEqualTo(12));
    assertThat(dom).contains("plain-retries @ max-retries=1").contains("retry-budget @ max-retries=3");
  }

  private static Path copyOfTheSweepFixture(String name) throws Exception {
    Path run = Files.createDirectories(dir.resolve(name));
    Path fixture = Path.of(ReportBrowserTest.class.getResource("/cascade/report/sweep-run/results.json").toURI()).getParent();
    try (var files = Files.list(fixture)) {
      for (Path file : files.toList()) {
        Files.copy(file, run.resolve(file.getFileName()));
      }
    }
    return run;
  }

  /** The page's DOM after its scripts ran, checked for script errors; a screenshot is saved beside. */
  private static String open(Path page, String name) throws IOException, InterruptedException {
    String dom = chromium(page, "--dump-dom");
    assertThat(dom).as("the page's script finished").contains("data-rendered=\"done\"");
    assertThat(dom).as("script errors recorded by window.onerror").doesNotContain("class=\"script-error\"");
    Files.createDirectories(SCREENSHOTS);
    Path png = SCREENSHOTS.resolve(name + ".png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium(page, "--window-size=1400,2600", "--screenshot=" + png);
    assertThat(png).exists();
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    return dom;
  }

  private static String chromium(Path page, String... what) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
    command.addAll(List.of(what));
    command.add(page.toUri().toString());
    Path log = dir.resolve("chromium.log");
    Process browser = new ProcessBuilder(command).redirectError(log.toFile()).start();
    String out = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!browser.waitFor(2, TimeUnit.MINUTES)) {
      browser.destroyForcibly();
    }
    assertThat(browser.exitValue()).as(Files.readString(log)).isZero();
    return out;
  }

  private static List<Chart> charts(String dom) {
    List<Chart> charts = new ArrayList<>();
    Matcher m = CHART.matcher(dom);
    List<int[]> bounds = new ArrayList<>();
    while (m.find()) {
      bounds.add(new int[] {m.start(), m.end()});
      charts.add(new Chart(m.group(1), Long.parseLong(m.group(2)), ""));
    }
    for (int i = 0; i < charts.size(); i++) {
      int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : dom.length();
      charts.set(i, new Chart(charts.get(i).id(), charts.get(i).points(), dom.substring(bounds.get(i)[1], end)));
    }
    return charts;
  }
}
