package cascade.extension;

/**
 * Something a user adds to Cascade Lab in Java, found through {@link java.util.ServiceLoader}
 * and named from a scenario file. Each kind has its own interface ({@link cascade.callpath.PolicyExtension},
 * {@link cascade.service.ServiceExtension}, {@link cascade.service.RouterExtension}, {@link cascade.load.TrafficShapeExtension}); an
 * implementation is listed in {@code META-INF/services/<that interface's name>} of its jar. See
 * docs/extending.md.
 */
public interface Extension {

  /** The name a scenario uses for it, like {@code aimd-limit}: lower case, words joined by dashes. */
  String name();

  /** One line for `cascade list --extensions` and for error messages. */
  String description();

  /**
   * Throws {@link ExtensionSettings.Problem} for the first bad key of {@code settings}; called
   * when a scenario is loaded, so a mistake is reported before anything runs.
   */
  default void check(ExtensionSettings settings) {}
}
