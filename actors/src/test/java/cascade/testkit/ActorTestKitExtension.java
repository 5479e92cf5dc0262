package cascade.testkit;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ActorTestKit} per test class, shut down after the class: the JUnit 5 counterpart of
 * Akka's JUnit 4 {@code TestKitJunitResource}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ActorTestKitExtension akka = ActorTestKitExtension.withManualTime();
 *
 * @Test
 * void something() {
 *   var probe = akka.kit().createTestProbe(Reply.class);
 *   akka.manualTime().timePasses(Duration.ofMillis(20));
 * }
 * }</pre>
 */
public final class ActorTestKitExtension implements BeforeAllCallback, AfterAllCallback {

  private final Config config;
  private final boolean manual;
  private ActorTestKit kit;

  private ActorTestKitExtension(Config config, boolean manual) {
    this.config = config;
    this.manual = manual;
  }

  /** Real time, with the project's runtime configuration (its precise scheduler included). */
  public static ActorTestKitExtension withRealTime() {
    return new ActorTestKitExtension(ConfigFactory.load("application-test"), false);
  }

  /** Real time, with {@code overrides} over the runtime configuration (a journal, say). */
  public static ActorTestKitExtension withRealTime(Config overrides) {
    return new ActorTestKitExtension(overrides.withFallback(ConfigFactory.load("application-test")), false);
  }

  /** Time moves only when the test says so, through {@link #manualTime()}. */
  public static ActorTestKitExtension withManualTime() {
    return new ActorTestKitExtension(ManualTime.config().withFallback(ConfigFactory.load("application-test")), true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    kit = ActorTestKit.create(context.getRequiredTestClass().getSimpleName(), config);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (kit != null) {
      kit.shutdownTestKit();
      kit = null;
    }
  }

  public ActorTestKit kit() {
    if (kit == null) {
      throw new IllegalStateException("register the extension in a static field with @RegisterExtension");
    }
    return kit;
  }

  public ManualTime manualTime() {
    if (!manual) {
      throw new IllegalStateException("this extension runs in real time; use ActorTestKitExtension.withManualTime()");
    }
    return ManualTime.get(kit().system());
  }
}
