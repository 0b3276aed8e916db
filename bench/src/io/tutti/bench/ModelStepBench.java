package io.tutti.bench;

import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.model.ModelFixtures;
import io.tutti.model.ModelSignature;
import io.tutti.model.Models;
import io.tutti.model.StepSettings;
import io.tutti.model.TrainableModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times training steps of the unified model on synthetic batches: batch 1,024, four scenarios, six
 * tasks, a short sequence of 30, a mid one of 100 and a long one of the given lengths.
 *
 * <p>Prints, per long length: samples per second of a whole step, the time of the Batch-to-tensor
 * conversion alone (which compresses the long history in Java), and of the forward pass alone (a
 * prediction), so that the backward pass and the updates are the remainder.
 *
 * <pre>
 *   bench/run ModelStepBench [THREADS [LONG_LENGTH...]]     defaults: 2, 200 1000 10000
 * </pre>
 */
public final class ModelStepBench {
  private static final int BATCH = 1024;
  private static final int ITEMS = 200_000;

  private ModelStepBench() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int[] longLengths = {200, 1000, 10_000};
    if (args.length > 1) {
      longLengths = new int[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        longLengths[i - 1] = Integer.parseInt(args[i]);
      }
    }
    System.out.printf(
        "ModelStepBench: batch %d, %d threads, unified model, adam%n", BATCH, threads);
    for (int longLength : longLengths) {
      run(threads, longLength);
    }
  }

  private static void run(int threads, int longLength) throws Exception {
    Path directory = Files.createTempDirectory("tutti-bench");
    TuttiConfig config = ModelFixtures.config(directory, yaml(threads, longLength));
    ModelSignature signature = new ModelSignature(config);
    List<Batch> batches = List.of(batch(config, 1), batch(config, 2), batch(config, 3));
    int warmup = 5;
    int steps = longLength >= 10_000 ? 10 : 30;
    try (TrainableModel model = Models.create(config)) {
      for (int step = 0; step < warmup; step++) {
        model.train(batches.get(step % 3), settings(step));
      }
      long start = System.nanoTime();
      for (int step = 0; step < steps; step++) {
        model.train(batches.get(step % 3), settings(warmup + step));
      }
      double stepMs = (System.nanoTime() - start) / 1e6 / steps;

      start = System.nanoTime();
      for (int step = 0; step < steps; step++) {
        signature.toTensors(batches.get(step % 3)).close();
      }
      double convertMs = (System.nanoTime() - start) / 1e6 / steps;

      float[] out = new float[BATCH * config.tasks().size()];
      for (int step = 0; step < warmup; step++) {
        model.predict(batches.get(step % 3), out);
      }
      start = System.nanoTime();
      for (int step = 0; step < steps; step++) {
        model.predict(batches.get(step % 3), out);
      }
      double forwardMs = (System.nanoTime() - start) / 1e6 / steps;
      System.out.printf(
          "long %,6d (M=%d, top-k 64): step %.1f ms = %,.0f samples/s; of which conversion %.1f"
              + " ms, forward %.1f ms (prediction, conversion included); %,d parameters%n",
          longLength,
          signature.longCandidates(),
          stepMs,
          BATCH / stepMs * 1000,
          convertMs,
          forwardMs,
          model.parameterCount());
    }
  }

  static StepSettings settings(long step) {
    return new StepSettings(step, 0.001f, 0.05f);
  }

  static String yaml(int threads, int longLength) {
    return """
        format_version: 1
        data:
          samples: samples.csv
          user_column: user_id
          item_column: item_id
          scenario_column: scenario
          timestamp_column: ts
          behaviour: {path: plays.csv}
        tasks: [{id: play}, {id: complete}, {id: like}, {id: share}, {id: click}, {id: collect}]
        scenarios:
          - id: daily
            tasks: [play, complete, like, share]
            private_features:
              - {name: slot, type: numeric}
              - {name: list_position, type: categorical, buckets: 30}
          - id: stream
            tasks: [play, complete, like]
            private_features: [{name: skips, type: numeric}]
          - id: playlist
            tasks: [click, collect, play]
            private_features:
              - {name: playlist_id, type: categorical, buckets: 50000, overfit_prone: true}
          - id: mgc
            tasks: [click, collect]
            private_features: [{name: editor, type: categorical, buckets: 100}]
        features:
          user:
            - {name: user_id, type: categorical, buckets: 100000}
            - {name: age, type: numeric}
            - {name: plays_30d, type: numeric, normalization: log_standard}
            - {name: country, type: categorical, buckets: 200}
          item:
            - {name: item_id, type: categorical, buckets: %d}
            - {name: artist, type: categorical, buckets: 50000}
            - {name: tags, type: multi_categorical, buckets: 1000, max_values: 5}
            - {name: popularity, type: numeric}
          context:
            - {name: hour, type: categorical, buckets: 24}
            - {name: device, type: categorical, buckets: 8}
        sequences:
          - {id: long, feature: item_id, max_length: %d}
          - {id: mid, feature: item_id, max_length: 100}
          - {id: short, feature: item_id, max_length: 30}
        training: {threads: %d}
        """
        .formatted(ITEMS, longLength, threads);
  }

  /** Random features; histories full, with replays drawn from a small favourite set. */
  static Batch batch(TuttiConfig config, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Batch batch = ModelFixtures.allocate(config, BATCH);
    List<FeatureConfig> categorical = config.publicFeatures(FeatureType.CATEGORICAL);
    for (int r = 0; r < BATCH; r++) {
      int scenario = random.nextInt(config.scenarios().size());
      batch.scenario[r] = scenario;
      for (int c = 0; c < categorical.size(); c++) {
        batch.categorical[r * categorical.size() + c] =
            1 + random.nextInt(categorical.get(c).tableRows() - 1);
      }
      for (int n = 0; n < 3; n++) {
        batch.numeric[r * 3 + n] = (float) random.nextGaussian();
      }
      for (int v = 0; v < 5; v++) {
        batch.multiCategorical[0][r * 5 + v] = random.nextInt(1000);
      }
      List<FeatureConfig> own = config.scenarios().get(scenario).privateFeatures();
      int cat = 0;
      int num = 0;
      for (FeatureConfig feature : own) {
        if (feature.type() == FeatureType.NUMERIC) {
          batch
                  .privateNumeric[scenario][
                  r * privateCount(config, scenario, FeatureType.NUMERIC) + num++] =
              (float) random.nextGaussian();
        } else {
          batch
                  .privateCategorical[scenario][
                  r * privateCount(config, scenario, FeatureType.CATEGORICAL) + cat++] =
              1 + random.nextInt(feature.tableRows() - 1);
        }
      }
      int[] favourites = new int[20];
      for (int f = 0; f < favourites.length; f++) {
        favourites[f] = 1 + random.nextInt(ITEMS);
      }
      for (int q = 0; q < config.sequences().size(); q++) {
        SequenceConfig sequence = config.sequences().get(q);
        int length = sequence.maxLength();
        batch.sequenceLengths[q][r] = length;
        for (int i = 0; i < length; i++) {
          batch.sequences[q][r * length + i] =
              random.nextInt(3) == 0 ? favourites[random.nextInt(20)] : 1 + random.nextInt(ITEMS);
        }
      }
      batch.weight[r] = 1f;
      boolean[] mask = config.taskMask(scenario);
      for (int t = 0; t < mask.length; t++) {
        batch.labelMask[r * mask.length + t] = mask[t] ? 1f : 0f;
        batch.labels[r * mask.length + t] = mask[t] && random.nextInt(4) == 0 ? 1f : 0f;
      }
    }
    return batch;
  }

  private static int privateCount(TuttiConfig config, int scenario, FeatureType type) {
    return config.privateFeatures(scenario, type).size();
  }
}
