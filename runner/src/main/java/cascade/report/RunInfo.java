package cascade.report;

import java.time.Instant;

/**
 * The facts of one run that belong to the machine and the moment rather than to the scenario:
 * when it ran, how long it took, in which process. They differ from run to run, so they are kept
 * apart from the results ({@code run-info.json} beside {@code results.json}, {@code run_info} in
 * the {@code --json} document): two runs of the same scenario, seed and version in virtual time
 * give byte-identical results, and a comparison of two runs leaves these out.
 *
 * @param clock       {@code virtual} or {@code real}
 * @param wallSeconds the machine's time the run took, from reading the scenario to the last result
 */
public record RunInfo(String clock, Instant started, double wallSeconds, long pid, int cores, String java) {

  /** This process, now: the run began at {@code started}. */
  public static RunInfo of(String clock, Instant started, long startNanos) {
    return new RunInfo(
        clock,
        started,
        (System.nanoTime() - startNanos) / 1e9,
        ProcessHandle.current().pid(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }
}
