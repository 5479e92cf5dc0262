package cascade.service;

import cascade.extension.Extension;
import cascade.extension.ExtensionSettings;
import akka.actor.typed.Behavior;
import java.util.random.RandomGenerator;

/**
 * A downstream service of your own: an actor that speaks the service's protocol. Name it in
 * {@code service.model} and give its keys in {@code service.model-settings}; {@code
 * service.replicas} and {@code service.routing} still apply (each replica is one instance of your
 * actor), the tutorial model's keys, load shedding, faults and supervision do not: your actor is the
 * whole service.
 *
 * <p>The protocol: answer every {@link DownstreamService.Handle} once, to its {@code replyTo},
 * with {@link DownstreamService.Succeeded}, {@link DownstreamService.Failed} or {@link
 * DownstreamService.Rejected}; a {@link DownstreamService.Cancel} says the caller gave up on an
 * attempt (drop the work if you can). An attempt you never answer ends as a timeout at its caller,
 * so nothing is lost, but it is counted against you.
 */
public interface ServiceExtension extends Extension {

  /**
   * One instance.
   *
   * @param random the instance's own stream, split from the scenario's seed
   */
  Behavior<DownstreamService.Command> instance(ExtensionSettings settings, RandomGenerator random);
}
