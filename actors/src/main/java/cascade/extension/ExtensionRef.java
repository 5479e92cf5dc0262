package cascade.extension;

/** An extension named by a scenario, with the keys it was given. */
public record ExtensionRef(String name, ExtensionSettings settings) {}
