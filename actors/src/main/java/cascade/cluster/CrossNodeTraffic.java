package cascade.cluster;

import akka.actor.AbstractExtensionId;
import akka.actor.ActorRef;
import akka.actor.ExtendedActorSystem;
import akka.actor.Extension;
import akka.actor.ExtensionIdProvider;
import akka.remote.artery.RemoteInstrument;
import cascade.runtime.CrossesNodes;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the lab's own messages (those marked {@link CrossesNodes}) that this node sends to and
 * receives from other nodes, and their serialized size: the price a placement pays in network
 * traffic. Cluster gossip and heartbeats are left out; they are Akka's, not the scenario's.
 *
 * <p>Artery creates one instrument per encoder and decoder (see {@code
 * akka.remote.artery.advanced.instruments} in cluster.conf); they all add to the node's one
 * {@link Counters}, so the counts cover every connection.
 */
public final class CrossNodeTraffic extends RemoteInstrument {

  /** Artery tells instruments apart by this identifier (0 to 31); ours writes no metadata. */
  private static final byte IDENTIFIER = 21;

  private final Counters counters;

  public CrossNodeTraffic(ExtendedActorSystem system) {
    this.counters = COUNTERS.get(system);
  }

  /** This node's counters. */
  public static Counters of(akka.actor.typed.ActorSystem<?> system) {
    return COUNTERS.get(akka.actor.typed.javadsl.Adapter.toClassic(system));
  }

  @Override
  public byte identifier() {
    return IDENTIFIER;
  }

  @Override
  public void remoteWriteMetadata(ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) {
    // Nothing to attach: the instrument only counts.
  }

  @Override
  public void remoteMessageSent(ActorRef recipient, Object message, ActorRef sender, int size, long time) {
    if (message instanceof CrossesNodes) {
      counters.sent.increment();
      counters.bytesSent.add(size);
    }
  }

  @Override
  public void remoteReadMetadata(ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) {
    // Never called: nothing is written.
  }

  @Override
  public void remoteMessageReceived(ActorRef recipient, Object message, ActorRef sender, int size, long time) {
    if (message instanceof CrossesNodes) {
      counters.received.increment();
    }
  }

  /** What one node has sent and received since it started; safe to read from any thread. */
  public static final class Counters implements Extension {
    private final LongAdder sent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder received = new LongAdder();

    public Totals totals() {
      return new Totals(sent.sum(), bytesSent.sum(), received.sum());
    }
  }

  /** A reading of the counters, as it crosses to the coordinator. */
  public record Totals(long messagesSent, long bytesSent, long messagesReceived) implements CrossesNodes {}

  private static final CountersId COUNTERS = new CountersId();

  private static final class CountersId extends AbstractExtensionId<Counters> implements ExtensionIdProvider {
    @Override
    public Counters createExtension(ExtendedActorSystem system) {
      return new Counters();
    }

    @Override
    public CountersId lookup() {
      return COUNTERS;
    }
  }
}
