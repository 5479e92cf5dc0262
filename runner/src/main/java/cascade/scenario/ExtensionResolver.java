package cascade.scenario;

import cascade.extension.Extension;
import cascade.extension.ExtensionRef;
import cascade.extension.ExtensionSettings;
import cascade.extension.Extensions;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks up the extension a scenario names where a built-in name would go (a policy, a service
 * model, a routing rule, a traffic shape), for every kind alike: the extension with its keys
 * checked, or one problem listing the built-in names and the extensions on the class path, with a
 * did-you-mean.
 */
final class ExtensionResolver {

  private ExtensionResolver() {}

  /** The extension a name found, with the keys it was given, checked. */
  record Found<E extends Extension>(E extension, ExtensionSettings settings) {
    /** What a plan carries to the node that starts the extension, which finds it again there by name. */
    ExtensionRef ref() {
      return new ExtensionRef(extension.name(), settings);
    }
  }

  /**
   * @param path         where the name is written, like {@code service.model}
   * @param inList       whether {@code path} holds a list of names (the message says "has", not "was")
   * @param builtIn      the names that are not extensions, listed first in the message
   * @param settingsPath the section holding the extension's own keys
   */
  static <E extends Extension> Found<E> resolve(
      Values v, String path, String name, boolean inList, Class<E> kind, List<String> builtIn, String settingsPath) {
    E extension =
        Extensions.find(kind, name)
            .orElseThrow(() -> {
              List<String> known = new ArrayList<>(builtIn);
              known.addAll(Extensions.names(kind));
              String message = inList ? "must name only " + String.join(", ", known) + ", but has " : "must be one of " + String.join(", ", known) + ", but was ";
              return v.problem(path, message + name + Suggestions.didYouMean(name, known));
            });
    ExtensionSettings settings = v.extensionSettings(settingsPath);
    v.checkExtension(extension, settingsPath, settings);
    return new Found<>(extension, settings);
  }
}
