package cascade.runtime;

import java.util.Locale;

/**
 * Thrown by a settings record for a value it cannot take, so that each rule is written once, where
 * the setting is defined. A field's scenario key is its name in kebab-case ({@code maxOpenFor} is
 * written {@code max-open-for}), so the scenario reader can report the problem at the key the user
 * wrote, with its file and line; a program building settings itself reads the field's name.
 */
public final class InvalidSetting extends IllegalArgumentException {

  private final String field;
  private final String reason;

  /**
   * @param field  the record component, as spelled in Java ({@code maxOpenFor})
   * @param reason what is wrong, without the field's name, like {@code must be at least 1, but was 0}
   */
  public InvalidSetting(String field, String reason) {
    super(field + " " + reason);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }

  /** The field as a scenario key: {@code maxOpenFor} is {@code max-open-for}. */
  public String key() {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
