package cascade.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report page: the template ({@code report-template.html}) with uPlot's script and style, the
 * page's own script ({@code report.js}) and the run folders' data ({@link PageData}) inlined, so
 * the one file opens anywhere, offline. uPlot comes from its webjar (MIT licence, about 50 kB).
 */
public final class HtmlReport {

  public static final String FILE = "report.html";

  private static final String UPLOT = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
  private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z-]+)}}");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HtmlReport() {}

  /** The report of one run folder, as {@code cascade run} writes it there. */
  public static String render(RunFiles run) {
    String title = "Cascade Lab: " + run.scenario() + " (seed " + run.seed() + ")";
    return render(title, List.of(run), List.of(run.scenario()), "cascade report " + run.folder());
  }

  /** Two runs side by side: A, the earlier or reference run, and B. */
  public static String renderComparison(RunFiles a, RunFiles b) {
    String title = "Cascade Lab: " + a.folder().toAbsolutePath().normalize().getFileName() + " (A) against "
        + b.folder().toAbsolutePath().normalize().getFileName() + " (B)";
    return render(title, List.of(a, b), List.of("A", "B"), "cascade report " + a.folder() + " " + b.folder());
  }

  private static String render(String title, List<RunFiles> runs, List<String> labels, String regenerate) {
    String data;
    try {
      // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the block early.
      data = MAPPER.writeValueAsString(PageData.of(runs, labels, regenerate)).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the page's data could not be written as JSON", e);
    }
    Map<String, String> slots =
        Map.of(
            "title", escape(title),
            "uplot-css", resource(UPLOT + "uPlot.min.css"),
            "uplot-js", resource(UPLOT + "uPlot.iife.min.js"),
            "report-js", resource("cascade/report/report.js"),
            "data", data);
    return fill(resource("cascade/report/report-template.html"), slots);
  }

  /** Writes the report of {@code folder}, from its files, into it; returns the file. */
  public static Path write(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    Files.writeString(file, render(RunFiles.read(folder)));
    return file;
  }

  static String fill(String template, Map<String, String> slots) {
    Matcher m = SLOT.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = slots.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("the report template has a slot nobody fills: " + m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path: the build is incomplete");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The webjar's version, from its Maven metadata: one place (the POM) names it. */
  private static String uplotVersion() {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("uPlot's webjar is not on the class path: the build is incomplete");
      }
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
