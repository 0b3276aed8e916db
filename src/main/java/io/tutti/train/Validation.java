package io.tutti.train;

import io.tutti.config.ScenarioConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.Dataset;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.metrics.BinaryMetrics;
import io.tutti.model.ModelMetadata.CellMetrics;
import io.tutti.model.Scorer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's metrics on the validation split, per scenario x task, and the early-stopping score: the
 * mean over scenarios of the main task's AUC.
 *
 * <p>Reads the first {@code training.validation_max_samples} validation samples in dataset order
 * (the same ones every epoch, so epochs compare fairly), without sampling: every sample weighs 1.
 *
 * @param cells scenario id to task id to metrics, in config order
 * @param score the early-stopping score; NaN when no scenario's main task has a defined AUC
 * @param samples validation samples read
 */
public record Validation(Map<String, Map<String, CellMetrics>> cells, double score, long samples) {

  /** What the early-stopping score is, in the words the metadata and the logs use. */
  public static final String SCORE_DESCRIPTION =
      "mean over scenarios of the main task's validation AUC";

  /** Scores the validation split with {@code scorer} and computes every cell's metrics. */
  public static Validation run(Scorer scorer, Dataset dataset, int batchSize, long maxSamples) {
    return run(scorer, TrainingData.of(dataset), batchSize, maxSamples);
  }

  /** As {@link #run(Scorer, Dataset, int, long)} on the samples of {@code data}. */
  public static Validation run(Scorer scorer, TrainingData data, int batchSize, long maxSamples) {
    TuttiConfig config = data.config();
    int scenarios = config.scenarios().size();
    int tasks = config.tasks().size();
    Cell[][] cells = new Cell[scenarios][tasks];
    for (int s = 0; s < scenarios; s++) {
      boolean[] mask = config.taskMask(s);
      for (int t = 0; t < tasks; t++) {
        cells[s][t] = mask[t] ? new Cell() : null;
      }
    }

    Batch batch = data.newBatch(batchSize);
    float[] probabilities = new float[batchSize * tasks];
    StreamOptions options = new StreamOptions(batchSize, false, 0L, 0, null, maxSamples);
    long samples = 0;
    TrainingData.Source stream = data.open(Split.VALIDATION, options);
    while (stream.next(batch)) {
      scorer.predict(batch, probabilities);
      samples += batch.size;
      for (int i = 0; i < batch.size; i++) {
        for (int t = 0; t < tasks; t++) {
          int pair = i * tasks + t;
          Cell cell = cells[batch.scenario[i]][t];
          if (cell != null && batch.labelMask[pair] != 0f) {
            cell.add(probabilities[pair], batch.labels[pair]);
          }
        }
      }
    }

    Map<String, Map<String, CellMetrics>> metrics = new LinkedHashMap<>();
    double scoreSum = 0;
    int scored = 0;
    for (int s = 0; s < scenarios; s++) {
      ScenarioConfig scenario = config.scenarios().get(s);
      Map<String, CellMetrics> byTask = new LinkedHashMap<>();
      for (int t = 0; t < tasks; t++) {
        if (cells[s][t] == null) {
          continue;
        }
        CellMetrics cell = cells[s][t].metrics();
        String task = config.tasks().get(t).id();
        byTask.put(task, cell);
        if (task.equals(scenario.mainTask()) && cell.auc() != null) {
          scoreSum += cell.auc();
          scored++;
        }
      }
      metrics.put(scenario.id(), byTask);
    }
    return new Validation(metrics, scored == 0 ? Double.NaN : scoreSum / scored, samples);
  }

  /** The AUC of every cell, null where undefined: the form of the training history. */
  public Map<String, Map<String, Double>> auc() {
    Map<String, Map<String, Double>> auc = new LinkedHashMap<>();
    cells.forEach(
        (scenario, tasks) -> {
          Map<String, Double> byTask = new LinkedHashMap<>();
          tasks.forEach((task, cell) -> byTask.put(task, cell.auc()));
          auc.put(scenario, byTask);
        });
    return auc;
  }

  /** The scored pairs of one cell. */
  private static final class Cell {
    private float[] scores = new float[256];
    private float[] labels = new float[256];
    private int size;

    void add(float score, float label) {
      if (size == scores.length) {
        scores = Arrays.copyOf(scores, size * 2);
        labels = Arrays.copyOf(labels, size * 2);
      }
      scores[size] = score;
      labels[size] = label;
      size++;
    }

    CellMetrics metrics() {
      return new CellMetrics(
          defined(BinaryMetrics.auc(scores, labels, size)),
          defined(BinaryMetrics.logloss(scores, labels, size)),
          defined(BinaryMetrics.copc(scores, labels, size)),
          size,
          BinaryMetrics.positives(labels, size));
    }
  }

  /** NaN as null, so that JSON stays JSON. */
  static Double defined(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
