package io.tutti.sim;

import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a simulated world to a directory: {@code samples/part-NNNNN.csv}, {@code
 * plays/part-NNNNN.csv} (one pair per shard of users), {@code tutti.yaml} and {@code world.json}.
 *
 * <p>Shards are simulated in parallel, each by one thread into its own files, and each user only
 * from its own random stream: the bytes written do not depend on the thread count. Memory stays
 * bounded whatever the size, since a thread holds one user at a time and rows stream to disk. The
 * directory is written under a temporary name and renamed when complete.
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

  /**
   * What a run wrote.
   *
   * @param directory the world's directory
   * @param samples samples per scenario id, in config order
   * @param plays rows of the play log
   * @param shards sample files (and as many play files)
   * @param seconds wall-clock time of the run
   */
  public record Result(
      Path directory, Map<String, Long> samples, long plays, int shards, double seconds) {
    /** Samples over every scenario. */
    public long totalSamples() {
      return samples.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private Simulator() {}

  /**
   * Simulates the world of {@code settings} into {@code out}, replacing what is there, on {@code
   * threads} threads (at least 1).
   */
  public static Result simulate(WorldSettings settings, Path out, int threads) {
    return simulate(settings, out, threads, OutputFormat.CSV);
  }

  /** As {@link #simulate(WorldSettings, Path, int)}, writing the files in {@code format}. */
  public static Result simulate(
      WorldSettings settings, Path out, int threads, OutputFormat format) {
    return simulate(settings, out, threads, format, shard -> {});
  }

  /** A step run after each shard is written; tests use it to make a run fail midway. */
  @FunctionalInterface
  interface ShardHook {
    void written(int shard) throws IOException;
  }

  static Result simulate(
      WorldSettings settings, Path out, int threads, OutputFormat format, ShardHook hook) {
    long started = System.nanoTime();
    MusicWorld world = MusicWorld.build(settings);
    int shards = settings.shards();
    LOG.info(
        "Simulating {} users (seed {}, scenarios {}) into {} as {} in {} shard(s) on {}"
            + " thread(s)",
        settings.users(),
        settings.seed(),
        world.surfaces().stream().map(Surface::id).toList(),
        out,
        format.id(),
        shards,
        threads);
    long[] perSurface = new long[Surface.values().length];
    long[] plays = new long[1];
    AtomicFiles.writeDirectory(
        out,
        directory -> {
          Files.createDirectories(directory.resolve("samples"));
          Files.createDirectories(directory.resolve("plays"));
          ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
          try {
            List<Future<UserSimulation>> done = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++) {
              int s = shard;
              done.add(
                  pool.submit(
                      () -> {
                        UserSimulation counts = writeShard(world, directory, s, format);
                        hook.written(s);
                        return counts;
                      }));
            }
            for (Future<UserSimulation> future : done) {
              UserSimulation counts = await(future);
              for (int s = 0; s < perSurface.length; s++) {
                perSurface[s] += counts.samplesPerSurface[s];
              }
              plays[0] += counts.plays;
            }
          } finally {
            // On a failure the other shards stop at their next user; wait for them, so that no
            // thread still writes into the directory that is about to be removed.
            pool.shutdownNow();
            awaitTermination(pool);
          }
          Files.writeString(directory.resolve(WorldFile.NAME), WorldFile.text(settings));
          Files.writeString(directory.resolve("tutti.yaml"), WorldConfig.yaml(settings, format));
        });

    Map<String, Long> samples = new LinkedHashMap<>();
    for (Surface surface : world.surfaces()) {
      samples.put(surface.id(), perSurface[surface.ordinal()]);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Result result = new Result(out, samples, plays[0], shards, seconds);
    LOG.info(
        "Simulated {} samples {} and {} plays in {} s",
        result.totalSamples(),
        samples,
        plays[0],
        String.format("%.1f", seconds));
    return result;
  }

  /** The file of shard {@code shard}: part-00000.csv, part-00001.csv, ... */
  static String shardFile(int shard, OutputFormat format) {
    return String.format("part-%05d.%s", shard, format.id());
  }

  private static UserSimulation writeShard(
      MusicWorld world, Path directory, int shard, OutputFormat format) throws IOException {
    WorldSettings settings = world.settings();
    int first = shard * settings.usersPerShard();
    int last = (int) Math.min(settings.users(), (long) first + settings.usersPerShard());
    UserSimulation simulation = new UserSimulation(world);
    // Parquet is converted from CSV written under a hidden name (which no reader lists).
    String csvName = (format == OutputFormat.CSV ? "" : ".") + shardFile(shard, OutputFormat.CSV);
    Path sampleCsv = directory.resolve("samples").resolve(csvName);
    Path playCsv = directory.resolve("plays").resolve(csvName);
    try (Writer sampleFile = writer(sampleCsv);
        Writer playFile = writer(playCsv)) {
      CsvText samples = new CsvText(sampleFile);
      for (String column : UserSimulation.HEADER) {
        samples.text(column);
      }
      if (settings.podcast()) {
        samples.text(UserSimulation.PODCAST_COLUMN);
      }
      samples.end();
      CsvText plays = new CsvText(playFile);
      plays.text("user_id").text("item_id").text("ts").end();
      for (int user = first; user < last; user++) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("shard " + shard + " stopped: another shard failed");
        }
        simulation.run(user, samples, plays);
      }
    }
    if (format == OutputFormat.PARQUET) {
      ParquetShards.convert(
          sampleCsv,
          directory.resolve("samples").resolve(shardFile(shard, format)),
          ParquetShards.sampleTypes(settings.podcast()));
      ParquetShards.convert(
          playCsv,
          directory.resolve("plays").resolve(shardFile(shard, format)),
          ParquetShards.playTypes());
    }
    LOG.debug("Shard {}: users {} to {}", shard, first, last - 1);
    return simulation;
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }

  private static void awaitTermination(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
        LOG.warn("Simulation threads still running after 10 minutes; leaving them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static UserSimulation await(Future<UserSimulation> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TuttiException("The simulation was interrupted.", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("A shard of the simulation failed", cause);
    }
  }
}
