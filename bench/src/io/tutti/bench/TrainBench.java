package io.tutti.bench;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TrainingConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.model.Models;
import io.tutti.model.StepLosses;
import io.tutti.model.StepSettings;
import io.tutti.model.TrainableModel;
import io.tutti.sim.Simulator;
import io.tutti.sim.WorldSettings;
import io.tutti.train.LearningRateSchedule;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Training speed of the unified model on the default simulated world with TensorFlow on 2 threads:
 * samples per second, and how a step's time splits between reading the batch from the compiled
 * dataset, the model's step (forward, backward and update, inside TensorFlow) and the rest of the
 * loop (the learning-rate schedule and the loss bookkeeping).
 *
 * <pre>
 * bench/run TrainBench [--users N] [--work DIR] [--steps S] [--warmup W] [--threads T]
 * </pre>
 *
 * <p>DIR (default /tmp/tutti-read-bench-N, shared with DatasetReadBench) keeps the simulated world
 * and its compiled dataset between runs. The first W steps (default 5) are run and left out of the
 * figures: TensorFlow optimises the graph on the first calls. Building the model is timed apart.
 */
public final class TrainBench {
  private TrainBench() {}

  public static void main(String[] args) throws Exception {
    int users = 20_000;
    Path work = null;
    int steps = 100;
    int warmup = 5;
    int threads = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
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
      Datasets.compile(ConfigLoader.load(world.resolve("tutti.yaml")), null, compiled, false);
    }
    TuttiConfig loaded = ConfigLoader.load(world.resolve("tutti.yaml"));
    TuttiConfig config = loaded.withTraining(loaded.training().withThreads(threads));
    TrainingConfig training = config.training();

    try (Dataset dataset = Datasets.open(compiled, config)) {
      long buildStart = System.nanoTime();
      try (TrainableModel model = Models.create(config)) {
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        System.out.printf(
            "TrainBench: %s, %d training samples, batch %d, %d TensorFlow thread(s), %d"
                + " parameters; model built in %.1f s%n",
            compiled,
            dataset.size(Split.TRAIN),
            training.batchSize(),
            threads,
            model.parameterCount(),
            buildSeconds);
        run(model, dataset, config, steps, warmup);
      }
    }
  }

  private static void run(
      TrainableModel model, Dataset dataset, TuttiConfig config, int steps, int warmup) {
    TrainingConfig training = config.training();
    double[] rates = config.scenarios().stream().mapToDouble(s -> s.samplingRate()).toArray();
    LearningRateSchedule schedule = new LearningRateSchedule(training, steps + warmup);
    Batch batch = dataset.newBatch(training.batchSize());
    long readNanos = 0;
    long stepNanos = 0;
    long restNanos = 0;
    long samples = 0;
    int measured = 0;
    double lossSum = 0;
    long start = 0;
    try (BatchStream stream =
        dataset.stream(
            Split.TRAIN, StreamOptions.training(training.batchSize(), training.seed(), 0, rates))) {
      for (int step = 0; step < steps + warmup; step++) {
        if (step == warmup) {
          start = System.nanoTime();
        }
        long t0 = System.nanoTime();
        if (!stream.next(batch)) {
          System.out.println("the epoch ended after " + step + " steps");
          break;
        }
        long t1 = System.nanoTime();
        StepSettings settings =
            new StepSettings(
                step, schedule.learningRate(step), schedule.embeddingLearningRate(step));
        long t2 = System.nanoTime();
        StepLosses losses = model.train(batch, settings);
        long t3 = System.nanoTime();
        lossSum += losses.total();
        long t4 = System.nanoTime();
        if (step >= warmup) {
          readNanos += t1 - t0;
          restNanos += (t2 - t1) + (t4 - t3);
          stepNanos += t3 - t2;
          samples += batch.size;
          measured++;
        } else {
          System.out.printf("warm-up step %d: %.0f ms%n", step, (t3 - t2) / 1e6);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double total = readNanos + stepNanos + restNanos;
    System.out.printf(
        "%d steps, %d samples in %.1f s: %.0f samples/s, %.1f ms per step%n",
        measured, samples, seconds, samples / seconds, seconds * 1e3 / measured);
    System.out.printf(
        "time split: read %.1f %% (%.2f ms/step), step %.1f %% (%.1f ms/step), rest %.2f %%%n",
        100 * readNanos / total,
        readNanos / 1e6 / measured,
        100 * stepNanos / total,
        stepNanos / 1e6 / measured,
        100 * restNanos / total);
    System.out.printf(
        "mean loss over every step (warm-up included): %.4f%n", lossSum / (measured + warmup));
  }
}
