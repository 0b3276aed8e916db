package io.tutti.cli;

import io.tutti.model.ModelDirectory;
import io.tutti.serve.ModelDirectoryLoader;
import io.tutti.serve.RequestReplay;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tutti requests}: logged samples as the rank requests that correspond to them. */
@Command(
    mixinStandardHelpOptions = true,
    name = "requests",
    description = {
      "Turn logged samples into rank requests, one JSON request per line (one per user and",
      "moment, its impressions as candidates), to replay a log against tutti serve."
    })
final class RequestsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "The model (or directory of versions) whose config maps the columns.")
  Path model;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "PATH",
      description = "Raw sample files: one file or a directory (not a compiled dataset).")
  Path data;

  @Option(
      names = "--scenario",
      required = true,
      paramLabel = "ID",
      description = "The scenario whose samples become requests.")
  String scenario;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The JSON Lines file to write, atomically.")
  Path out;

  @Option(
      names = "--window-seconds",
      paramLabel = "S",
      description = {
        "Group a user's rows into one request while they lie within S seconds of the",
        "request's first row (a list logged one impression at a time). Default: 0, equal",
        "times only."
      })
  long windowSeconds;

  @Override
  public Integer call() {
    Path newest = new ModelDirectoryLoader().newest(model);
    ModelDirectory directory = ModelDirectory.read(newest);
    long written = new RequestReplay(directory.config(), scenario, windowSeconds).write(data, out);
    spec.commandLine()
        .getOut()
        .printf("Wrote %d requests of scenario %s to %s.%n", written, scenario, out);
    return 0;
  }
}
