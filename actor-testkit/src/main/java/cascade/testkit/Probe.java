package cascade.testkit;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;

/**
 * A test probe whose failures read as sentences: what was expected, for how long, and what
 * arrived instead, if anything ("expected a Reply within 3 s at probe reply-1, but a Rejected
 * arrived: Rejected[id=7]"). Everything else is Akka's {@link TestProbe}, through {@link #akka()}.
 */
public final class Probe<T> {

  private final TestProbe<T> probe;
  /** As the test named it (Akka adds a number to make the actor's name unique). */
  private final String name;
  private final Class<T> type;
  private final Duration timeout;

  Probe(TestProbe<T> probe, String name, Class<T> type, Duration timeout) {
    this.probe = probe;
    this.name = name;
    this.type = type;
    this.timeout = timeout;
  }

  public ActorRef<T> ref() {
    return probe.ref();
  }

  /** Akka's probe underneath, for what this one does not offer (fishing, awaiting assertions). */
  public TestProbe<T> akka() {
    return probe;
  }

  /** The next message, within the kit's default timeout ({@code akka.actor.testkit.typed.single-expect-default}). */
  public T receiveMessage() {
    return receiveMessage(timeout);
  }

  public T receiveMessage(Duration within) {
    return next("a " + type.getSimpleName(), within);
  }

  /** The next message equals {@code expected}. */
  public T expectMessage(T expected) {
    return expectMessage(expected, timeout);
  }

  public T expectMessage(T expected, Duration within) {
    T message = next(String.valueOf(expected), within);
    if (!message.equals(expected)) {
      throw new AssertionError("expected " + expected + " within " + show(within) + " at probe " + name() + ", but got " + message);
    }
    return message;
  }

  /** The next message is a {@code expected}; returns it. */
  public <U extends T> U expectMessageClass(Class<U> expected) {
    return expectMessageClass(expected, timeout);
  }

  public <U extends T> U expectMessageClass(Class<U> expected, Duration within) {
    T message = next("a " + expected.getSimpleName(), within);
    if (!expected.isInstance(message)) {
      throw new AssertionError(
          "expected a " + expected.getSimpleName() + " within " + show(within) + " at probe " + name()
              + ", but a " + message.getClass().getSimpleName() + " arrived: " + message);
    }
    return expected.cast(message);
  }

  /** Nothing arrives for {@code during} (real time: under ManualTime use {@code ManualTime.expectNoMessageFor}). */
  public void expectNoMessage(Duration during) {
    try {
      probe.expectNoMessage(during);
    } catch (AssertionError e) {
      throw new AssertionError("expected no message for " + show(during) + " at probe " + name() + ", but one arrived: " + e.getMessage(), e);
    }
  }

  private T next(String expected, Duration within) {
    try {
      return probe.receiveMessage(within);
    } catch (AssertionError timedOut) {
      throw new AssertionError("expected " + expected + " within " + show(within) + " at probe " + name() + ", but nothing arrived", timedOut);
    }
  }

  private String name() {
    return name;
  }

  /** "3 s", "250 ms": how people write timeouts. */
  static String show(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
