package cascade.report;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One figure of something a run reports, declared once: its key in the JSON document (a dotted
 * key, like {@code outcomes.succeeded}, nests), its label as a table column, and how its value is
 * read and written. The JSON writer, the tables and the CSV files iterate lists of these, so a new
 * figure is one more line in a list.
 *
 * @param key   the JSON key (snake_case like the tutorial's), also the CSV header
 * @param label the column's header in a text table; null for a figure no table shows
 * @param json  its value in the JSON document
 * @param text  its value as a table or CSV cell
 */
record Figure<T>(String key, String label, Function<T, Object> json, Function<T, String> text) {

  /** A count: written as it is. */
  static <T> Figure<T> count(String key, String label, ToLongFunction<T> value) {
    return new Figure<>(key, label, t -> value.applyAsLong(t), t -> Long.toString(value.applyAsLong(t)));
  }

  /** Milliseconds, null when nothing was measured: two decimals in JSON, one in a table ("-" for null). */
  static <T> Figure<T> millis(String key, String label, Function<T, Double> value) {
    return new Figure<>(key, label, t -> round(value.apply(t), 100), t -> millis(value.apply(t)));
  }

  /** A length of time in milliseconds, always known: two decimals in JSON, whole in a table. */
  static <T> Figure<T> span(String key, String label, ToDoubleFunction<T> value) {
    return new Figure<>(key, label, t -> round(value.applyAsDouble(t), 100), t -> String.format(Locale.ROOT, "%.0f", value.applyAsDouble(t)));
  }

  /** A ratio like amplification: three decimals in JSON, two in a table. */
  static <T> Figure<T> ratio(String key, String label, ToDoubleFunction<T> value) {
    return new Figure<>(key, label, t -> round(value.applyAsDouble(t), 1000), t -> String.format(Locale.ROOT, "%.2f", value.applyAsDouble(t)));
  }

  /** Counts by name, in name order; JSON only. */
  static <T> Figure<T> counts(String key, Function<T, Map<String, Long>> value) {
    return new Figure<>(key, null, t -> new TreeMap<>(value.apply(t)), t -> String.valueOf(value.apply(t)));
  }

  /** Anything else (a name, a yes or no, a list), written as it is. */
  static <T> Figure<T> plain(String key, String label, Function<T, Object> value) {
    return new Figure<>(key, label, value, t -> String.valueOf(value.apply(t)));
  }

  /** A figure shown only in a table: read from the others for the reader, not written to JSON. */
  static <T> Figure<T> shown(String label, Function<T, String> text) {
    return new Figure<>(null, label, null, text);
  }

  static Double round(Double value, int per) {
    return value == null ? null : Math.round(value * per) / (double) per;
  }

  static String millis(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }
}
