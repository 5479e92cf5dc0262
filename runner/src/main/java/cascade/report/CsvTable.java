package cascade.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file of the run folder read back (the time series and tier files): a header and rows of
 * cells. Reads what {@link TimeSeriesCsv} writes, quoted cells included.
 */
public record CsvTable(List<String> header, List<List<String>> rows) {

  public CsvTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  /** @throws IllegalArgumentException with the line number when a row has the wrong number of cells */
  public static CsvTable parse(String text) {
    List<String> lines = text.lines().filter(line -> !line.isEmpty()).toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("empty: no header line");
    }
    List<String> header = cells(lines.get(0));
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> row = cells(lines.get(i));
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + row.size() + " cells, the header has " + header.size());
      }
      rows.add(row);
    }
    return new CsvTable(header, rows);
  }

  /** The cells of {@code column}, top to bottom; an empty list when there is no such column. */
  public List<String> column(String column) {
    int index = header.indexOf(column);
    if (index < 0) {
      return List.of();
    }
    return rows.stream().map(row -> row.get(index)).toList();
  }

  /** The column as numbers, null for an empty cell (an interval in which nothing was measured). */
  public List<Double> numbers(String column) {
    return column(column).stream().map(cell -> cell.isEmpty() ? null : Double.valueOf(cell)).toList();
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
