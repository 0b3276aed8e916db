package io.tutti.bench;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.sim.Simulator;
import io.tutti.sim.WorldSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Read rate of a compiled dataset on one thread: the training split streamed in batches of 1,024,
 * in order and shuffled, with the sequences cut, as the trainer reads it.
 *
 * <pre>
 * bench/run DatasetReadBench [--users N] [--work DIR] [--prepare-only] [--passes P]
 * </pre>
 *
 * <p>DIR (default /tmp/tutti-read-bench-N) keeps the simulated world and its compiled dataset, so
 * that the compile (which needs heap for the play log) can run once with a large heap and the reads
 * again with a small one ({@code BENCH_JAVA_OPTS=-Xmx128m}) on a dataset larger than the heap: the
 * columns are memory-mapped, so the heap used must not grow with the dataset. The peak heap printed
 * is the JVM's own count of the heap pools' peak usage.
 */
public final class DatasetReadBench {
  private DatasetReadBench() {}

  public static void main(String[] args) throws Exception {
    int users = 20_000;
    Path work = null;
    boolean prepareOnly = false;
    int passes = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--prepare-only" -> prepareOnly = true;
        case "--passes" -> passes = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (work == null) {
      work = Path.of(System.getProperty("java.io.tmpdir"), "tutti-read-bench-" + users);
    }
    Path world = work.resolve("world");
    Path compiled = work.resolve("dataset");
    if (!Files.exists(compiled)) {
      Simulator.simulate(
          WorldSettings.defaults().withUsers(users),
          world,
          Runtime.getRuntime().availableProcessors());
      TuttiConfig config = ConfigLoader.load(world.resolve("tutti.yaml"));
      long start = System.nanoTime();
      Datasets.compile(config, null, compiled, false);
      System.out.printf("compile: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
    if (prepareOnly) {
      return;
    }
    TuttiConfig config = ConfigLoader.load(world.resolve("tutti.yaml"));
    long bytes = directoryBytes(compiled);
    System.out.printf(
        "DatasetReadBench: %s, %.0f MB on disk, max heap %d MB, 1 thread, batch 1024%n",
        compiled, bytes / 1e6, Runtime.getRuntime().maxMemory() >> 20);
    try (Dataset dataset = Datasets.open(compiled, config)) {
      System.out.printf(
          "train split: %d samples; sequences %s%n",
          dataset.size(Split.TRAIN),
          config.sequences().stream().map(s -> s.id() + " " + s.maxLength()).toList());
      Batch batch = dataset.newBatch(1024);
      for (int pass = 0; pass < passes; pass++) {
        read(dataset, batch, "sequential", StreamOptions.sequential(1024));
        read(dataset, batch, "shuffled", StreamOptions.training(1024, 7, pass, null));
      }
    }
    System.out.printf("peak heap used: %d MB%n", peakHeap() >> 20);
  }

  private static void read(Dataset dataset, Batch batch, String name, StreamOptions options) {
    long start = System.nanoTime();
    long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long samples = 0;
    long checksum = 0;
    try (BatchStream stream = dataset.stream(Split.TRAIN, options)) {
      while (stream.next(batch)) {
        samples += batch.size;
        // Touch the output so that nothing is optimised away.
        checksum += batch.categorical[0] + batch.sequenceLengths[0][batch.size - 1];
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.printf(
        "%-10s %,d samples in %.2f s (%.2f s of CPU): %,.0f samples/s, %,.0f per CPU second"
            + " (checksum %d)%n",
        name, samples, seconds, cpu, samples / seconds, samples / cpu, checksum);
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

  private static long directoryBytes(Path directory) throws Exception {
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
