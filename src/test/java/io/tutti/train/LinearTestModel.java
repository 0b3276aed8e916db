package io.tutti.train;

import io.tutti.config.FeatureType;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.model.StepLosses;
import io.tutti.model.StepSettings;
import io.tutti.model.TrainableModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A logistic regression in plain Java that honours the {@link TrainableModel} contract: what the
 * trainer's own tests (resume, early stopping, calibration under sampling) fit, fast and exactly
 * reproducible, without TensorFlow. The product trains io.tutti.model's models; end-to-end tests
 * use those.
 *
 * <p>Per task: a bias per scenario, one weight per (public categorical feature, index) and one per
 * public numeric feature. Categorical weights are dropped with probability {@link #DROPOUT} while
 * training, the masks drawn from the step, as the contract asks. It has no SavedModel: export
 * throws.
 */
class LinearTestModel implements TrainableModel {
  static final double DROPOUT = 0.1;
  private static final int TABLE = 4096;

  private final TuttiConfig config;
  private final int tasks;
  private final int scenarios;
  private final int categorical;
  private final int numeric;
  private final float[] bias;
  private final float[] table;
  private final float[] linear;

  LinearTestModel(TuttiConfig config) {
    this.config = config;
    this.tasks = config.tasks().size();
    this.scenarios = config.scenarios().size();
    this.categorical = config.publicFeatures(FeatureType.CATEGORICAL).size();
    this.numeric = config.publicFeatures(FeatureType.NUMERIC).size();
    this.bias = new float[scenarios * tasks];
    this.table = new float[TABLE * tasks];
    this.linear = new float[numeric * tasks];
    SplittableRandom random = new SplittableRandom(config.training().seed());
    for (int i = 0; i < table.length; i++) {
      table[i] = (float) (random.nextGaussian() * 0.01);
    }
  }

  @Override
  public TuttiConfig config() {
    return config;
  }

  @Override
  public void predict(Batch batch, float[] out) {
    for (int i = 0; i < batch.size; i++) {
      for (int t = 0; t < tasks; t++) {
        out[i * tasks + t] = sigmoid(logit(batch, i, t, null));
      }
    }
  }

  @Override
  public StepLosses train(Batch batch, StepSettings settings) {
    SplittableRandom random = new SplittableRandom(config.training().seed() * 31 + settings.step());
    boolean[] kept = new boolean[batch.size * categorical];
    for (int k = 0; k < kept.length; k++) {
      kept[k] = random.nextDouble() >= DROPOUT;
    }
    float[] lossSum = new float[tasks];
    float[] weightSum = new float[tasks];
    int[] pairs = new int[tasks];
    float[] gradients = new float[batch.size * tasks];
    for (int i = 0; i < batch.size; i++) {
      for (int t = 0; t < tasks; t++) {
        int pair = i * tasks + t;
        if (batch.labelMask[pair] == 0f) {
          continue;
        }
        float p = sigmoid(logit(batch, i, t, kept));
        float y = batch.labels[pair];
        float w = batch.weight[i];
        double clipped = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
        lossSum[t] += (float) (-w * (y == 1f ? Math.log(clipped) : Math.log1p(-clipped)));
        weightSum[t] += w;
        pairs[t]++;
        gradients[pair] = w * (p - y);
      }
    }
    float total = 0;
    float[] perTask = new float[tasks];
    for (int t = 0; t < tasks; t++) {
      perTask[t] = pairs[t] == 0 ? Float.NaN : lossSum[t] / weightSum[t];
      total += pairs[t] == 0 ? 0 : perTask[t];
    }
    float lr = settings.learningRate();
    float embeddingLr = settings.embeddingLearningRate();
    for (int i = 0; i < batch.size; i++) {
      for (int t = 0; t < tasks; t++) {
        int pair = i * tasks + t;
        if (batch.labelMask[pair] == 0f) {
          continue;
        }
        float g = gradients[pair] / weightSum[t];
        bias[batch.scenario[i] * tasks + t] -= lr * g;
        for (int f = 0; f < categorical; f++) {
          if (kept[i * categorical + f]) {
            table[slot(batch, i, f) * tasks + t] -= embeddingLr * g;
          }
        }
        for (int f = 0; f < numeric; f++) {
          linear[f * tasks + t] -= lr * g * batch.numeric[i * numeric + f];
        }
      }
    }
    return new StepLosses(total, perTask, pairs);
  }

  @Override
  public void saveCheckpoint(Path directory) {
    try {
      Files.createDirectory(directory);
      try (DataOutputStream out =
          new DataOutputStream(Files.newOutputStream(directory.resolve("weights.bin")))) {
        for (float[] array : new float[][] {bias, table, linear}) {
          for (float value : array) {
            out.writeFloat(value);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void restoreCheckpoint(Path directory) {
    try (DataInputStream in =
        new DataInputStream(Files.newInputStream(directory.resolve("weights.bin")))) {
      for (float[] array : new float[][] {bias, table, linear}) {
        for (int i = 0; i < array.length; i++) {
          array[i] = in.readFloat();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void exportSavedModel(Path directory) {
    throw new UnsupportedOperationException("the plain-Java test model has no SavedModel");
  }

  @Override
  public long parameterCount() {
    return bias.length + table.length + linear.length;
  }

  @Override
  public void close() {}

  private float logit(Batch batch, int i, int t, boolean[] kept) {
    float z = bias[batch.scenario[i] * tasks + t];
    for (int f = 0; f < categorical; f++) {
      if (kept == null || kept[i * categorical + f]) {
        float w = table[slot(batch, i, f) * tasks + t];
        z += kept == null ? w * (float) (1 - DROPOUT) : w;
      }
    }
    for (int f = 0; f < numeric; f++) {
      z += linear[f * tasks + t] * batch.numeric[i * numeric + f];
    }
    return z;
  }

  private int slot(Batch batch, int i, int f) {
    return Math.floorMod(batch.categorical[i * categorical + f] * 7919 + f * 104729, TABLE);
  }

  private static float sigmoid(float z) {
    return (float) (1 / (1 + Math.exp(-z)));
  }
}
