package cascade.load;

import cascade.extension.Extension;
import cascade.extension.ExtensionSettings;
import java.time.Duration;

/**
 * An open-loop traffic shape of your own: name it in {@code traffic.arrivals} and give its keys in
 * {@code traffic.shape-settings}. The load generator sends request {@code i} at the offset your
 * cursor gives for {@code i}, whatever happened to earlier requests, as it does for the built-in
 * shapes; the time series' {@code offered} column counts them from the same offsets.
 */
public interface TrafficShapeExtension extends Extension {

  /** When the requests of one run are due. */
  interface Shape {
    /** Roughly when the last request is due: sizes the run's time limit. */
    Duration span();

    /**
     * A fresh walk over the offsets, request 0 first; offsets never decrease, and two walks give
     * the same offsets (draw from a generator seeded with the seed you were given, anew per walk).
     */
    ArrivalSchedule.Cursor cursor();
  }

  /**
   * @param total how many requests ({@code traffic.total})
   * @param seed  this shape's own seed, split from the scenario's
   */
  Shape shape(ExtensionSettings settings, long total, long seed);
}
