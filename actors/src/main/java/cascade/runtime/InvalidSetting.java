package cascade.runtime;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Thrown by a settings record for a value it cannot take, so that each rule is written once, where
 * the setting is defined. A field's scenario key is its name in kebab-case ({@code maxOpenFor} is
 * written {@code max-open-for}), so the scenario reader can report the problem at the key the user
 * wrote, with its file and line; a program building settings itself reads the field's name.
 *
 * <p>A rule that compares two settings (a maximum below its minimum) names the other one with
 * {@link #OTHER} in its reason: a program reads that setting's field there, the scenario reader its
 * full key, so the message says which key to look at in the section the user wrote.
 */
public final class InvalidSetting extends IllegalArgumentException {

  /** Where a reason names the other setting of a rule that compares two. */
  public static final String OTHER = "{other}";

  private final String field;
  private final String reason;
  /** The other setting a comparing rule names, as spelled in Java; null for a rule of one value. */
  private final String other;

  /**
   * @param field  the record component, as spelled in Java ({@code maxOpenFor})
   * @param reason what is wrong, without the field's name, like {@code must be at least 1, but was 0}
   */
  public InvalidSetting(String field, String reason) {
    this(field, reason, null);
  }

  /**
   * A rule that compares {@code field} with {@code other}.
   *
   * @param reason what is wrong, naming the other setting as {@link #OTHER}, like {@code must be
   *     at least {other} (500ms), but was 100ms}
   */
  public InvalidSetting(String field, String reason, String other) {
    super(field + " " + (other == null ? reason : reason.replace(OTHER, other)));
    this.field = field;
    this.reason = reason;
    this.other = other;
  }

  public String field() {
    return field;
  }

  /** Whether the rule compares this setting with another, rather than judging it alone. */
  public boolean comparesTwo() {
    return other != null;
  }

  /** What is wrong, naming the other setting (if any) by its field. */
  public String reason() {
    return other == null ? reason : reason.replace(OTHER, other);
  }

  /**
   * What is wrong, naming the other setting (if any) by {@code keyOf} applied to its scenario key,
   * like {@code section + "." + key}.
   */
  public String reason(UnaryOperator<String> keyOf) {
    return other == null ? reason : reason.replace(OTHER, keyOf.apply(kebab(other)));
  }

  /** The field as a scenario key: {@code maxOpenFor} is {@code max-open-for}. */
  public String key() {
    return kebab(field);
  }

  /** A number as a user writes it: {@code 120}, not {@code 120.0}; {@code 0.5} as it is. */
  public static String written(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
