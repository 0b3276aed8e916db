package io.tutti.cli;

import io.tutti.serve.ModelDirectoryLoader;
import io.tutti.serve.ScoringServer;
import io.tutti.serve.ServeSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tutti serve}: the scoring server for every scenario of one model. */
@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = {
      "Serve a model over HTTP: POST /v1/scenarios/{scenario}/rank, GET /v1/model,",
      "POST /v1/model/reload, /healthz, /readyz, /metrics (see docs/serving.md).",
      "Runs until interrupted (Ctrl-C or SIGTERM), then stops gracefully."
    })
final class ServeCommand implements Callable<Integer> {
  private static final ServeSettings DEFAULTS = ServeSettings.defaults();

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL_DIR",
      description = {
        "A model directory written by tutti train (possibly a symbolic link), or a directory",
        "of such directories, one per version: the newest name is served."
      })
  Path model;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "The address to bind. Default: ${DEFAULT-VALUE}, this machine only.")
  String host = DEFAULTS.host();

  @Option(names = "--port", paramLabel = "PORT", description = "Default: ${DEFAULT-VALUE}.")
  int port = DEFAULTS.port();

  @Option(
      names = "--max-candidates",
      paramLabel = "N",
      description = "Candidates a request may carry at most. Default: ${DEFAULT-VALUE}.")
  int maxCandidates = DEFAULTS.maxCandidates();

  @Option(
      names = "--max-body-bytes",
      paramLabel = "BYTES",
      description = "Largest request body; a larger one gets 413. Default: ${DEFAULT-VALUE}.")
  int maxBodyBytes = DEFAULTS.maxBodyBytes();

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Requests scored at once. Default: the number of cores.")
  int concurrency = DEFAULTS.concurrency();

  @Option(
      names = "--queue",
      paramLabel = "N",
      description = {
        "Requests that may wait for a scoring slot; beyond them a request gets 503 with",
        "Retry-After. Default: ${DEFAULT-VALUE}."
      })
  int queue = DEFAULTS.queue();

  @Option(
      names = "--max-wait-ms",
      paramLabel = "MS",
      description = "Longest wait in the queue before a 503. Default: ${DEFAULT-VALUE}.")
  long maxWaitMillis = DEFAULTS.maxWaitMillis();

  @Option(
      names = "--watch-seconds",
      paramLabel = "S",
      description = {
        "How often MODEL_DIR is checked for a new version (swapped in without downtime);",
        "0: only on POST /v1/model/reload. Default: ${DEFAULT-VALUE}."
      })
  int watchSeconds = DEFAULTS.watchSeconds();

  @Override
  public Integer call() throws InterruptedException {
    ServeSettings settings =
        new ServeSettings(
                host,
                port,
                maxCandidates,
                maxBodyBytes,
                concurrency,
                queue,
                maxWaitMillis,
                DEFAULTS.retryAfterSeconds(),
                watchSeconds)
            .validate();
    ScoringServer server = ScoringServer.start(model, new ModelDirectoryLoader(), settings);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tutti-serve-shutdown"));
    server.join();
    return 0;
  }
}
