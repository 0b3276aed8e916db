package io.tutti.cli;

import io.tutti.common.TuttiException;
import io.tutti.sim.OutputFormat;
import io.tutti.sim.Simulator;
import io.tutti.sim.WorldSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tutti simulate --out DIR [--users N] [--seed S] [--podcast] [--format F] [--threads T]}:
 * writes a simulated music world (samples, play log, tutti.yaml, world.json) to DIR, atomically.
 */
@Command(
    name = "simulate",
    description = {
      "Write a simulated music world with known ground truth to DIR.",
      "DIR gets samples/, plays/, tutti.yaml (ready for the other commands) and world.json",
      "(to rebuild the world). The same settings and seed give byte-identical files,",
      "whatever the thread count."
    })
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where the world goes; an existing one is replaced.")
  Path out;

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "Listeners (default ${DEFAULT-VALUE}: about 545,000 samples).")
  int users = WorldSettings.defaults().users();

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
  long seed = WorldSettings.defaults().seed();

  @Option(names = "--podcast", description = "Add the fifth scenario, podcast.")
  boolean podcast;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "csv (default: fastest to write and to compile) or parquet (a quarter of the size,"
              + " slower; converted by DuckDB).")
  String format = OutputFormat.CSV.id();

  @Option(
      names = "--sequence-lengths",
      paramLabel = "L,M,S",
      hideParamSyntax = true,
      split = ",",
      description =
          "max_length of the long, mid and short sequences in the written tutti.yaml, each 1 to"
              + " 10000 (default 1000,200,30).")
  int[] sequenceLengths = {
    WorldSettings.defaults().longLength(),
    WorldSettings.defaults().midLength(),
    WorldSettings.defaults().shortLength()
  };

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Threads (default: every core); the output does not depend on it.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() {
    if (users < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--users: seen " + users + "; accepted: an integer >= 1.");
    }
    if (threads < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threads: seen " + threads + "; accepted: an integer >= 1.");
    }
    OutputFormat outputFormat;
    try {
      outputFormat = OutputFormat.of(format);
    } catch (TuttiException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format: " + e.getMessage());
    }
    if (sequenceLengths.length != 3) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--sequence-lengths: seen "
              + sequenceLengths.length
              + " value(s); accepted: three, long,mid,short (e.g. 1000,200,30).");
    }
    WorldSettings settings;
    try {
      settings =
          WorldSettings.defaults()
              .withSeed(seed)
              .withUsers(users)
              .withPodcast(podcast)
              .withSequenceLengths(sequenceLengths[0], sequenceLengths[1], sequenceLengths[2]);
    } catch (TuttiException e) {
      // A setting out of range came from an option: a usage error.
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Simulator.Result result = Simulator.simulate(settings, out, threads, outputFormat);
    PrintWriter writer = spec.commandLine().getOut();
    writer.printf(
        "Simulated %d samples %s and %d plays into %s in %.1f s.%n",
        result.totalSamples(), result.samples(), result.plays(), out, result.seconds());
    writer.printf("Config: %s%n", out.resolve("tutti.yaml"));
    writer.flush();
    return 0;
  }
}
