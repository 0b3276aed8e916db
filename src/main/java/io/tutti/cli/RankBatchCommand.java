package io.tutti.cli;

import io.tutti.serve.BatchRanker;
import io.tutti.serve.ModelBundle;
import io.tutti.serve.ModelDirectoryLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tutti rank-batch}: every user's top K from their candidate set, offline. */
@Command(
    mixinStandardHelpOptions = true,
    name = "rank-batch",
    description = {
      "Rank every user's candidates and keep the top K (the daily list, say): streaming, on",
      "every core, CSV or Parquet out, resumable: run the same command again after an",
      "interruption. File layouts in docs/serving.md."
    })
final class RankBatchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "The model directory (or directory of versions: the newest is used).")
  Path model;

  @Option(names = "--scenario", required = true, paramLabel = "ID", description = "The scenario.")
  String scenario;

  @Option(
      names = "--users",
      required = true,
      paramLabel = "PATH",
      description = "One row per user: the user-side columns and seq_ID sequence columns.")
  Path users;

  @Option(
      names = "--candidates",
      required = true,
      paramLabel = "PATH",
      description = "The user id and candidate-side columns, users in the users file's order.")
  Path candidates;

  @Option(
      names = "--k",
      paramLabel = "K",
      description = "Items kept per user. Default: ${DEFAULT-VALUE}.")
  int k = 30;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "PATH",
      description = "The output: .csv or .parquet, written atomically at the end.")
  Path out;

  @Option(
      names = "--chunk-users",
      paramLabel = "N",
      description = "Users per committed chunk. Default: ${DEFAULT-VALUE}.")
  int chunkUsers = 1000;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Parallel scoring groups. Default: the number of cores.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() {
    BatchRanker.Settings settings = new BatchRanker.Settings(scenario, k, chunkUsers, threads);
    ModelDirectoryLoader loader = new ModelDirectoryLoader();
    ModelBundle bundle = loader.load(loader.newest(model));
    try {
      BatchRanker.Result result = new BatchRanker(bundle, settings).run(users, candidates, out);
      spec.commandLine()
          .getOut()
          .printf(
              "Ranked %d users (%d candidates, %.0f scores/s)%s into %s.%n",
              result.users(),
              result.candidates(),
              result.candidates() / Math.max(result.seconds(), 1e-9),
              result.resumedUsers() > 0
                  ? ", resuming after " + result.resumedUsers() + " users done earlier"
                  : "",
              out);
    } finally {
      bundle.scorer().close();
    }
    return 0;
  }
}
