package io.tutti.data;

import io.tutti.config.ScenarioConfig;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts what {@code tutti data describe} shows, once, at the end of a compile. */
final class DescriptionBuilder {
  private DescriptionBuilder() {}

  static DatasetDescription describe(
      TuttiConfig config,
      SampleSink sink,
      byte[] splits,
      byte[] activity,
      int samples,
      long rows,
      long rejects,
      boolean hasTimestamps) {
    int scenarioCount = config.scenarios().size();
    byte[] scenarios = sink.scenarios();
    long[] userKeys = sink.userKeys();
    long[] times = sink.times();

    long[] perScenario = new long[scenarioCount];
    long[][] levels = new long[scenarioCount][ActivityLevels.MAX_LEVEL + 1];
    long[][] splitSizes = new long[scenarioCount][Split.values().length];
    long[] totalSplits = new long[Split.values().length];
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < samples; i++) {
      int s = scenarios[i];
      perScenario[s]++;
      levels[s][activity[i]]++;
      splitSizes[s][splits[i]]++;
      totalSplits[splits[i]]++;
      first = Math.min(first, times[i]);
      last = Math.max(last, times[i]);
    }

    Map<String, DatasetDescription.ScenarioDescription> described = new LinkedHashMap<>();
    for (int s = 0; s < scenarioCount; s++) {
      ScenarioConfig scenario = config.scenarios().get(s);
      Map<String, Long> positives = new LinkedHashMap<>();
      for (int t = 0; t < config.tasks().size(); t++) {
        String task = config.tasks().get(t).id();
        if (scenario.hasTask(task)) {
          positives.put(task, sink.positives()[s][t]);
        }
      }
      List<Long> histogram = new ArrayList<>();
      for (long count : levels[s]) {
        histogram.add(count);
      }
      described.put(
          scenario.id(),
          new DatasetDescription.ScenarioDescription(
              perScenario[s],
              distinctUsers(userKeys, scenarios, samples, s, (int) perScenario[s]),
              positives,
              histogram,
              DatasetCompiler.splitMap(splitSizes[s])));
    }
    return new DatasetDescription(
        described,
        DatasetCompiler.splitMap(totalSplits),
        samples,
        rows,
        rejects,
        hasTimestamps,
        first,
        last);
  }

  private static long distinctUsers(
      long[] userKeys, byte[] scenarios, int samples, int scenario, int count) {
    long[] keys = new long[count];
    int k = 0;
    for (int i = 0; i < samples; i++) {
      if (scenarios[i] == scenario) {
        keys[k++] = userKeys[i];
      }
    }
    Arrays.sort(keys);
    long distinct = 0;
    for (int i = 0; i < count; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }
}
