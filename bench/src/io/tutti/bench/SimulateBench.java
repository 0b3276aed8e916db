package io.tutti.bench;

import io.tutti.common.AtomicFiles;
import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Datasets;
import io.tutti.sim.Simulator;
import io.tutti.sim.WorldSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Rate of {@code tutti simulate}: samples and plays written per second, on one thread and on every
 * core, with the bytes written and the peak heap. With {@code --formats} it also measures the
 * choice of the output format: the same world converted (by DuckDB) to Parquet and to JSON Lines,
 * and each compiled by {@code tutti data compile}, timed and sized.
 *
 * <pre>
 * bench/run SimulateBench [--users N] [--formats] [--work DIR]
 * </pre>
 */
public final class SimulateBench {
  private SimulateBench() {}

  public static void main(String[] args) throws Exception {
    int users = WorldSettings.defaults().users();
    boolean formats = false;
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "tutti-simulate-bench");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--formats" -> formats = true;
        case "--work" -> work = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    int cores = Runtime.getRuntime().availableProcessors();
    WorldSettings settings = WorldSettings.defaults().withUsers(users);
    Path world = work.resolve("world");
    System.out.printf(
        "SimulateBench: %d users, %d core(s), max heap %d MB%n",
        users, cores, Runtime.getRuntime().maxMemory() >> 20);

    // A first run warms the JIT; the figures are those of the runs after it.
    Simulator.simulate(settings, world, cores);
    for (int threads : new int[] {1, cores}) {
      Simulator.Result result = Simulator.simulate(settings, world, threads);
      System.out.printf(
          "%d thread(s): %,d samples and %,d plays in %.2f s: %,.0f samples/s, %,.0f plays/s;"
              + " %.0f MB written%n",
          threads,
          result.totalSamples(),
          result.plays(),
          result.seconds(),
          result.totalSamples() / result.seconds(),
          result.plays() / result.seconds(),
          bytes(world) / 1e6);
    }
    System.out.printf("peak heap used: %d MB%n", peakHeap() >> 20);
    if (formats) {
      compareFormats(world, work);
    }
  }

  /** Compiles the world as written (CSV), then converted to Parquet and to JSON Lines. */
  private static void compareFormats(Path world, Path work) throws Exception {
    String yaml = Files.readString(world.resolve("tutti.yaml"));
    for (String format : new String[] {"csv", "parquet", "jsonl"}) {
      Path copy = world;
      double convertSeconds = 0;
      if (!format.equals("csv")) {
        copy = work.resolve("world-" + format);
        AtomicFiles.deleteQuietly(copy);
        Files.createDirectories(copy.resolve("samples"));
        Files.createDirectories(copy.resolve("plays"));
        long start = System.nanoTime();
        convert(world.resolve("samples"), copy.resolve("samples/samples." + format), format);
        convert(world.resolve("plays"), copy.resolve("plays/plays." + format), format);
        convertSeconds = (System.nanoTime() - start) / 1e9;
        Files.writeString(
            copy.resolve("tutti.yaml"), yaml.replace("format: csv", "format: " + format));
      }
      TuttiConfig config = ConfigLoader.load(copy.resolve("tutti.yaml"));
      Path compiled = work.resolve("compiled-" + format);
      long start = System.nanoTime();
      Datasets.compile(config, null, compiled, false);
      double compileSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%-8s samples+plays %.0f MB; compile %.1f s%s%n",
          format,
          (bytes(copy.resolve("samples")) + bytes(copy.resolve("plays"))) / 1e6,
          compileSeconds,
          format.equals("csv")
              ? ""
              : String.format("; conversion from CSV %.1f s", convertSeconds));
      AtomicFiles.deleteQuietly(compiled);
    }
  }

  private static void convert(Path csvFolder, Path target, String format) throws Exception {
    String options = format.equals("parquet") ? "(FORMAT parquet)" : "(FORMAT json)";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_csv('"
              + csvFolder.toAbsolutePath()
              + "/*.csv', header = true, all_varchar = false)) TO '"
              + target.toAbsolutePath()
              + "' "
              + options);
    }
  }

  private static long bytes(Path directory) throws Exception {
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
