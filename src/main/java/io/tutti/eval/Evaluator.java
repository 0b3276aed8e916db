package io.tutti.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.TuttiException;
import io.tutti.config.ConfigLoader;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.FeatureEncoder;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.model.Scorer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one split of a dataset with one or more models and builds the report: every metric per
 * scenario x task x activity level, and every model against the baseline on the same samples.
 */
public final class Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /**
   * One model to evaluate.
   *
   * @param name the name it is reported under; unique within a report
   * @param type its model type, e.g. {@code unified} or {@code separate}
   * @param scorer scores the samples; its config's data, tasks and scenarios must be the dataset's
   * @param history its training history, or null
   * @param trainSeconds wall-clock training time, NaN when unknown
   * @param encoder the model's own feature encoder, whose numeric statistics the model was trained
   *     with: the samples are normalised with it rather than with the dataset's (null: the
   *     dataset's own, right only for the data the model was trained with)
   */
  public record Candidate(
      String name,
      String type,
      Scorer scorer,
      TrainingHistory history,
      double trainSeconds,
      FeatureEncoder encoder) {}

  private Evaluator() {}

  /**
   * Scores every sample of {@code split} in dataset order, without sampling.
   *
   * @param batchSize samples per call to the scorer
   */
  public static EvaluationScores score(Scorer scorer, Dataset dataset, Split split, int batchSize) {
    TuttiConfig config = dataset.config();
    int tasks = config.tasks().size();
    EvaluationScores scores = new EvaluationScores(config);
    Batch batch = dataset.newBatch(batchSize);
    float[] probabilities = new float[batchSize * tasks];
    try (BatchStream stream = dataset.stream(split, StreamOptions.sequential(batchSize))) {
      while (stream.next(batch)) {
        scorer.predict(batch, probabilities);
        scores.add(batch, probabilities);
      }
    }
    return scores;
  }

  /**
   * Evaluates every candidate on {@code split} and compares each with {@code baseline}.
   *
   * @param baseline the name of the candidate the others are compared with, or null to compare
   *     nothing (also when there is a single candidate)
   * @param seed seeds every bootstrap, so the same scores give the same intervals
   */
  public static EvaluationReport evaluate(
      List<Candidate> candidates,
      Dataset dataset,
      Split split,
      String baseline,
      int batchSize,
      long seed) {
    if (candidates.isEmpty()) {
      throw new TuttiException("No model to evaluate; give at least one.");
    }
    List<String> names = candidates.stream().map(Candidate::name).toList();
    if (baseline != null && !names.contains(baseline)) {
      throw new TuttiException(
          "The baseline '" + baseline + "' is not among the models evaluated: " + names + ".");
    }
    long samples = dataset.size(split);
    if (samples == 0) {
      throw new TuttiException(
          "The " + split.id() + " split of " + dataset.directory() + " has no samples to score.");
    }

    // The baseline goes first: the report's tables read from the specialist to the challengers.
    List<Candidate> ordered = new ArrayList<>(candidates);
    if (baseline != null) {
      ordered.sort(
          (a, b) -> Boolean.compare(!a.name().equals(baseline), !b.name().equals(baseline)));
    }

    Map<String, List<EvaluationScores>> runs = new LinkedHashMap<>();
    Map<String, ModelEvaluation> evaluations = new LinkedHashMap<>();
    List<ModelEntry> entries = new ArrayList<>();
    for (Candidate candidate : ordered) {
      LOG.info("Scoring {} {} samples with {}", samples, split.id(), candidate.name());
      // Each model reads the samples normalised as it was trained: with its own encoder.
      Dataset view =
          candidate.encoder() == null ? dataset : dataset.withEncoder(candidate.encoder());
      EvaluationScores scores = score(candidate.scorer(), view, split, batchSize);
      ModelEvaluation evaluation = ModelEvaluation.of(candidate.name(), scores, seed);
      runs.put(candidate.name(), List.of(scores));
      evaluations.put(candidate.name(), evaluation);
      entries.add(
          new ModelEntry(
              candidate.name(),
              candidate.type(),
              evaluation,
              1,
              candidate.history(),
              candidate.trainSeconds()));
    }
    Comparison comparison =
        baseline != null && ordered.size() > 1
            ? Comparison.of(baseline, runs, evaluations, seed)
            : null;

    // The config shown is the first model's as given: the one being evaluated, not the baseline.
    TuttiConfig config = candidates.get(0).scorer().config();
    Map<String, String> mainTasks = new LinkedHashMap<>();
    for (ScenarioConfig scenario : dataset.config().scenarios()) {
      mainTasks.put(scenario.id(), scenario.mainTask());
    }
    return new EvaluationReport(
        config.name(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        ConfigLoader.toYaml(config),
        mainTasks,
        provenance(dataset, split),
        entries,
        comparison,
        null,
        null);
  }

  /** The test data's provenance as metrics.json's {@code data}: the dataset, split and sizes. */
  static ObjectNode provenance(Dataset dataset, Split split) {
    ObjectNode node = JSON.createObjectNode();
    node.put("dataset", dataset.directory().toString());
    node.put("split", split.id());
    node.put("samples", dataset.size(split));
    ObjectNode perScenario = node.putObject("samples_per_scenario");
    for (int s = 0; s < dataset.config().scenarios().size(); s++) {
      perScenario.put(dataset.config().scenarios().get(s).id(), dataset.size(split, s));
    }
    var provenance = dataset.provenance();
    node.put("config_name", provenance.configName());
    node.put("config_digest", provenance.configDigest());
    node.put("compiled", provenance.created());
    node.put("has_timestamps", provenance.hasTimestamps());
    node.put("first_timestamp", provenance.firstTimestamp());
    node.put("last_timestamp", provenance.lastTimestamp());
    node.set("files", JSON.valueToTree(provenance.files()));
    return node;
  }
}
