package cascade.testkit;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An Akka Typed {@link ActorTestKit} for JUnit 5: the counterpart of Akka's JUnit 4 {@code
 * TestKitJunitResource}, without ScalaTest.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ActorTestKitExtension akka = ActorTestKitExtension.withManualTime();
 *
 * @Test
 * void answersAfterItsServiceTime(ActorTestKit kit, ManualTime time, Probes probes) {
 *   Probe<Reply> reply = probes.of(Reply.class);
 *   kit.spawn(Service.create(), "service").tell(new Call(7, reply.ref()));
 *   time.timePasses(Duration.ofMillis(20));
 *   reply.expectMessage(new Reply(7));
 * }
 * }</pre>
 *
 * <p>One kit per test class by default, or one per test with {@link #perTest()}. Test methods
 * (and {@code @BeforeEach} methods) may ask for an {@link ActorTestKit}, a {@link ManualTime}, the
 * {@link ActorSystem} or {@link Probes} as parameters; {@link #kit()} and {@link #manualTime()}
 * give the same from the field.
 *
 * <p>Actors left running. When a kit ends, the actors spawned with it that have not stopped are
 * named. With a kit per test that fails the test: each test starts from an empty system and must
 * stop what it spawned (or let it stop itself), so a leak is a finding. With a kit per class it
 * is a warning on standard error, since tests that share a kit often keep actors for the whole
 * class; the kit's shutdown stops them either way. Actors found running get a moment to finish
 * stopping (one may have stopped itself just as the test ended): up to a second before a failure,
 * a fifth of that before a warning; only actors really left running cost that time. {@link #leftoverActors(Leftovers)} chooses
 * otherwise.
 *
 * <p>Configuration. {@code application-test.conf} when the test class path has one (Akka's
 * convention for test kits), otherwise {@code application.conf}: with Cascade Lab on the class
 * path that is the lab's runtime configuration (its precise scheduler and serialization
 * bindings), otherwise Akka's defaults. Overrides given to a factory go on top.
 *
 * <p>Tests of one class must not run concurrently with this extension: the kit is held in the
 * extension's field.
 */
public final class ActorTestKitExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** What to do about actors still running when a kit ends. */
  public enum Leftovers {
    /** Fail the test (per test) or the class (per class), naming the actors. */
    FAIL,
    /** Print the actors' paths to standard error. */
    WARN
  }

  private final Config overrides;
  private final boolean manual;
  private final boolean perTest;
  private final Leftovers leftovers;
  private ActorTestKit kit;

  /** Real time, one kit per class: what {@code @ExtendWith(ActorTestKitExtension.class)} gives. */
  public ActorTestKitExtension() {
    this(ConfigFactory.empty(), false, false, null);
  }

  private ActorTestKitExtension(Config overrides, boolean manual, boolean perTest, Leftovers leftovers) {
    this.overrides = overrides;
    this.manual = manual;
    this.perTest = perTest;
    this.leftovers = leftovers;
  }

  /** Real time, with the default configuration (see the class comment). */
  public static ActorTestKitExtension withRealTime() {
    return new ActorTestKitExtension();
  }

  /** Real time, with {@code overrides} over the default configuration (a journal, say). */
  public static ActorTestKitExtension withRealTime(Config overrides) {
    return new ActorTestKitExtension(overrides, false, false, null);
  }

  /** Time moves only when the test says so, through {@link ManualTime#timePasses}. */
  public static ActorTestKitExtension withManualTime() {
    return withManualTime(ConfigFactory.empty());
  }

  /** Manual time, with {@code overrides} over the default configuration. */
  public static ActorTestKitExtension withManualTime(Config overrides) {
    return new ActorTestKitExtension(overrides, true, false, null);
  }

  /** A fresh kit (a fresh actor system) for every test, shut down after it. */
  public ActorTestKitExtension perTest() {
    return new ActorTestKitExtension(overrides, manual, true, leftovers);
  }

  /** What to do about actors still running when a kit ends (see the class comment for the defaults). */
  public ActorTestKitExtension leftoverActors(Leftovers choice) {
    return new ActorTestKitExtension(overrides, manual, perTest, choice);
  }

  /** The configuration a kit starts with: overrides, manual time if asked for, then the defaults. */
  Config config() {
    Config base = overrides;
    if (manual) {
      base = base.withFallback(ManualTime.config());
    }
    return base.withFallback(defaults());
  }

  /** {@code application-test.conf} if there is one, else {@code application.conf}, else Akka's own defaults. */
  static Config defaults() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader != null && loader.getResource("application-test.conf") != null) {
      return ConfigFactory.load("application-test");
    }
    return ConfigFactory.load();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!perTest) {
      kit = ActorTestKit.create(systemName(context.getRequiredTestClass().getSimpleName()), config());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (perTest) {
      kit = ActorTestKit.create(systemName(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()), config());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      end(context.getDisplayName() + " of " + context.getRequiredTestClass().getSimpleName(), leftovers == null ? Leftovers.FAIL : leftovers);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!perTest) {
      end(context.getRequiredTestClass().getSimpleName(), leftovers == null ? Leftovers.WARN : leftovers);
    }
  }

  /** Shuts the kit down, then reports what was still running in it. */
  private void end(String what, Leftovers choice) {
    if (kit == null) {
      return;
    }
    List<String> running;
    try {
      running = RunningActors.of(kit, choice == Leftovers.FAIL ? RunningActors.STOPPING : RunningActors.STOPPING.dividedBy(5));
    } finally {
      kit.shutdownTestKit();
      kit = null;
    }
    if (running.isEmpty()) {
      return;
    }
    String message =
        running.size() + " actor(s) still running when " + what + " ended: " + String.join(", ", running)
            + ". Stop them (kit.stop(ref), or let them stop themselves), or register the extension with"
            + " leftoverActors(" + (choice == Leftovers.FAIL ? "WARN" : "FAIL") + ").";
    if (choice == Leftovers.FAIL) {
      throw new AssertionError(message);
    }
    System.err.println("ActorTestKitExtension: " + message);
  }

  /** The test kit; throws when used outside a test of a class that registered the extension. */
  public ActorTestKit kit() {
    if (kit == null) {
      throw new IllegalStateException(
          "no ActorTestKit here: register the extension with @RegisterExtension (in a static field unless perTest())");
    }
    return kit;
  }

  /** The kit's manual clock; only for an extension made with {@link #withManualTime()}. */
  public ManualTime manualTime() {
    if (!manual) {
      throw new IllegalStateException("this extension runs in real time; register ActorTestKitExtension.withManualTime() to move time by hand");
    }
    return ManualTime.get(kit().system());
  }

  /** Probes whose failures say what they expected, for how long, and what arrived instead. */
  public Probes probes() {
    return new Probes(kit());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ActorTestKit.class || type == ManualTime.class || type == ActorSystem.class || type == Probes.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    try {
      if (type == ManualTime.class) {
        return manualTime();
      }
      if (type == ActorSystem.class) {
        return kit().system();
      }
      if (type == Probes.class) {
        return probes();
      }
      return kit();
    } catch (IllegalStateException e) {
      throw new ParameterResolutionException(parameter.getParameter() + ": " + e.getMessage());
    }
  }

  /** Actor system names allow letters, digits, '-' and '_' only. */
  private static String systemName(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
