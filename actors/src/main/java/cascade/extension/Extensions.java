package cascade.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the extensions on the class path, by kind and name. */
public final class Extensions {

  private Extensions() {}

  public static Optional<PolicyExtension> policy(String name) {
    return find(PolicyExtension.class, name);
  }

  public static Optional<ServiceExtension> service(String name) {
    return find(ServiceExtension.class, name);
  }

  public static Optional<RouterExtension> router(String name) {
    return find(RouterExtension.class, name);
  }

  public static Optional<TrafficShapeExtension> trafficShape(String name) {
    return find(TrafficShapeExtension.class, name);
  }

  /** Every extension of {@code kind} on the class path, in the order the class path lists them. */
  public static <E extends Extension> List<E> all(Class<E> kind) {
    List<E> found = new ArrayList<>();
    ServiceLoader.load(kind, Extensions.class.getClassLoader()).forEach(found::add);
    return found;
  }

  /** The names of every extension of {@code kind}, for error messages and suggestions. */
  public static List<String> names(Class<? extends Extension> kind) {
    return all(kind).stream().map(Extension::name).toList();
  }

  private static <E extends Extension> Optional<E> find(Class<E> kind, String name) {
    return all(kind).stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
