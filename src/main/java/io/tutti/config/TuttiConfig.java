package io.tutti.config;

import io.tutti.common.TuttiException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A whole {@code tutti.yaml}, resolved: every default filled in, every cross-reference checked.
 * Immutable; built only by the loader (or by tests), never changed afterwards.
 *
 * <p>Orders fixed here are the orders of every array downstream: tasks in the order of {@link
 * #tasks}, scenarios in the order of {@link #scenarios}, public features user, item, context.
 *
 * @param source the file it was read from (null when built in code)
 * @param formatVersion the config format version; this release reads {@link #FORMAT_VERSION}
 * @param name free text shown in reports
 * @param data where the samples are and how their columns map
 * @param tasks every task, in declaration order
 * @param scenarios every scenario, in declaration order
 * @param features the public features
 * @param sequences the behaviour sequences, possibly none
 * @param model the architecture
 * @param training the fitting
 */
public record TuttiConfig(
    Path source,
    int formatVersion,
    String name,
    DataConfig data,
    List<TaskConfig> tasks,
    List<ScenarioConfig> scenarios,
    FeaturesConfig features,
    List<SequenceConfig> sequences,
    ModelConfig model,
    TrainingConfig training) {

  /** The config format version this release reads and writes. */
  public static final int FORMAT_VERSION = 1;

  public TuttiConfig {
    tasks = List.copyOf(tasks);
    scenarios = List.copyOf(scenarios);
    sequences = List.copyOf(sequences);
  }

  /** The index of a task in {@link #tasks}; an unknown id is an error naming the known ones. */
  public int taskIndex(String taskId) {
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).id().equals(taskId)) {
        return i;
      }
    }
    throw new TuttiException(
        "Unknown task '" + taskId + "'; the known tasks are " + ids(tasks, TaskConfig::id) + ".");
  }

  /** The index of a scenario in {@link #scenarios}; an unknown id names the known ones. */
  public int scenarioIndex(String scenarioId) {
    for (int i = 0; i < scenarios.size(); i++) {
      if (scenarios.get(i).id().equals(scenarioId)) {
        return i;
      }
    }
    throw new TuttiException(
        "Unknown scenario '"
            + scenarioId
            + "'; the known scenarios are "
            + ids(scenarios, ScenarioConfig::id)
            + ".");
  }

  /** The scenario of that id, or an error naming the known ones. */
  public ScenarioConfig scenario(String scenarioId) {
    return scenarios.get(scenarioIndex(scenarioId));
  }

  /** Public features of one type, in the order user, item, context. */
  public List<FeatureConfig> publicFeatures(FeatureType type) {
    return features.all().stream().filter(f -> f.type() == type).toList();
  }

  /** Private features of one type of the scenario at {@code scenarioIndex}, in order. */
  public List<FeatureConfig> privateFeatures(int scenarioIndex, FeatureType type) {
    return scenarios.get(scenarioIndex).privateFeatures().stream()
        .filter(f -> f.type() == type)
        .toList();
  }

  /** Every feature, public then each scenario's private ones. */
  public List<FeatureConfig> allFeatures() {
    List<FeatureConfig> all = new ArrayList<>(features.all());
    for (ScenarioConfig scenario : scenarios) {
      all.addAll(scenario.privateFeatures());
    }
    return all;
  }

  /** The feature of that name, public or private. */
  public Optional<FeatureConfig> feature(String featureName) {
    return allFeatures().stream().filter(f -> f.name().equals(featureName)).findFirst();
  }

  /** The sequence of that role ({@code long}, {@code mid}, {@code short}), if declared. */
  public Optional<SequenceConfig> sequence(String role) {
    return sequences.stream().filter(s -> s.id().equals(role)).findFirst();
  }

  /**
   * The task mask of a scenario, {@code [tasks]}: true where the task belongs to it. A label of a
   * task outside the mask is never read.
   */
  public boolean[] taskMask(int scenarioIndex) {
    boolean[] mask = new boolean[tasks.size()];
    ScenarioConfig scenario = scenarios.get(scenarioIndex);
    for (int t = 0; t < tasks.size(); t++) {
      mask[t] = scenario.hasTask(tasks.get(t).id());
    }
    return mask;
  }

  /** This config with another model section: how one config trains several models. */
  public TuttiConfig withModel(ModelConfig newModel) {
    return new TuttiConfig(
        source,
        formatVersion,
        name,
        data,
        tasks,
        scenarios,
        features,
        sequences,
        newModel,
        training);
  }

  /** This config with another training section. */
  public TuttiConfig withTraining(TrainingConfig newTraining) {
    return new TuttiConfig(
        source,
        formatVersion,
        name,
        data,
        tasks,
        scenarios,
        features,
        sequences,
        model,
        newTraining);
  }

  private static <T> String ids(List<T> items, java.util.function.Function<T, String> id) {
    return items.stream().map(id).collect(Collectors.joining(", ", "[", "]"));
  }
}
