package io.tutti.data;

import java.util.List;
import java.util.Map;

/**
 * What {@code tutti data describe} reports of a compiled dataset: per scenario its samples, users,
 * positives per task, activity levels and split sizes; overall the splits, time range and rejects.
 * Computed once at compile time and saved in the manifest.
 *
 * @param scenarios per scenario id, in config order
 * @param splits samples per split id
 * @param samples samples kept
 * @param rows rows read
 * @param rejects rows rejected
 * @param hasTimestamps whether the time range is in epoch seconds (else row numbers)
 * @param firstTimestamp the earliest sample time
 * @param lastTimestamp the latest sample time
 */
public record DatasetDescription(
    Map<String, ScenarioDescription> scenarios,
    Map<String, Long> splits,
    long samples,
    long rows,
    long rejects,
    boolean hasTimestamps,
    long firstTimestamp,
    long lastTimestamp) {

  /**
   * One scenario's share of the dataset.
   *
   * @param samples its samples
   * @param users distinct users among them
   * @param positives positive labels per task of the scenario
   * @param activityLevels samples per activity level, {@code [11]}, level 0 first
   * @param splits its samples per split id
   */
  public record ScenarioDescription(
      long samples,
      long users,
      Map<String, Long> positives,
      List<Long> activityLevels,
      Map<String, Long> splits) {}
}
