package io.tutti.cli;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
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
 * {@code tutti demo [--out DIR]}: the whole story on the default simulated world, one step after
 * the other. For now: simulate the world, compile it, describe it; each step prints where its
 * output went.
 */
@Command(
    name = "demo",
    description = {
      "Run the demo on the default simulated music world: simulate it, compile it, describe it.",
      "Outputs go under DIR: world/ (samples, plays, tutti.yaml) and dataset/ (compiled)."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the demo's outputs go (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("out", "demo");

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "Listeners of the world (default ${DEFAULT-VALUE}); fewer for a quick look.")
  int users = WorldSettings.defaults().users();

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the world (default ${DEFAULT-VALUE}).")
  long seed = WorldSettings.defaults().seed();

  @Override
  public Integer call() {
    if (users < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--users: seen " + users + "; accepted: an integer >= 1.");
    }
    PrintWriter printer = spec.commandLine().getOut();
    Path world = out.resolve("world");
    Path compiled = out.resolve("dataset");

    // Step 1: a world whose ground truth is known, so every later figure can be judged.
    WorldSettings settings = WorldSettings.defaults().withSeed(seed).withUsers(users);
    Simulator.Result simulated =
        Simulator.simulate(settings, world, Runtime.getRuntime().availableProcessors());
    printer.printf(
        "1. Simulated %d samples %s and %d plays into %s (config %s).%n",
        simulated.totalSamples(),
        simulated.samples(),
        simulated.plays(),
        world,
        world.resolve("tutti.yaml"));
    printer.flush();

    // Step 2: compile once; training and evaluation then stream the columns without parsing.
    TuttiConfig config = ConfigLoader.load(world.resolve("tutti.yaml"));
    Datasets.compile(config, null, compiled, false);
    printer.printf("2. Compiled the dataset into %s.%n", compiled);

    // Step 3: what the data holds per scenario, before any model sees it.
    printer.printf("3. The data per scenario:%n");
    try (Dataset dataset = Datasets.open(compiled, config)) {
      printer.print(DataCommand.toText(dataset));
    }
    printer.flush();
    return 0;
  }
}
