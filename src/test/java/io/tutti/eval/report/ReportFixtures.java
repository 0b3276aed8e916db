package io.tutti.eval.report;

import io.tutti.config.TaskConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.eval.AbTest;
import io.tutti.eval.Comparison;
import io.tutti.eval.EvalFixtures;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.EvaluationScores;
import io.tutti.eval.ModelEntry;
import io.tutti.eval.ModelEvaluation;
import io.tutti.eval.TrainingHistory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hand-built reports over the two-scenario world of {@link EvalFixtures} (daily: play, like; mgc:
 * click): simulated labels with a known true probability, and models whose scores follow it more or
 * less closely.
 */
final class ReportFixtures {
  static final int SAMPLES = 3000;
  static final Instant CREATED = Instant.parse("2026-12-04T08:00:00Z");

  private ReportFixtures() {}

  /**
   * A model's scores on the shared test samples: {@code noise} is the standard deviation of the
   * noise added to the true logit, per task [play, like, click]; less noise, better AUC.
   */
  static EvaluationScores scores(double[] noise, long seed) {
    Random world = new Random(11);
    Random model = new Random(seed);
    int[] scenario = new int[SAMPLES];
    float[][] labels = new float[SAMPLES][];
    long[] users = new long[SAMPLES];
    byte[] activity = new byte[SAMPLES];
    float[] oracle = new float[SAMPLES * 3];
    float[] probabilities = new float[SAMPLES * 3];
    for (int i = 0; i < SAMPLES; i++) {
      scenario[i] = i % 3 == 2 ? 1 : 0;
      users[i] = i % 97;
      activity[i] = (byte) (users[i] % 11);
      labels[i] = new float[3];
      for (int t = 0; t < 3; t++) {
        double logit = world.nextGaussian() * 1.3 - 0.4 + 0.08 * activity[i];
        double truth = 1 / (1 + Math.exp(-logit));
        labels[i][t] = world.nextDouble() < truth ? 1 : 0;
        oracle[i * 3 + t] = (float) truth;
        double scored = logit + model.nextGaussian() * noise[t];
        probabilities[i * 3 + t] = (float) (1 / (1 + Math.exp(-scored)));
      }
    }
    Batch batch = EvalFixtures.batch(scenario, labels, users, activity);
    batch.oracle = oracle;
    EvaluationScores scores = new EvaluationScores(EvalFixtures.config());
    scores.add(batch, probabilities);
    return scores;
  }

  /**
   * Three models: {@code separate} (the baseline), {@code unified} (better on daily, worse on
   * mgc/click: one seesaw cell) and {@code mmoe} (close to the baseline everywhere), with training
   * histories and an A/B test.
   */
  static EvaluationReport full() {
    Map<String, double[]> noise = new LinkedHashMap<>();
    noise.put("separate", new double[] {1.2, 1.2, 0.6});
    noise.put("unified", new double[] {0.5, 0.6, 2.0});
    noise.put("mmoe", new double[] {1.15, 1.2, 0.62});
    return report("music-world", noise, "name: music-world\n", true);
  }

  /** A report of the given models' noise levels; the first model is the baseline. */
  static EvaluationReport report(
      String title, Map<String, double[]> noise, String configYaml, boolean extras) {
    Map<String, List<EvaluationScores>> runs = new LinkedHashMap<>();
    Map<String, ModelEvaluation> evaluations = new LinkedHashMap<>();
    List<ModelEntry> entries = new java.util.ArrayList<>();
    long seed = 1;
    for (var entry : noise.entrySet()) {
      EvaluationScores scores = scores(entry.getValue(), seed++);
      runs.put(entry.getKey(), List.of(scores));
      ModelEvaluation evaluation = ModelEvaluation.of(entry.getKey(), scores, 3);
      evaluations.put(entry.getKey(), evaluation);
      entries.add(
          new ModelEntry(
              entry.getKey(),
              entry.getKey().startsWith("separate") ? "separate" : "unified",
              evaluation,
              1,
              extras ? history(seed) : null,
              40.5 * seed));
    }
    String baseline = noise.keySet().iterator().next();
    Comparison comparison = noise.size() > 1 ? Comparison.of(baseline, runs, evaluations, 5) : null;
    return new EvaluationReport(
        title,
        CREATED,
        configYaml,
        mainTasks(),
        null,
        entries,
        comparison,
        extras ? abtest() : null,
        null);
  }

  /**
   * A report as wide as a real one: four scenarios (daily, stream, playlist, mgc), six tasks and
   * six models, the first ({@code separate}) the baseline, each model with its own noise per
   * scenario; real data, so no oracle.
   */
  static EvaluationReport wide() {
    Map<String, List<String>> scenarioTasks = EvalFixtures.musicScenarios();
    TuttiConfig config = EvalFixtures.config(scenarioTasks);
    List<String> tasks = config.tasks().stream().map(TaskConfig::id).toList();
    List<String> models = List.of("separate", "unified", "shared_bottom", "mmoe", "ple", "star");
    int samples = 2400;
    Map<String, List<EvaluationScores>> runs = new LinkedHashMap<>();
    Map<String, ModelEvaluation> evaluations = new LinkedHashMap<>();
    List<ModelEntry> entries = new java.util.ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      Random world = new Random(17);
      Random noise = new Random(100 + m);
      Batch batch = new Batch();
      batch.size = samples;
      batch.scenario = new int[samples];
      batch.labels = new float[samples * tasks.size()];
      batch.labelMask = new float[samples * tasks.size()];
      batch.oracle = new float[samples * tasks.size()];
      batch.userKey = new long[samples];
      batch.activity = new byte[samples];
      batch.sampleIndex = new long[samples];
      float[] probabilities = new float[samples * tasks.size()];
      for (int i = 0; i < samples; i++) {
        int s = i % 4;
        batch.scenario[i] = s;
        batch.userKey[i] = i % 211;
        batch.activity[i] = (byte) (batch.userKey[i] % 11);
        batch.sampleIndex[i] = i;
        boolean[] mask = config.taskMask(s);
        for (int t = 0; t < tasks.size(); t++) {
          int pair = i * tasks.size() + t;
          double logit = world.nextGaussian() * 1.2 - 0.5;
          float label = world.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
          batch.oracle[pair] = Float.NaN;
          if (mask[t]) {
            batch.labels[pair] = label;
            batch.labelMask[pair] = 1;
          }
          double strength = 0.6 + 0.25 * ((m + s) % 4);
          probabilities[pair] =
              (float) (1 / (1 + Math.exp(-(logit + noise.nextGaussian() * strength))));
        }
      }
      EvaluationScores scores = new EvaluationScores(config);
      scores.add(batch, probabilities);
      ModelEvaluation evaluation = ModelEvaluation.of(models.get(m), scores, 3);
      runs.put(models.get(m), List.of(scores));
      evaluations.put(models.get(m), evaluation);
      entries.add(
          new ModelEntry(models.get(m), models.get(m), evaluation, 1, history(m), 30.0 * (m + 1)));
    }
    Map<String, String> mainTasks = new LinkedHashMap<>();
    scenarioTasks.forEach((scenario, its) -> mainTasks.put(scenario, its.get(0)));
    return new EvaluationReport(
        "music-world (wide)",
        CREATED,
        "name: music-world\n",
        mainTasks,
        null,
        entries,
        Comparison.of("separate", runs, evaluations, 5),
        null,
        null);
  }

  static Map<String, String> mainTasks() {
    Map<String, String> mainTasks = new LinkedHashMap<>();
    mainTasks.put("daily", "play");
    mainTasks.put("mgc", "click");
    return mainTasks;
  }

  /** Four epochs, the loss falling and the AUC rising, the third kept. */
  static TrainingHistory history(long seed) {
    List<TrainingHistory.Epoch> epochs = new java.util.ArrayList<>();
    for (int e = 1; e <= 4; e++) {
      double shift = 0.01 * seed;
      epochs.add(
          new TrainingHistory.Epoch(
              e,
              12.5,
              40_000,
              linked("play", 0.62 - 0.04 * e + shift, "like", 0.55 - 0.03 * e, "click", 0.5),
              linked(
                  "daily", linked("play", 0.66 + 0.01 * e, "like", 0.61 + 0.005 * e),
                  "mgc", linked("click", 0.7 + 0.004 * e - shift))));
    }
    return new TrainingHistory(epochs, 3, true);
  }

  /** A/B: unified against separate, lifts by activity level, an interval that holds 0. */
  static AbTest abtest() {
    Map<String, AbTest.Scenario> scenarios = new LinkedHashMap<>();
    for (String scenario : List.of("daily", "mgc")) {
      Map<Integer, AbTest.Level> levels = new LinkedHashMap<>();
      for (int level = 0; level <= 10; level++) {
        double lift = 0.01 * level - 0.02;
        levels.put(
            level,
            new AbTest.Level(
                100 + level,
                linked(
                    "play", rate(0.40 * (1 + lift), 0.40),
                    "like", rate(0.05 * (1 + lift / 2), 0.05))));
      }
      scenarios.put(
          scenario,
          new AbTest.Scenario(
              30, 300, 1155, linked("play", rate(0.42, 0.40), "like", rate(0.0502, 0.05)), levels));
    }
    return new AbTest("unified", "separate", 2000, 7, scenarios);
  }

  /** A map that keeps the order its keys are given in. */
  @SuppressWarnings("unchecked")
  static <V> Map<String, V> linked(Object... keysAndValues) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
    return map;
  }

  private static AbTest.Rate rate(double a, double b) {
    double lift = a / b - 1;
    return new AbTest.Rate(a, b, lift, lift - 0.015, lift + 0.015);
  }
}
