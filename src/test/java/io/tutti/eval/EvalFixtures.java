package io.tutti.eval;

import io.tutti.config.DataConfig;
import io.tutti.config.FeaturesConfig;
import io.tutti.config.ModelConfig;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.TaskConfig;
import io.tutti.config.TrainingConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.util.List;
import java.util.Map;

/** A two-scenario world small enough to check by hand: daily (play, like) and mgc (click). */
public final class EvalFixtures {
  private EvalFixtures() {}

  public static TuttiConfig config() {
    DataConfig data =
        new DataConfig(
            null,
            "auto",
            "user_id",
            "item_id",
            "scenario",
            "ts",
            Map.of(),
            null,
            new DataConfig.Split("time", 0.1, 0.1, null, null, null),
            new DataConfig.Activity(30, null));
    List<TaskConfig> tasks =
        List.of(
            new TaskConfig("play", "play", 1.0, null),
            new TaskConfig("like", "like", 1.0, null),
            new TaskConfig("click", "click", 1.0, null));
    List<ScenarioConfig> scenarios =
        List.of(scenario("daily", List.of("play", "like")), scenario("mgc", List.of("click")));
    return new TuttiConfig(
        null,
        TuttiConfig.FORMAT_VERSION,
        "fixture",
        data,
        tasks,
        scenarios,
        new FeaturesConfig(List.of(), List.of(), List.of()),
        List.of(),
        ModelConfig.defaults(),
        TrainingConfig.defaults());
  }

  /**
   * The music app's four scenarios and their tasks, each scenario's main task first: daily (play,
   * complete, like, share), stream (play, complete, like), playlist (click, play, collect), mgc
   * (click, collect).
   */
  public static Map<String, List<String>> musicScenarios() {
    Map<String, List<String>> scenarios = new java.util.LinkedHashMap<>();
    scenarios.put("daily", List.of("play", "complete", "like", "share"));
    scenarios.put("stream", List.of("play", "complete", "like"));
    scenarios.put("playlist", List.of("click", "play", "collect"));
    scenarios.put("mgc", List.of("click", "collect"));
    return scenarios;
  }

  /**
   * A config of the given scenarios (id to its tasks, the first its main task); the tasks in the
   * order they first appear.
   */
  public static TuttiConfig config(Map<String, List<String>> scenarioTasks) {
    TuttiConfig base = config();
    List<String> tasks = scenarioTasks.values().stream().flatMap(List::stream).distinct().toList();
    List<ScenarioConfig> scenarios =
        scenarioTasks.entrySet().stream().map(e -> scenario(e.getKey(), e.getValue())).toList();
    return new TuttiConfig(
        null,
        base.formatVersion(),
        "music",
        base.data(),
        tasks.stream().map(t -> new TaskConfig(t, t, 1.0, null)).toList(),
        scenarios,
        base.features(),
        base.sequences(),
        base.model(),
        base.training());
  }

  private static ScenarioConfig scenario(String id, List<String> tasks) {
    Map<String, Double> ones = new java.util.HashMap<>();
    tasks.forEach(t -> ones.put(t, 1.0));
    return new ScenarioConfig(id, id, "song", tasks, tasks.get(0), 1.0, ones, ones, List.of());
  }

  /**
   * A batch of {@code rows} rows, tasks [play, like, click]: {@code scenario[i]}, one label row of
   * three per sample, and a mask that is 1 on the scenario's tasks unless the label is NaN.
   */
  public static Batch batch(int[] scenario, float[][] labels, long[] users, byte[] activity) {
    int n = scenario.length;
    Batch batch = new Batch();
    batch.size = n;
    batch.scenario = scenario;
    batch.labels = new float[n * 3];
    batch.labelMask = new float[n * 3];
    batch.oracle = new float[n * 3];
    batch.userKey = users;
    batch.activity = activity;
    batch.sampleIndex = new long[n];
    java.util.Arrays.fill(batch.oracle, Float.NaN);
    for (int i = 0; i < n; i++) {
      batch.sampleIndex[i] = i;
      for (int t = 0; t < 3; t++) {
        boolean scenarioHasTask = scenario[i] == 0 ? t < 2 : t == 2;
        float label = labels[i][t];
        if (scenarioHasTask && !Float.isNaN(label)) {
          batch.labels[i * 3 + t] = label;
          batch.labelMask[i * 3 + t] = 1;
        }
      }
    }
    return batch;
  }
}
