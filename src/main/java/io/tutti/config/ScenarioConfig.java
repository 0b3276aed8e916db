package io.tutti.config;

import java.util.List;
import java.util.Map;

/**
 * One recommendation surface: which tasks it has, which features only it has, and how its samples
 * are mixed into training.
 *
 * @param id unique, {@code [a-z][a-z0-9_]*}
 * @param sourceValue the value of the scenario column that marks its rows (default: the id)
 * @param itemType free text: song, playlist, podcast ...
 * @param tasks its tasks, each a declared task id, in declaration order
 * @param mainTask the task it is judged by (default: the first of its tasks)
 * @param samplingRate in (0, 1]: the share of its negative training samples kept when mixing (a
 *     sample with any positive label is always kept); a kept negative weighs 1/rate in the loss
 * @param lossWeights per-task loss weight, every task of the scenario present (defaults filled)
 * @param scoreWeights serving: combined score = sum of weight x probability, every task present
 *     (default: 1 for the main task, 0 for the others)
 * @param privateFeatures features only this scenario has; they never feed the public network
 */
public record ScenarioConfig(
    String id,
    String sourceValue,
    String itemType,
    List<String> tasks,
    String mainTask,
    double samplingRate,
    Map<String, Double> lossWeights,
    Map<String, Double> scoreWeights,
    List<FeatureConfig> privateFeatures) {

  public ScenarioConfig {
    tasks = List.copyOf(tasks);
    lossWeights = Map.copyOf(lossWeights);
    scoreWeights = Map.copyOf(scoreWeights);
    privateFeatures = List.copyOf(privateFeatures);
  }

  /** Whether {@code task} is one of this scenario's tasks. */
  public boolean hasTask(String task) {
    return tasks.contains(task);
  }
}
