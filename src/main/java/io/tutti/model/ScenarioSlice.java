package io.tutti.model;

import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TaskConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * One scenario cut out of a multi-scenario config: the config of a specialist model that knows only
 * that scenario, and the copy of that scenario's rows from a batch of the full config into a batch
 * of the specialist's. How {@code model.type: separate} trains and scores one model per scenario.
 *
 * <p>The specialist's config keeps the public features, the sequences, the model and training
 * sections; its only scenario is this one (index 0), with its private features, and its tasks are
 * this scenario's, in the full config's order. A row keeps everything else: its public and private
 * feature values, sequences, weight, keys and time; its labels, task mask and oracle keep the
 * scenario's tasks only.
 */
public final class ScenarioSlice {
  /**
   * The {@code model.type} of every specialist: {@code separate}, which Models builds as a
   * shared-bottom network (one MLP, a tower per task) over the scenario's inputs only.
   */
  public static final String SPECIALIST_TYPE = "separate";

  private final TuttiConfig full;
  private final int scenario;
  private final TuttiConfig config;
  private final int[] taskIndices;
  private final int publicCategorical;
  private final int publicNumeric;
  private final int[] publicMultiWidths;
  private final int privateCategorical;
  private final int privateNumeric;
  private final int[] privateMultiWidths;
  private final int[] sequenceLengths;

  /**
   * @param full the multi-scenario config
   * @param scenario the scenario's index in {@code full}
   */
  public ScenarioSlice(TuttiConfig full, int scenario) {
    this.full = full;
    this.scenario = scenario;
    ScenarioConfig kept = full.scenarios().get(scenario);
    List<TaskConfig> tasks = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    for (int t = 0; t < full.tasks().size(); t++) {
      if (kept.hasTask(full.tasks().get(t).id())) {
        tasks.add(full.tasks().get(t));
        indices.add(t);
      }
    }
    this.taskIndices = indices.stream().mapToInt(Integer::intValue).toArray();
    this.config =
        new TuttiConfig(
            full.source(),
            full.formatVersion(),
            full.name() + " [" + kept.id() + "]",
            full.data(),
            tasks,
            List.of(kept),
            full.features(),
            full.sequences(),
            full.model().withType(SPECIALIST_TYPE),
            full.training());
    this.publicCategorical = full.publicFeatures(FeatureType.CATEGORICAL).size();
    this.publicNumeric = full.publicFeatures(FeatureType.NUMERIC).size();
    this.publicMultiWidths = widths(full.publicFeatures(FeatureType.MULTI_CATEGORICAL));
    this.privateCategorical = full.privateFeatures(scenario, FeatureType.CATEGORICAL).size();
    this.privateNumeric = full.privateFeatures(scenario, FeatureType.NUMERIC).size();
    this.privateMultiWidths = widths(full.privateFeatures(scenario, FeatureType.MULTI_CATEGORICAL));
    this.sequenceLengths = full.sequences().stream().mapToInt(SequenceConfig::maxLength).toArray();
  }

  /** The specialist's config: this scenario only, its tasks only. */
  public TuttiConfig config() {
    return config;
  }

  /** The scenario's index in the full config. */
  public int scenario() {
    return scenario;
  }

  /** The scenario's id. */
  public String scenarioId() {
    return full.scenarios().get(scenario).id();
  }

  /** For each task of the specialist, its index in the full config. */
  public int[] taskIndices() {
    return taskIndices.clone();
  }

  /** A batch of the specialist's layout with room for {@code capacity} rows, all zero. */
  public Batch newBatch(int capacity) {
    return Batch.allocate(config, capacity);
  }

  /**
   * Appends the rows of this scenario among {@code from.size} rows of {@code source} (a batch of
   * the full config), starting at row {@code start}, to {@code target} (a batch of the specialist's
   * layout), until {@code target} is full.
   *
   * @return the first row of {@code source} not yet looked at
   */
  public int take(Batch source, int start, Batch target) {
    int capacity = target.scenario.length;
    int row = start;
    while (row < source.size && target.size < capacity) {
      if (source.scenario[row] == scenario) {
        copyRow(source, row, target, target.size);
        target.size++;
      }
      row++;
    }
    return row;
  }

  private void copyRow(Batch from, int i, Batch to, int j) {
    to.scenario[j] = 0;
    copy(from.categorical, to.categorical, i, j, publicCategorical);
    copy(from.numeric, to.numeric, i, j, publicNumeric);
    for (int f = 0; f < publicMultiWidths.length; f++) {
      copy(from.multiCategorical[f], to.multiCategorical[f], i, j, publicMultiWidths[f]);
    }
    copy(from.privateCategorical[scenario], to.privateCategorical[0], i, j, privateCategorical);
    copy(from.privateNumeric[scenario], to.privateNumeric[0], i, j, privateNumeric);
    for (int f = 0; f < privateMultiWidths.length; f++) {
      copy(
          from.privateMultiCategorical[scenario][f],
          to.privateMultiCategorical[0][f],
          i,
          j,
          privateMultiWidths[f]);
    }
    for (int q = 0; q < sequenceLengths.length; q++) {
      copy(from.sequences[q], to.sequences[q], i, j, sequenceLengths[q]);
      to.sequenceLengths[q][j] = from.sequenceLengths[q][i];
    }
    int fullTasks = full.tasks().size();
    int tasks = taskIndices.length;
    for (int t = 0; t < tasks; t++) {
      int source = i * fullTasks + taskIndices[t];
      to.labels[j * tasks + t] = from.labels[source];
      to.labelMask[j * tasks + t] = from.labelMask[source];
      to.oracle[j * tasks + t] = from.oracle[source];
    }
    to.weight[j] = from.weight[i];
    to.activity[j] = from.activity[i];
    to.userKey[j] = from.userKey[i];
    to.itemKey[j] = from.itemKey[i];
    to.timestamp[j] = from.timestamp[i];
    to.sampleIndex[j] = from.sampleIndex[i];
  }

  private static void copy(int[] from, int[] to, int i, int j, int width) {
    if (width > 0) {
      System.arraycopy(from, i * width, to, j * width, width);
    }
  }

  private static void copy(float[] from, float[] to, int i, int j, int width) {
    if (width > 0) {
      System.arraycopy(from, i * width, to, j * width, width);
    }
  }

  private static int[] widths(List<FeatureConfig> features) {
    return features.stream().mapToInt(FeatureConfig::maxValues).toArray();
  }
}
