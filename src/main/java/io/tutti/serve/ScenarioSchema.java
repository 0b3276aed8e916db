package io.tutti.serve;

import io.tutti.config.DataConfig;
import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The raw columns a request for one scenario may carry, by where they belong: the user's side (the
 * user, the moment, the context) and each candidate's side (the item and the scenario's private
 * features). Requests name columns exactly as the data files do (the config's {@code column} of
 * each feature, and {@code data.user_column}, {@code data.item_column}, {@code
 * data.timestamp_column}, {@code data.activity.column}), so that a logged row can be replayed as it
 * is.
 *
 * @param scenario the scenario's config
 * @param index its position in the config's scenarios
 * @param tasks its task ids, in config order
 * @param taskIndices the positions of its tasks in the config's tasks
 * @param userColumns columns of the user's side, in config order
 * @param candidateColumns columns of a candidate's side, in config order
 * @param multiValued columns that hold several values (a JSON array is accepted there)
 * @param weights the configured score weight of each of its tasks, {@code [scenario tasks]}
 */
record ScenarioSchema(
    ScenarioConfig scenario,
    int index,
    List<String> tasks,
    int[] taskIndices,
    List<String> userColumns,
    List<String> candidateColumns,
    Set<String> multiValued,
    double[] weights) {

  /** The schema of every scenario of {@code config}, by scenario id, in config order. */
  static Map<String, ScenarioSchema> of(TuttiConfig config) {
    Map<String, ScenarioSchema> schemas = new LinkedHashMap<>();
    for (int s = 0; s < config.scenarios().size(); s++) {
      ScenarioSchema schema = build(config, s);
      schemas.put(schema.scenario().id(), schema);
    }
    return schemas;
  }

  private static ScenarioSchema build(TuttiConfig config, int s) {
    ScenarioConfig scenario = config.scenarios().get(s);
    DataConfig data = config.data();

    Set<String> user = new LinkedHashSet<>();
    user.add(data.userColumn());
    if (data.timestampColumn() != null) {
      user.add(data.timestampColumn());
    }
    if (data.activity().column() != null) {
      user.add(data.activity().column());
    }
    config.features().user().forEach(f -> user.add(f.column()));
    config.features().context().forEach(f -> user.add(f.column()));

    Set<String> candidate = new LinkedHashSet<>();
    candidate.add(data.itemColumn());
    config.features().item().forEach(f -> candidate.add(f.column()));
    scenario.privateFeatures().forEach(f -> candidate.add(f.column()));
    candidate.removeAll(user);

    Set<String> multi = new LinkedHashSet<>();
    List<FeatureConfig> readable = new ArrayList<>(config.features().all());
    readable.addAll(scenario.privateFeatures());
    for (FeatureConfig feature : readable) {
      if (feature.type() == FeatureType.MULTI_CATEGORICAL) {
        multi.add(feature.column());
      }
    }

    List<String> tasks = scenario.tasks();
    int[] taskIndices = new int[tasks.size()];
    double[] weights = new double[tasks.size()];
    for (int t = 0; t < tasks.size(); t++) {
      taskIndices[t] = config.taskIndex(tasks.get(t));
      weights[t] = scenario.scoreWeights().getOrDefault(tasks.get(t), 0.0);
    }
    return new ScenarioSchema(
        scenario,
        s,
        List.copyOf(tasks),
        taskIndices,
        List.copyOf(user),
        List.copyOf(candidate),
        Set.copyOf(multi),
        weights);
  }

  /** Whether a request for this scenario may name {@code column}, on either side. */
  boolean accepts(String column) {
    return userColumns.contains(column) || candidateColumns.contains(column);
  }

  /** Every accepted column, the user's side first. */
  List<String> acceptedColumns() {
    List<String> all = new ArrayList<>(userColumns);
    all.addAll(candidateColumns);
    return all;
  }

  /** The sequence ids a request may carry, in config order. */
  static List<String> sequenceIds(TuttiConfig config) {
    return config.sequences().stream().map(SequenceConfig::id).toList();
  }

  /** The position of a task among this scenario's tasks, or -1. */
  int taskPosition(String task) {
    return tasks.indexOf(task);
  }
}
