package cascade.scenario;

import cascade.load.ArrivalSchedule;
import cascade.load.ClosedLoop;
import cascade.load.ConstantRate;
import cascade.load.ExtensionShape;
import cascade.load.Load;
import cascade.load.Poisson;
import cascade.load.Ramp;
import cascade.load.Replay;
import cascade.load.RequestClasses;
import cascade.load.Sinusoidal;
import cascade.load.Spike;
import cascade.load.Step;
import cascade.load.TrafficShapeExtension;
import cascade.model.RandomStreams;
import cascade.runtime.InvalidSetting;
import cascade.scenario.Scenario.Arrivals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the {@code traffic} section straight into the load the generator runs. It parses each
 * key's type (and a duration's sign and ceiling, with the text as written); the other rules live
 * in the shapes themselves. Every shape made of the section's keys is built, whether the scenario
 * runs it or not, so each key meets its shape's rules as every key of a scenario is checked; a rule
 * that ties two keys together (a day cycle's amplitude and its mean rate) and the replay file bind
 * only the shape the scenario runs.
 */
final class TrafficSection {

  private TrafficSection() {}

  /**
   * The load the section describes and the request classes it mixes.
   *
   * @param seed the scenario's: a random shape draws from a stream of its own, split from it, so
   *     that arrivals shift none of the service's draws
   */
  static Scenario.Traffic read(Values v, Path file, long seed) {
    String shapeName = v.string("traffic.arrivals");
    Arrivals arrivals = builtIn(shapeName);
    long total = v.wholeNumber("traffic.total");
    double rate = v.number("traffic.rate");
    double rampTo = v.number("traffic.ramp-to");
    int burst = v.integer("traffic.burst");
    Duration gap = v.duration("traffic.gap", false);
    Duration stepAt = v.duration("traffic.step-at", true);
    double stepTo = v.number("traffic.step-to");
    Duration spikeAt = v.duration("traffic.spike-at", true);
    Duration spikeFor = v.duration("traffic.spike-for", true);
    double spikeRate = v.number("traffic.spike-rate");
    double amplitude = v.number("traffic.amplitude");
    Duration period = v.duration("traffic.period", false);
    int users = v.integer("traffic.users");
    Duration thinkTime = v.duration("traffic.think-time", true);
    ClosedLoop.Think think = v.choice("traffic.think", ClosedLoop.Think.values(), t -> t.key);
    String replayFile = v.string(ReplayFile.KEY);
    RequestClasses classes =
        new RequestClasses(RequestClassList.read(v, "traffic.classes"), new RandomStreams(seed).forComponent("request-classes").nextLong());
    // Its own stream of the scenario's seed, so that arrivals do not shift the service's draws.
    long arrivalsSeed = new RandomStreams(seed).forComponent("arrivals").nextLong();
    Function<Arrivals, Load> shape =
        each ->
            switch (each) {
              case TUTORIAL -> ArrivalSchedule.tutorial(total);
              case BURSTS -> ArrivalSchedule.bursts(total, burst, gap);
              case CONSTANT -> new ConstantRate(total, rate);
              case RAMP -> new Ramp(total, rate, rampTo);
              case POISSON -> new Poisson(total, rate, arrivalsSeed);
              case STEP -> new Step(total, rate, stepAt, stepTo);
              case SPIKE -> new Spike(total, rate, spikeAt, spikeFor, spikeRate);
              case SINUSOIDAL -> new Sinusoidal(total, rate, amplitude, period);
              case REPLAY -> replay(v, file, replayFile);
              case CLOSED_LOOP ->
                  new ClosedLoop(total, users, thinkTime, think, new RandomStreams(seed).forComponent("think-time").nextLong());
              case EXTENSION -> extensionShape(v, shapeName, total, arrivalsSeed);
            };
    Load load =
        v.build(
            "traffic",
            () -> {
              checkEveryShape(shape);
              return shape.apply(arrivals);
            });
    return new Scenario.Traffic(load, classes);
  }

  /**
   * Builds every shape made of the section's keys alone (not a replay, which reads a file, nor an
   * extension), so that a mistake in a key the chosen shape does not use is still refused; a rule
   * comparing two keys is left to the chosen shape. Before the extension is asked for its shape,
   * so that it gets a total the shapes accept.
   */
  private static void checkEveryShape(Function<Arrivals, Load> shape) {
    for (Arrivals each : Arrivals.values()) {
      if (each == Arrivals.REPLAY || each == Arrivals.EXTENSION) {
        continue;
      }
      try {
        shape.apply(each);
      } catch (InvalidSetting invalid) {
        if (!invalid.comparesTwo()) {
          throw invalid;
        }
      }
    }
  }

  /** A recording's offsets; the recording says how many requests there are. */
  private static Replay replay(Values v, Path file, String replayFile) {
    if (replayFile.isBlank()) {
      throw v.problem(ReplayFile.KEY, "must name a CSV file of offsets (relative to the scenario's folder) for arrivals = replay");
    }
    return ReplayFile.read(file.resolveSibling(replayFile), v.where(ReplayFile.KEY));
  }

  /** The arrivals a traffic shape extension on the class path draws, with its keys from {@code traffic.shape-settings}. */
  private static ExtensionShape extensionShape(Values v, String name, long total, long seed) {
    List<String> builtIn = new ArrayList<>();
    for (Arrivals arrivals : Arrivals.values()) {
      if (arrivals != Arrivals.EXTENSION) {
        builtIn.add(arrivals.key);
      }
    }
    ExtensionResolver.Found<TrafficShapeExtension> shape =
        ExtensionResolver.resolve(v, "traffic.arrivals", name, false, TrafficShapeExtension.class, builtIn, "traffic.shape-settings");
    return new ExtensionShape(name, total, shape.extension().shape(shape.settings(), total, seed));
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

}
