package cascade.service;

import cascade.extension.Extension;
import cascade.extension.ExtensionSettings;
import java.util.random.RandomGenerator;

/**
 * A rule of your own for spreading a service's attempts over its replicas: name it in {@code
 * service.routing} and give its keys in {@code service.routing-settings}.
 */
public interface RouterExtension extends Extension {

  /** Picks instances for one replica group; the group asks it once per attempt. */
  interface Router {
    /**
     * @param outstanding attempts each instance is serving now, by instance index; a stopped
     *     instance shows as {@code Integer.MAX_VALUE} (an attempt sent there is never answered)
     * @param requestId the attempt's request, for rules that keep a request on one instance
     * @return the index of the instance to use
     */
    int choose(int[] outstanding, long requestId);
  }

  /** A fresh router for one group; {@code random} is the group's own stream. */
  Router router(ExtensionSettings settings, RandomGenerator random);
}
