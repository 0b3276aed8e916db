package io.tutti.serve;

import io.tutti.common.TuttiException;
import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.FeatureEncoder;
import io.tutti.model.Scorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small world for the serving tests: two scenarios, three tasks, two sequences, a behaviour log,
 * and a scorer and a model loader written here for the HTTP tests (the consistency test uses the
 * real model).
 *
 * <p>Scenario {@code daily} (value {@code d}) has play and like and a private numeric feature
 * {@code slot}; {@code stream} (value {@code s}) has click and play.
 */
public final class ServeFixtures {
  static final String CONFIG =
      """
      format_version: 1
      name: serve-fixture
      data:
        samples: samples.csv
        user_column: user_id
        item_column: item_id
        scenario_column: scenario
        timestamp_column: ts
        behaviour: {path: plays.csv}
        split: {by: row_order, validation_fraction: 0.0, test_fraction: 0.0}
      tasks: [{id: play}, {id: like}, {id: click}]
      scenarios:
        - id: daily
          source_value: d
          tasks: [play, like]
          score_weights: {play: 1.0, like: 2.0}
          private_features: [{name: slot, type: numeric, normalization: none}]
        - {id: stream, source_value: s, tasks: [click, play]}
      features:
        user: [{name: age, type: numeric}]
        item:
          - {name: item_id, type: categorical, buckets: 1000}
          - {name: tags, type: multi_categorical, buckets: 50, max_values: 2}
        context: [{name: genre, type: categorical, vocabulary: [rock, pop]}]
      sequences:
        - {id: long, feature: item_id, max_length: 3}
        - {id: short, feature: item_id, max_length: 1}
      model:
        embedding_dim: 8
        long_top_k: 2
        public_units: [16]
        sen_units: 8
        experts: 2
        expert_units: [8]
        tower_units: [4]
      training: {threads: 1}
      """;

  /** Rows of one user and moment share a time: u1 at 2000 saw i1, i2, i3 on the daily list. */
  static final String SAMPLES =
      """
      user_id,item_id,scenario,ts,play,like,click,age,tags,genre,slot
      u1,i1,d,2000,1,0,,30,a|b,rock,1
      u1,i2,d,2000,0,1,,30,b,rock,2
      u1,i3,d,2000,0,0,,30,c,rock,3
      u2,i1,s,1500,1,,0,,a|b|c,jazz,
      u2,i3,s,3000,0,,1,40,,pop,
      u1,i4,d,4000,1,1,,50,a,pop,1
      u1,i5,d,4000,0,0,,50,,pop,2
      u2,i2,d,4500,1,0,,40,b,rock,4
      """;

  static final String PLAYS =
      """
      user_id,item_id,ts
      u1,i9,500
      u1,i7,1000
      u1,i8,900
      u2,i5,100
      u1,i6,1900
      u1,i2,3000
      """;

  private ServeFixtures() {}

  /** Writes the world into {@code dir} and loads its config. */
  public static TuttiConfig world(Path dir) {
    try {
      Files.writeString(dir.resolve("tutti.yaml"), CONFIG);
      Files.writeString(dir.resolve("samples.csv"), SAMPLES);
      Files.writeString(dir.resolve("plays.csv"), PLAYS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ConfigLoader.load(dir.resolve("tutti.yaml"));
  }

  /** Compiles the world's samples and returns the fitted encoder, as training would save it. */
  public static FeatureEncoder fittedEncoder(TuttiConfig config, Path dir) {
    Path compiled = dir.resolve("compiled");
    if (!Datasets.isCompiled(compiled)) {
      Datasets.compile(config, dir.resolve("samples.csv"), compiled, false);
    }
    try (Dataset dataset = Datasets.open(compiled, config)) {
      return dataset.encoder();
    }
  }

  /**
   * A scorer written for the tests: every task's probability is a fixed function of every encoded
   * input of the sample, so that a change in any feature or sequence changes the scores. It can be
   * slowed down, and counts its closes.
   */
  static final class TestScorer implements Scorer {
    private final TuttiConfig config;
    private final float shift;
    volatile long delayMillis;

    /** Fails every predict call after this many, to stand for a crash; -1 never. */
    volatile int failAfterCalls = -1;

    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();

    TestScorer(TuttiConfig config, float shift) {
      this.config = config;
      this.shift = shift;
    }

    @Override
    public TuttiConfig config() {
      return config;
    }

    @Override
    public void predict(Batch batch, float[] out) {
      if (closes.get() > 0) {
        throw new IllegalStateException("predict on a closed scorer");
      }
      if (failAfterCalls >= 0 && calls.getAndIncrement() >= failAfterCalls) {
        throw new IllegalStateException("the test scorer stops here, as a crash would");
      }
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int tasks = config.tasks().size();
      for (int i = 0; i < batch.size; i++) {
        double signal = shift + batch.scenario[i];
        signal +=
            rowSum(batch.categorical, i, batch) * 0.001 + rowSum(batch.numeric, i, batch) * 0.1;
        for (int[] multi : batch.multiCategorical) {
          signal += rowSum(multi, i, batch) * 0.01;
        }
        for (int s = 0; s < batch.privateNumeric.length; s++) {
          signal += rowSum(batch.privateNumeric[s], i, batch) * 0.05;
        }
        for (int q = 0; q < batch.sequences.length; q++) {
          signal += rowSum(batch.sequences[q], i, batch) * 0.0005 + batch.sequenceLengths[q][i];
        }
        for (int t = 0; t < tasks; t++) {
          out[i * tasks + t] = (float) (1 / (1 + Math.exp(-(signal * 0.1 - t))));
        }
      }
    }

    private double rowSum(int[] values, int row, Batch batch) {
      return sum(values, row, values.length / batch.scenario.length);
    }

    private double rowSum(float[] values, int row, Batch batch) {
      int width = values.length / batch.scenario.length;
      double total = 0;
      for (int k = 0; k < width; k++) {
        total += values[row * width + k];
      }
      return total;
    }

    private static double sum(int[] values, int row, int width) {
      double total = 0;
      for (int k = 0; k < width; k++) {
        total += values[row * width + k];
      }
      return total;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  /**
   * Loads the test layout: a model directory holds {@code model.txt} with its version, or the word
   * {@code broken} for a model that fails to load.
   */
  static final class TestLoader implements ModelLoader {
    final TuttiConfig config;
    final FeatureEncoder encoder;
    final java.util.List<TestScorer> loaded = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile long delayMillis;

    TestLoader(TuttiConfig config, FeatureEncoder encoder) {
      this.config = config;
      this.encoder = encoder;
    }

    @Override
    public boolean isModel(Path directory) {
      return Files.isRegularFile(directory.resolve("model.txt"));
    }

    @Override
    public ModelBundle load(Path directory) {
      String version;
      try {
        version = Files.readString(directory.resolve("model.txt")).strip();
      } catch (IOException e) {
        throw new TuttiException("Cannot read " + directory + ": " + e.getMessage());
      }
      if (version.equals("broken")) {
        throw new TuttiException("The model in " + directory + " is broken (test fixture).");
      }
      TestScorer scorer = new TestScorer(config, version.hashCode() % 7);
      scorer.delayMillis = delayMillis;
      loaded.add(scorer);
      return new ModelBundle(config, encoder, scorer, version);
    }
  }

  /** Writes a test model version {@code name} under {@code root} with {@code content}. */
  static Path writeVersion(Path root, String name, String content) {
    try {
      Path version = root.resolve(name);
      Files.createDirectories(version);
      Files.writeString(version.resolve("model.txt"), content);
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
