package cascade.cli;

import cascade.run.TimerFidelity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "calibrate",
    description = {
      "Measure how precisely actor timers fire on this machine.",
      "",
      "The simulated service answers after 8-14 ms, so a scheduler that fires late biases every latency. "
          + "Compares Cascade Lab's precise scheduler with Akka's default timer wheel at 1 ms and 10 ms ticks.",
      ""
    },
    mixinStandardHelpOptions = true)
final class CalibrateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--timers", paramLabel = "N", description = "Timers to arm (default: ${DEFAULT-VALUE}).", defaultValue = "2000")
  int timers;

  @Option(
      names = "--concurrent",
      paramLabel = "N",
      description = "Timers pending at any time, like consumers waiting for the service (default: ${DEFAULT-VALUE}).",
      defaultValue = "16")
  int concurrent;

  @Option(names = "--delay-ms", paramLabel = "MS", description = "Delay of each timer (default: ${DEFAULT-VALUE}).", defaultValue = "8")
  long delayMillis;

  @Override
  public Integer call() {
    if (timers < 1 || concurrent < 1 || delayMillis < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--timers, --concurrent and --delay-ms must be at least 1");
    }
    List<TimerFidelity.Setup> setups =
        List.of(
            new TimerFidelity.Setup("precise (Cascade Lab)", "cascade.runtime.PreciseScheduler", Duration.ofMillis(1)),
            new TimerFidelity.Setup("Akka wheel, 1 ms tick", "akka.actor.LightArrayRevolverScheduler", Duration.ofMillis(1)),
            new TimerFidelity.Setup("Akka wheel, 10 ms tick", "akka.actor.LightArrayRevolverScheduler", Duration.ofMillis(10)));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%d timers of %d ms, %d pending at a time; actual delay in ms:%n", timers, delayMillis, concurrent);
    out.printf("%-24s %8s %8s %8s%n", "scheduler", "p50", "p99", "max");
    for (TimerFidelity.Setup setup : setups) {
      TimerFidelity.Measurement m = TimerFidelity.measure(setup, timers, concurrent, Duration.ofMillis(delayMillis));
      out.printf("%-24s %8.2f %8.2f %8.2f%n", setup.label(), m.p50Millis(), m.p99Millis(), m.maxMillis());
      out.flush();
    }
    return 0;
  }
}
