package cascade.scenario;

import cascade.load.ClosedLoop;
import cascade.scenario.Scenario.Arrivals;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads the {@code traffic} section. The settings of every shape are checked whatever the shape,
 * as everywhere in a scenario; checks that tie two settings together (a day cycle's amplitude
 * and its mean rate) and the replay file only for the shape that uses them.
 */
final class TrafficSection {

  private TrafficSection() {}

  static Scenario.Traffic read(Values v, Path file) {
    String shapeName = v.string("traffic.arrivals");
    Arrivals arrivals = builtIn(shapeName);
    cascade.extension.ExtensionRef customShape = arrivals == Arrivals.EXTENSION ? customShape(v, shapeName) : null;
    int total = v.integer("traffic.total", 1);
    double rate = v.number("traffic.rate", 0, true, Double.MAX_VALUE);
    Scenario.StepShape step =
        new Scenario.StepShape(v.duration("traffic.step-at", true), v.number("traffic.step-to", 0, true, Double.MAX_VALUE));
    Scenario.SpikeShape spike =
        new Scenario.SpikeShape(
            v.duration("traffic.spike-at", true),
            v.duration("traffic.spike-for", true),
            v.number("traffic.spike-rate", 0, true, Double.MAX_VALUE));
    Scenario.DayCycle dayCycle =
        new Scenario.DayCycle(v.number("traffic.amplitude", 0, false, Double.MAX_VALUE), v.duration("traffic.period", false));
    if (arrivals == Arrivals.SINUSOIDAL && dayCycle.amplitude() > rate) {
      throw v.problem("traffic.amplitude", "must be at most traffic.rate (" + plain(rate) + ") for a sinusoidal load, or the rate would go below 0, but was " + plain(dayCycle.amplitude()));
    }
    Scenario.Users users =
        new Scenario.Users(
            v.integer("traffic.users", 1),
            v.duration("traffic.think-time", true),
            v.choice("traffic.think", ClosedLoop.Think.values(), t -> t.key));
    cascade.load.Replay replay = null;
    String replayFile = v.string(ReplayFile.KEY);
    if (arrivals == Arrivals.REPLAY) {
      if (replayFile.isBlank()) {
        throw v.problem(ReplayFile.KEY, "must name a CSV file of offsets (relative to the scenario's folder) for arrivals = replay");
      }
      replay = ReplayFile.read(file.resolveSibling(replayFile), v.where(ReplayFile.KEY));
      // The recording says how many requests there are.
      total = (int) Math.min(Integer.MAX_VALUE, replay.total());
    }
    return new Scenario.Traffic(
        total,
        arrivals,
        v.integer("traffic.burst", 1),
        v.duration("traffic.gap", false),
        rate,
        v.number("traffic.ramp-to", 0, true, Double.MAX_VALUE),
        step,
        spike,
        dayCycle,
        replay,
        users,
        RequestClassList.read(v, "traffic.classes"),
        customShape);
  }

  /** The built-in shape called {@code name}, or EXTENSION for any other name (checked next). */
  private static Arrivals builtIn(String name) {
    for (Arrivals arrivals : Arrivals.values()) {
      if (arrivals != Arrivals.EXTENSION && arrivals.key.equals(name)) {
        return arrivals;
      }
    }
    return Arrivals.EXTENSION;
  }

  /** A traffic shape extension on the class path, with its keys from {@code traffic.shape-settings}. */
  private static cascade.extension.ExtensionRef customShape(Values v, String name) {
    java.util.List<String> builtIn = new java.util.ArrayList<>();
    for (Arrivals arrivals : Arrivals.values()) {
      if (arrivals != Arrivals.EXTENSION) {
        builtIn.add(arrivals.key);
      }
    }
    return ExtensionResolver.resolve(v, "traffic.arrivals", name, false, cascade.load.TrafficShapeExtension.class, builtIn, "traffic.shape-settings");
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
