package io.tutti.cli;

import java.util.List;

/** Every subcommand of {@code tutti}, in the order {@code --help} lists them. */
final class Subcommands {
  private Subcommands() {}

  static List<Object> all() {
    return List.of(
        new ConfigCommand(),
        new DataCommand(),
        new SimulateCommand(),
        new TrainCommand(),
        new PredictCommand(),
        new EvaluateCommand(),
        new CompareCommand(),
        new AbtestCommand(),
        new AblateFeaturesCommand(),
        new ServeCommand(),
        new RequestsCommand(),
        new RankBatchCommand(),
        new DemoCommand());
  }
}
