package io.tutti.data;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A world small enough to check by hand: two users, two scenarios, three tasks, a behaviour log.
 *
 * <p>Scenario {@code daily} (value {@code d}) has play and like, {@code stream} (value {@code s})
 * has click and play. Samples, in file order (row: user, item, scenario, time):
 *
 * <pre>
 *   0: u1 i1 d 1000    play 1 like 0            oracle_play 0.7
 *   1: u1 i2 d 2000    play 0 like 1  click 1   (click is not a daily task: absent)
 *   2: u2 i1 s 1500    play 1         click 0   oracle_play 0.2
 *   3: u2 i3 s 3000    play 0         click 1
 *   4: u1 i3 s 4000    play 1         click     (click missing: absent)
 * </pre>
 *
 * <p>The behaviour log: u1 plays i9 at 500, i8 at 900, i7 at 1000, i6 at 1900; u2 plays i5 at 100.
 * The log's times are seconds, the activity window is 1 day.
 */
final class DataFixtures {
  static final String CONFIG =
      """
      format_version: 1
      name: fixture
      data:
        samples: samples.csv
        user_column: user_id
        item_column: item_id
        scenario_column: scenario
        timestamp_column: ts
        oracle_columns: {play: oracle_play}
        behaviour: {path: plays.csv}
        split: {by: time, validation_fraction: 0.2, test_fraction: 0.2}
        activity: {window_days: 1}
      tasks: [{id: play}, {id: like}, {id: click}]
      scenarios:
        - id: daily
          source_value: d
          tasks: [play, like]
          private_features: [{name: slot, type: numeric, normalization: none}]
        - {id: stream, source_value: s, tasks: [click, play]}
      features:
        user: [{name: age, type: numeric}]
        item:
          - {name: item_id, type: categorical, buckets: 1000}
          - {name: tags, type: multi_categorical, buckets: 50, max_values: 2}
        context: [{name: genre, type: categorical, vocabulary: [rock, pop]}]
      sequences:
        - {id: long, feature: item_id, max_length: 3}
        - {id: short, feature: item_id, max_length: 1}
      """;

  static final String SAMPLES =
      """
      user_id,item_id,scenario,ts,play,like,click,oracle_play,age,tags,genre,slot
      u1,i1,d,1000,1,0,,0.7,20,a|b,rock,5
      u1,i2,d,2000,0,1,1,,30,b,pop,6
      u2,i1,s,1500,1,,0,0.2,,a|b|c,jazz,7
      u2,i3,s,3000,0,,1,,40,,rock,
      u1,i3,s,4000,1,,,,50,c,pop,
      """;

  static final String PLAYS =
      """
      user_id,item_id,ts
      u1,i9,500
      u1,i7,1000
      u1,i8,900
      u2,i5,100
      u1,i6,1900
      """;

  private DataFixtures() {}

  /** Writes the world into {@code directory} and loads its config. */
  static TuttiConfig write(Path directory) {
    return write(directory, CONFIG, SAMPLES, PLAYS);
  }

  /** Writes a world with the given texts into {@code directory} and loads its config. */
  static TuttiConfig write(Path directory, String config, String samples, String plays) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("tutti.yaml"), config);
      Files.writeString(directory.resolve("samples.csv"), samples);
      if (plays != null) {
        Files.writeString(directory.resolve("plays.csv"), plays);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ConfigLoader.load(directory.resolve("tutti.yaml"));
  }

  /** Reads every sample of a split in order into one batch. */
  static Batch readAll(Dataset dataset, Split split) {
    Batch batch = dataset.newBatch(64);
    try (BatchStream stream = dataset.stream(split, StreamOptions.sequential(64))) {
      stream.next(batch);
    }
    return batch;
  }
}
