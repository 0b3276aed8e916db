package io.tutti.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.TuttiException;
import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.metrics.RankedScores;
import io.tutti.model.Scorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much AUC each feature group is worth to a trained model: the model scores the test split once
 * as it is, then once per group with that group's inputs set to missing, and each scenario x task
 * cell's AUC loss is the difference. The groups are every public feature, each scenario's private
 * features together, and every behaviour sequence.
 *
 * <p>Missing means what the data layer writes for an absent value: id 0 for a categorical or
 * multi-valued feature, an empty sequence, and 0 for a numeric feature (the mean of its training
 * split after standard normalisation). A model never trained with a group missing may read the
 * masked input as an unusual value rather than as no information, so a masked loss can overstate
 * what retraining without the group would lose.
 */
public final class FeatureAblation {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureAblation.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One group of inputs that is masked together.
   *
   * @param name {@code feature:NAME}, {@code private:SCENARIO} or {@code sequence:ID}
   */
  public record Group(String name, Masker masker) {}

  /** Sets one group's inputs to missing in the first {@code batch.size} rows of a batch. */
  @FunctionalInterface
  public interface Masker {
    void mask(Batch batch);
  }

  /**
   * The result.
   *
   * @param model the model's name
   * @param full scenario id to task id to the AUC without masking
   * @param masked group name to scenario id to task id to the AUC with the group masked, groups
   *     ranked by the mean loss over the scenarios' main tasks, largest first
   */
  public record Result(
      String model,
      Map<String, Map<String, Double>> full,
      Map<String, Map<String, Map<String, Double>>> masked) {

    /** The loss of one cell: the full AUC minus the masked one. */
    public double loss(String group, String scenario, String task) {
      return full.get(scenario).get(task) - masked.get(group).get(scenario).get(task);
    }

    /** The report's {@code feature_ablation} (schema in docs/metrics.md). */
    public ObjectNode toJson() {
      ObjectNode root = JSON.createObjectNode();
      root.put("model", model);
      root.put("mode", "mask");
      ObjectNode groups = root.putObject("groups");
      masked.forEach(
          (group, scenarios) -> {
            ObjectNode scenarioNodes = groups.putObject(group).putObject("scenarios");
            scenarios.forEach(
                (scenario, tasks) -> {
                  ObjectNode taskNodes = scenarioNodes.putObject(scenario).putObject("tasks");
                  tasks.forEach(
                      (task, auc) -> {
                        ObjectNode cell = taskNodes.putObject(task);
                        putNumber(cell, "auc", auc);
                        putNumber(cell, "auc_loss", loss(group, scenario, task));
                      });
                });
          });
      return root;
    }

    private static void putNumber(ObjectNode node, String key, double value) {
      if (Double.isFinite(value)) {
        node.put(key, value);
      } else {
        node.putNull(key);
      }
    }
  }

  private FeatureAblation() {}

  /** Every group of {@code config}: public features, then private features, then sequences. */
  public static List<Group> groups(TuttiConfig config) {
    List<Group> groups = new ArrayList<>();
    for (FeatureType type : FeatureType.values()) {
      List<FeatureConfig> features = config.publicFeatures(type);
      for (int f = 0; f < features.size(); f++) {
        groups.add(new Group("feature:" + features.get(f).name(), publicMasker(type, f, features)));
      }
    }
    for (int s = 0; s < config.scenarios().size(); s++) {
      if (config.scenarios().get(s).privateFeatures().isEmpty()) {
        continue;
      }
      int scenario = s;
      groups.add(
          new Group(
              "private:" + config.scenarios().get(s).id(),
              batch -> {
                int rows = batch.scenario.length;
                Arrays.fill(
                    batch.privateCategorical[scenario],
                    0,
                    width(batch.privateCategorical[scenario], rows) * batch.size,
                    0);
                Arrays.fill(
                    batch.privateNumeric[scenario],
                    0,
                    width(batch.privateNumeric[scenario], rows) * batch.size,
                    0f);
                for (int[] multi : batch.privateMultiCategorical[scenario]) {
                  Arrays.fill(multi, 0, width(multi, rows) * batch.size, 0);
                }
              }));
    }
    for (int q = 0; q < config.sequences().size(); q++) {
      int sequence = q;
      groups.add(
          new Group(
              "sequence:" + config.sequences().get(q).id(),
              batch -> {
                int[] values = batch.sequences[sequence];
                Arrays.fill(values, 0, width(values, batch.scenario.length) * batch.size, 0);
                Arrays.fill(batch.sequenceLengths[sequence], 0, batch.size, 0);
              }));
    }
    return groups;
  }

  /** Scores the test split with {@code scorer} unmasked and with each of {@code groups} masked. */
  public static Result run(
      String model, Scorer scorer, Dataset dataset, List<Group> groups, int batchSize) {
    if (dataset.size(Split.TEST) == 0) {
      throw new TuttiException(
          "The test split of " + dataset.directory() + " has no samples to ablate features on.");
    }
    TuttiConfig config = dataset.config();
    Map<String, Map<String, Double>> full = aucs(score(scorer, dataset, null, batchSize), config);
    Map<String, Map<String, Map<String, Double>>> masked = new LinkedHashMap<>();
    for (Group group : groups) {
      LOG.info("Feature ablation: scoring with {} masked", group.name());
      masked.put(group.name(), aucs(score(scorer, dataset, group.masker(), batchSize), config));
    }

    // Ranked by the mean loss over the main tasks: the core features first.
    Map<String, Double> meanLoss = new LinkedHashMap<>();
    for (var group : masked.entrySet()) {
      double sum = 0;
      int count = 0;
      for (var scenario : config.scenarios()) {
        double loss =
            full.get(scenario.id()).get(scenario.mainTask())
                - group.getValue().get(scenario.id()).get(scenario.mainTask());
        if (!Double.isNaN(loss)) {
          sum += loss;
          count++;
        }
      }
      meanLoss.put(group.getKey(), count == 0 ? Double.NEGATIVE_INFINITY : sum / count);
    }
    Map<String, Map<String, Map<String, Double>>> ranked = new LinkedHashMap<>();
    masked.keySet().stream()
        .sorted((x, y) -> Double.compare(meanLoss.get(y), meanLoss.get(x)))
        .forEach(name -> ranked.put(name, masked.get(name)));
    return new Result(model, full, ranked);
  }

  /** Every test sample's probabilities, with {@code masker} (or nothing) applied to each batch. */
  static EvaluationScores score(Scorer scorer, Dataset dataset, Masker masker, int batchSize) {
    TuttiConfig config = dataset.config();
    EvaluationScores scores = new EvaluationScores(config);
    Batch batch = dataset.newBatch(batchSize);
    Batch masked = dataset.newBatch(batchSize);
    float[] probabilities = new float[batchSize * config.tasks().size()];
    try (BatchStream stream = dataset.stream(Split.TEST, StreamOptions.sequential(batchSize))) {
      while (stream.next(batch)) {
        // The stream's batch is never written to: it relies on its own padding invariant.
        Batch scored = batch;
        if (masker != null) {
          for (int row = 0; row < batch.size; row++) {
            BatchRows.copy(batch, row, masked, row);
          }
          masked.size = batch.size;
          masker.mask(masked);
          scored = masked;
        }
        scorer.predict(scored, probabilities);
        scores.add(batch, probabilities);
      }
    }
    return scores;
  }

  private static Map<String, Map<String, Double>> aucs(
      EvaluationScores scores, TuttiConfig config) {
    Map<String, Map<String, Double>> aucs = new LinkedHashMap<>();
    for (int s = 0; s < config.scenarios().size(); s++) {
      Map<String, Double> tasks = new LinkedHashMap<>();
      for (int t : scores.tasksOf(s)) {
        TaskScores cell = scores.cell(s, t);
        tasks.put(
            config.tasks().get(t).id(),
            RankedScores.of(cell.scores(), cell.labels(), cell.size()).auc());
      }
      aucs.put(config.scenarios().get(s).id(), tasks);
    }
    return aucs;
  }

  private static Masker publicMasker(FeatureType type, int index, List<FeatureConfig> features) {
    int width = features.size();
    return switch (type) {
      case CATEGORICAL ->
          batch -> {
            for (int row = 0; row < batch.size; row++) {
              batch.categorical[row * width + index] = 0;
            }
          };
      case NUMERIC ->
          batch -> {
            for (int row = 0; row < batch.size; row++) {
              batch.numeric[row * width + index] = 0f;
            }
          };
      case MULTI_CATEGORICAL ->
          batch -> {
            int[] values = batch.multiCategorical[index];
            Arrays.fill(values, 0, width(values, batch.scenario.length) * batch.size, 0);
          };
    };
  }

  private static int width(int[] values, int rows) {
    return values.length / rows;
  }

  private static int width(float[] values, int rows) {
    return values.length / rows;
  }
}
