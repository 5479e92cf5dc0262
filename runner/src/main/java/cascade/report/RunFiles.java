package cascade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one run folder that the HTML report is built from: {@code results.json}, each
 * result's {@code timeseries-<name>.csv} and tier CSVs, {@code summary.txt} and the copy of the
 * scenario ({@code scenario.conf}). Reading them, not the run's memory, is what lets
 * {@code cascade report} rebuild a report later.
 *
 * @param folder       the run folder
 * @param document     results.json
 * @param summary      summary.txt, or null when the folder has none
 * @param scenarioText scenario.conf (the scenario's text with the run's overrides), or null when the
 *                     run was made before runs kept it
 */
public record RunFiles(Path folder, JsonNode document, String summary, String scenarioText, List<Result> results) {

  /** What the run folder holds about one result (an architecture or variant, at a sweep point). */
  public record Result(String name, JsonNode json, CsvTable series, List<Tier> tiers) {
    public Result {
      tiers = List.copyOf(tiers);
    }
  }

  /** One tier of a topology result. */
  public record Tier(String name, CsvTable series) {}

  public static final String RESULTS = "results.json";
  public static final String SUMMARY = "summary.txt";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public RunFiles {
    results = List.copyOf(results);
  }

  /** @throws ReportException when the folder is not a run folder or a file of it cannot be read */
  public static RunFiles read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new ReportException(folder + ": not a folder (give the run folder that `cascade run` printed after \"reports:\")");
    }
    Path resultsFile = folder.resolve(RESULTS);
    if (!Files.isRegularFile(resultsFile)) {
      throw new ReportException(folder + ": no " + RESULTS + " in it: is it a run folder of `cascade run`?");
    }
    JsonNode document;
    try {
      document = MAPPER.readTree(resultsFile.toFile());
    } catch (IOException e) {
      throw new ReportException(resultsFile + ": not readable as JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (document == null || !document.path("results").isArray() || !document.path("scenario").isTextual()) {
      throw new ReportException(resultsFile + ": not a results document of `cascade run` (no \"scenario\" or \"results\")");
    }
    List<Result> results = new ArrayList<>();
    for (JsonNode result : document.get("results")) {
      String name = result.path("name").asText();
      List<Tier> tiers = new ArrayList<>();
      for (JsonNode tier : result.path("tiers")) {
        String tierName = tier.path("name").asText();
        tiers.add(new Tier(tierName, csv(folder.resolve(TimeSeriesCsv.tierFileName(name, tierName)))));
      }
      results.add(new Result(name, result, csv(folder.resolve(TimeSeriesCsv.fileName(name))), tiers));
    }
    return new RunFiles(folder, document, text(folder.resolve(SUMMARY)), text(folder.resolve(ScenarioCopy.FILE)), results);
  }

  public String scenario() {
    return document.path("scenario").asText();
  }

  public long seed() {
    return document.path("seed").asLong();
  }

  private static CsvTable csv(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ReportException(file + ": missing: results.json names a result whose time series is not in the folder");
    }
    try {
      return CsvTable.parse(Files.readString(file));
    } catch (IOException e) {
      throw new ReportException(file + ": not readable: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ReportException(file + ": " + e.getMessage());
    }
  }

  private static String text(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : null;
    } catch (IOException e) {
      throw new ReportException(file + ": not readable: " + e.getMessage());
    }
  }
}
