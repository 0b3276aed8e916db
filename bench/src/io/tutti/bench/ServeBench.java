package io.tutti.bench;

import io.tutti.common.AtomicFiles;
import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.FeatureEncoder;
import io.tutti.serve.BatchRanker;
import io.tutti.serve.ModelBundle;
import io.tutti.serve.ModelDirectoryLoader;
import io.tutti.serve.RealModels;
import io.tutti.serve.RequestReplay;
import io.tutti.serve.ScoringServer;
import io.tutti.serve.ServeSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scoring server under load, and the batch ranker's rate, on a real (untrained) model of a
 * music-app-sized config: four tasks, two scenarios, nine features, sequences of 500, 100 and 20
 * events, the model section's defaults.
 *
 * <p>Online: a load generator on loopback sends rank requests of 200 candidates each, replayed from
 * a synthetic log by {@link RequestReplay}, from 1, 4 and 16 client threads in turn, each level
 * bounded in time ({@code --seconds}, default 10) and in count (100,000 requests); it reports p50
 * and p99 latency as the client sees it, requests/s and candidate scores/s, and any status other
 * than 200. Batch: {@code tutti rank-batch}'s engine on {@code --users} users (default 2,000) with
 * 200 candidates each, top 30, reports candidate scores/s end to end (CSV read, encoding, scoring,
 * output).
 *
 * <p>Usage: {@code bench/run ServeBench [--seconds S] [--users N] [--world DIR]}; with {@code
 * --world} the generated log and model are kept in DIR and reused by the next run (building the
 * model's graph takes about a minute).
 */
public final class ServeBench {
  static final int CANDIDATES = 200;
  static final int MOMENTS = 40;
  static final int SONGS = 20_000;

  static final String CONFIG =
      """
      format_version: 1
      name: serve-bench
      data:
        samples: samples.csv
        user_column: user_id
        item_column: song_id
        scenario_column: scenario
        timestamp_column: ts
        behaviour: {path: plays.csv}
        split: {by: row_order, validation_fraction: 0.0, test_fraction: 0.0}
      tasks: [{id: play}, {id: complete}, {id: like}, {id: share}]
      scenarios:
        - id: daily
          tasks: [play, complete, like]
          score_weights: {play: 1.0, complete: 0.5, like: 2.0}
          private_features: [{name: daily_slot, type: numeric}]
        - {id: stream, tasks: [play, complete, share]}
      features:
        user:
          - {name: user_id, type: categorical, buckets: 100000}
          - {name: age, type: numeric}
          - {name: country, type: categorical, buckets: 200}
        item:
          - {name: song_id, type: categorical, buckets: 200000}
          - {name: artist_id, type: categorical, buckets: 50000}
          - {name: genre, type: categorical, buckets: 64}
          - {name: tags, type: multi_categorical, buckets: 1000, max_values: 4}
          - {name: duration, type: numeric, normalization: log_standard}
        context:
          - {name: hour, type: categorical, buckets: 24}
      sequences:
        - {id: long, feature: song_id, max_length: 500}
        - {id: mid, feature: song_id, max_length: 100}
        - {id: short, feature: song_id, max_length: 20}
      """;

  private ServeBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = 10;
    int users = 2000;
    Path world = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--users" -> users = Integer.parseInt(args[i + 1]);
        case "--world" -> world = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path dir = world != null ? world : Files.createTempDirectory("tutti-serve-bench");
    try {
      run(dir, seconds, users);
    } finally {
      if (world == null) {
        AtomicFiles.deleteQuietly(dir);
      }
    }
  }

  private static void run(Path dir, int seconds, int users) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT, "ServeBench: %d cores, %d candidates per request%n", cores, CANDIDATES);
    Path models = dir.resolve("models");
    if (!Files.isDirectory(models.resolve("v1"))) {
      Files.createDirectories(dir);
      writeWorld(dir);
      TuttiConfig config = ConfigLoader.load(dir.resolve("tutti.yaml"));
      Datasets.compile(config, dir.resolve("samples.csv"), dir.resolve("compiled"), false);
      FeatureEncoder encoder;
      try (Dataset dataset = Datasets.open(dir.resolve("compiled"), config)) {
        encoder = dataset.encoder();
      }
      long built = System.nanoTime();
      RealModels.writeModelDirectory(config, encoder, models.resolve("v1"));
      System.out.printf(
          Locale.ROOT, "model built and exported in %.1f s%n", (System.nanoTime() - built) / 1e9);
    }
    TuttiConfig config = ConfigLoader.load(dir.resolve("tutti.yaml"));

    Path requests = dir.resolve("daily.jsonl");
    new RequestReplay(config, "daily").write(dir.resolve("samples.csv"), requests);
    List<String> bodies = Files.readAllLines(requests);

    try (ScoringServer server =
        ScoringServer.start(
            models,
            new ModelDirectoryLoader(),
            ServeSettings.defaults().withPort(0).withWatchSeconds(0))) {
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/scenarios/daily/rank");
      load(uri, bodies, 2, 3);
      System.out.println("clients  requests  p50_ms  p99_ms  requests/s  scores/s  non-200");
      for (int clients : new int[] {1, 4, 16}) {
        load(uri, bodies, clients, seconds);
      }
    }

    batch(dir, config, models.resolve("v1"), users);
  }

  /** Client threads on loopback, bounded in time and count; prints a row unless warming up. */
  private static void load(URI uri, List<String> bodies, int clients, int seconds)
      throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    int maxRequests = 100_000;
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> results = new ArrayList<>();
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      results.add(
          pool.submit(
              () -> {
                long[] latencies = new long[maxRequests];
                int n = 0;
                int i = client;
                while (System.nanoTime() < deadline && sent.incrementAndGet() <= maxRequests) {
                  HttpRequest request =
                      HttpRequest.newBuilder(uri)
                          .timeout(Duration.ofSeconds(30))
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())))
                          .build();
                  long t0 = System.nanoTime();
                  HttpResponse<byte[]> response =
                      http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                  long elapsed = System.nanoTime() - t0;
                  if (response.statusCode() != 200) {
                    failed.incrementAndGet();
                  } else {
                    latencies[n++] = elapsed;
                  }
                  i += clients;
                }
                return Arrays.copyOf(latencies, n);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> result : results) {
      all.add(result.get());
    }
    double wall = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    if (seconds <= 3) {
      return;
    }
    int count = latencies.length;
    System.out.printf(
        Locale.ROOT,
        "%7d  %8d  %6.2f  %6.2f  %10.0f  %8.0f  %7d%n",
        clients,
        count,
        percentile(latencies, 0.50) / 1e6,
        percentile(latencies, 0.99) / 1e6,
        count / wall,
        count * (double) CANDIDATES / wall,
        failed.get());
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  /** The batch ranker on generated users and candidates. */
  private static void batch(Path dir, TuttiConfig config, Path model, int users)
      throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    Path usersFile = dir.resolve("users.csv");
    Path candidatesFile = dir.resolve("candidates.csv");
    try (BufferedWriter u = Files.newBufferedWriter(usersFile);
        BufferedWriter c = Files.newBufferedWriter(candidatesFile)) {
      u.write("user_id,age,country,hour,ts,seq_long,seq_mid,seq_short\n");
      c.write("user_id,song_id,artist_id,genre,tags,duration,daily_slot\n");
      for (int user = 0; user < users; user++) {
        StringBuilder history = new StringBuilder();
        for (int e = 0; e < 500; e++) {
          history.append(e == 0 ? "" : "|").append('s').append(random.nextInt(SONGS));
        }
        String longHistory = history.toString();
        String[] events = longHistory.split("\\|");
        u.write(
            "b"
                + user
                + ","
                + (18 + random.nextInt(50))
                + ",c"
                + random.nextInt(30)
                + ","
                + random.nextInt(24)
                + ",200000,"
                + longHistory
                + ","
                + String.join("|", Arrays.copyOf(events, 100))
                + ","
                + String.join("|", Arrays.copyOf(events, 20))
                + "\n");
        for (int k = 0; k < CANDIDATES; k++) {
          int song = random.nextInt(SONGS);
          c.write(
              "b"
                  + user
                  + ",s"
                  + song
                  + ",a"
                  + song % 3000
                  + ",g"
                  + song % 40
                  + ",t"
                  + song % 97
                  + "|t"
                  + song % 13
                  + ","
                  + (120 + song % 200)
                  + ","
                  + (k % 30)
                  + "\n");
        }
      }
    }
    ModelDirectoryLoader loader = new ModelDirectoryLoader();
    ModelBundle bundle = loader.load(model);
    try {
      int threads = Runtime.getRuntime().availableProcessors();
      BatchRanker.Result result =
          new BatchRanker(bundle, new BatchRanker.Settings("daily", 30, 1000, threads))
              .run(usersFile, candidatesFile, dir.resolve("daily.parquet"));
      System.out.printf(
          Locale.ROOT,
          "batch: %d users, %d candidates in %.1f s: %.0f candidate scores/s (%d threads)%n",
          result.users(),
          result.candidates(),
          result.seconds(),
          result.candidates() / result.seconds(),
          threads);
    } finally {
      bundle.scorer().close();
    }
  }

  /** A synthetic log: 40 daily moments of 200 impressions, 600 plays before each. */
  private static void writeWorld(Path dir) throws IOException {
    Files.writeString(dir.resolve("tutti.yaml"), CONFIG);
    SplittableRandom random = new SplittableRandom(7);
    try (BufferedWriter samples = Files.newBufferedWriter(dir.resolve("samples.csv"));
        BufferedWriter plays = Files.newBufferedWriter(dir.resolve("plays.csv"))) {
      samples.write(
          "user_id,song_id,scenario,ts,play,complete,like,share,age,country,artist_id,genre,tags,"
              + "duration,hour,daily_slot\n");
      plays.write("user_id,song_id,ts\n");
      for (int m = 0; m < MOMENTS; m++) {
        String user = "u" + m;
        long time = 100_000 + m;
        for (int e = 0; e < 600; e++) {
          plays.write(user + ",s" + random.nextInt(SONGS) + "," + (time - 1 - e) + "\n");
        }
        for (int k = 0; k < CANDIDATES; k++) {
          int song = random.nextInt(SONGS);
          samples.write(
              user
                  + ",s"
                  + song
                  + ",daily,"
                  + time
                  + ","
                  + random.nextInt(2)
                  + ","
                  + random.nextInt(2)
                  + ","
                  + random.nextInt(2)
                  + ",,"
                  + (18 + m)
                  + ",c"
                  + m % 30
                  + ",a"
                  + song % 3000
                  + ",g"
                  + song % 40
                  + ",t"
                  + song % 97
                  + "|t"
                  + song % 13
                  + ","
                  + (120 + song % 200)
                  + ","
                  + m % 24
                  + ","
                  + (k % 30)
                  + "\n");
        }
      }
    }
  }
}
