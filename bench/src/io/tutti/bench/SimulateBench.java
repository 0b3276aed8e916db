package io.tutti.bench;

import io.tutti.common.AtomicFiles;
import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Datasets;
import io.tutti.sim.OutputFormat;
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
 * choice of the output format: the same world written as CSV, as Parquet and as JSON Lines, each
 * compiled by {@code tutti data compile}, timed and sized.
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
      compareFormats(settings, work, cores);
    }
  }

  /**
   * Writes the world as CSV and as Parquet (both by the simulator) and as JSON Lines (converted
   * from the CSV by DuckDB, since the simulator does not write it), and compiles each.
   */
  private static void compareFormats(WorldSettings settings, Path work, int cores)
      throws Exception {
    for (String format : new String[] {"csv", "parquet", "jsonl"}) {
      Path world = work.resolve("world-" + format);
      long start = System.nanoTime();
      if (format.equals("jsonl")) {
        Path csv = work.resolve("world-csv");
        AtomicFiles.deleteQuietly(world);
        Files.createDirectories(world.resolve("samples"));
        Files.createDirectories(world.resolve("plays"));
        toJsonLines(csv.resolve("samples"), world.resolve("samples/samples.jsonl"));
        toJsonLines(csv.resolve("plays"), world.resolve("plays/plays.jsonl"));
        Files.writeString(
            world.resolve("tutti.yaml"),
            Files.readString(csv.resolve("tutti.yaml")).replace("format: csv", "format: jsonl"));
      } else {
        Simulator.simulate(settings, world, cores, OutputFormat.of(format));
      }
      double writeSeconds = (System.nanoTime() - start) / 1e9;
      TuttiConfig config = ConfigLoader.load(world.resolve("tutti.yaml"));
      Path compiled = work.resolve("compiled-" + format);
      start = System.nanoTime();
      long cpuStart = processCpuNanos();
      Datasets.compile(config, null, compiled, false);
      double compileSeconds = (System.nanoTime() - start) / 1e9;
      double compileCpu = (processCpuNanos() - cpuStart) / 1e9;
      System.out.printf(
          "%-8s samples+plays %4.0f MB; written in %.1f s%s; compiled in %.1f s (%.1f s of CPU)%n",
          format,
          (bytes(world.resolve("samples")) + bytes(world.resolve("plays"))) / 1e6,
          writeSeconds,
          format.equals("jsonl") ? " (converted from the CSV)" : "",
          compileSeconds,
          compileCpu);
      AtomicFiles.deleteQuietly(compiled);
    }
  }

  private static void toJsonLines(Path csvFolder, Path target) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_csv('"
              + csvFolder.toAbsolutePath()
              + "/*.csv', header = true, all_varchar = false)) TO '"
              + target.toAbsolutePath()
              + "' (FORMAT json)");
    }
  }

  private static long bytes(Path directory) throws Exception {
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** CPU time of the whole process, every thread (DuckDB's included), in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
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
