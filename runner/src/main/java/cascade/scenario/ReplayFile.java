package cascade.scenario;

import cascade.load.Replay;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the arrival offsets of {@code traffic.replay-file}: a CSV file whose first column is each
 * request's offset from the start, in milliseconds (decimals allowed), in order. Further columns
 * are ignored, so a trace exported with other fields works as it is; so are blank lines, lines
 * starting with {@code #}, and one header line before the first offset. A problem names the CSV
 * file and its line.
 */
final class ReplayFile {

  static final String KEY = "traffic.replay-file";

  private ReplayFile() {}

  /**
   * @param csv  the file, already resolved against the scenario's folder
   * @param where how to name the key's own location ("file:line") when the file cannot be read
   */
  static Replay read(Path csv, String where) {
    if (!Files.isRegularFile(csv) || !Files.isReadable(csv)) {
      throw new ScenarioException(where + ": " + KEY + ": no readable file " + csv);
    }
    long[] offsets = new long[1024];
    int count = 0;
    int lineNumber = 0;
    boolean headerAllowed = true;
    String previous = null;
    try (BufferedReader lines = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        String field = text.split(",", 2)[0].strip();
        double millis;
        try {
          millis = Double.parseDouble(field);
        } catch (NumberFormatException e) {
          if (headerAllowed && !field.isEmpty() && Character.isLetter(field.charAt(0))) {
            headerAllowed = false;
            continue;
          }
          throw problem(csv, lineNumber, "the offset must be a number of milliseconds, like 12.5, but was \"" + field + "\"");
        }
        headerAllowed = false;
        if (!(millis >= 0) || Double.isInfinite(millis)) {
          throw problem(csv, lineNumber, "the offset must be at least 0 ms, but was " + field);
        }
        long nanos = Math.round(millis * 1e6);
        if (count > 0 && nanos < offsets[count - 1]) {
          throw problem(csv, lineNumber, "offsets must be in order, but " + field + " ms comes after " + previous + " ms");
        }
        if (count == offsets.length) {
          if (count == Integer.MAX_VALUE - 8) {
            throw problem(csv, lineNumber, "too many offsets");
          }
          offsets = java.util.Arrays.copyOf(offsets, (int) Math.min(Integer.MAX_VALUE - 8L, count * 2L));
        }
        offsets[count++] = nanos;
        previous = field;
      }
    } catch (IOException e) {
      throw new ScenarioException(csv + ": " + KEY + ": cannot be read: " + e.getMessage());
    }
    if (count == 0) {
      throw new ScenarioException(csv + ": " + KEY + ": holds no offsets (one per line, in milliseconds)");
    }
    return new Replay(java.util.Arrays.copyOf(offsets, count));
  }

  private static ScenarioException problem(Path csv, int line, String message) {
    return new ScenarioException(csv + ":" + line + ": " + KEY + ": " + message);
  }
}
