package cascade.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the extensions on the class path, by kind and name. */
public final class Extensions {

  /**
   * Instances lent for a while (by a test that drives its own extension without listing it in
   * META-INF/services), found before those on the class path; a lent one hides one of the same
   * name. Held for the whole JVM until returned, so that the run's actors on other threads see them.
   */
  private static final List<Extension> LENT = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Extensions() {}

  /** An extension lent until the loan is closed. */
  public interface Loan extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Makes {@code extension} findable by its name, before any on the class path, until the returned
   * loan is closed.
   */
  public static Loan lend(Extension extension) {
    LENT.add(0, extension);
    return () -> LENT.remove(extension);
  }

  /** The extension of {@code kind} called {@code name}: a lent one first, then the class path's. */
  public static <E extends Extension> Optional<E> find(Class<E> kind, String name) {
    return all(kind).stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Every extension of {@code kind} on the class path, in the order the class path lists them. */
  public static <E extends Extension> List<E> all(Class<E> kind) {
    List<E> found = new ArrayList<>();
    LENT.stream().filter(kind::isInstance).map(kind::cast).forEach(found::add);
    ServiceLoader.load(kind, Extensions.class.getClassLoader()).forEach(found::add);
    return found;
  }

  /** The names of every extension of {@code kind}, for error messages and suggestions. */
  public static List<String> names(Class<? extends Extension> kind) {
    return all(kind).stream().map(Extension::name).distinct().toList();
  }

}
