package io.tutti.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityLevelsTest {
  @TempDir Path temp;

  /**
   * The shape of the Douban sample: each user's samples share one coarse time bin, so none has an
   * earlier sample and every level is 0; a sample in a later bin counts the earlier ones.
   */
  @Test
  void compilerCountsEarlierSamplesWithoutALogAndNotThoseOfTheSameBin() throws IOException {
    Files.writeString(
        temp.resolve("samples.csv"),
        """
        user_id,item_id,domain,time_bin,rating
        u1,i1,movie,27,1
        u1,i2,movie,27,0
        u1,i3,book,27,1
        u2,i1,movie,33,1
        u2,i4,movie,33,1
        u1,i4,movie,28,0
        """);
    Files.writeString(
        temp.resolve("tutti.yaml"),
        """
        format_version: 1
        data:
          samples: samples.csv
          user_column: user_id
          item_column: item_id
          scenario_column: domain
          timestamp_column: time_bin
        tasks: [{id: rating}]
        scenarios: [{id: movie, tasks: [rating]}, {id: book, tasks: [rating]}]
        features:
          item: [{name: item_id, type: categorical, buckets: 64}]
        """);
    TuttiConfig config = ConfigLoader.load(temp.resolve("tutti.yaml"));

    Datasets.compile(config, null, temp.resolve("compiled"), false);

    try (Dataset dataset = Datasets.open(temp.resolve("compiled"), config)) {
      // Movie: u1's two bin-27 samples and u2's two have nothing earlier (level 0); u1's bin-28
      // sample has 3 earlier samples, of both scenarios (level 2).
      List<Long> movie = dataset.description().scenarios().get("movie").activityLevels();
      assertEquals(4L, movie.get(0));
      assertEquals(1L, movie.get(ActivityLevels.level(3)));
      assertEquals(1L, dataset.description().scenarios().get("book").activityLevels().get(0));
    }
  }

  @Test
  void levelIsTheFloorOfLog2OfOnePlusTheCountClippedAtTen() {
    assertEquals(0, ActivityLevels.level(0));
    assertEquals(1, ActivityLevels.level(1));
    assertEquals(1, ActivityLevels.level(2));
    assertEquals(2, ActivityLevels.level(3));
    assertEquals(3, ActivityLevels.level(7));
    assertEquals(9, ActivityLevels.level(1022));
    assertEquals(10, ActivityLevels.level(1023));
    assertEquals(10, ActivityLevels.level(1_000_000));
  }

  @Test
  void fromSamplesCountsTheUsersEarlierSamplesInTheWindow() {
    // User 1 at times 10, 20, 30, 100 (window 50); user 2 at 15 and 25, rows interleaved.
    long[] users = {1, 2, 1, 1, 2, 1};
    long[] times = {10, 15, 20, 30, 25, 100};

    byte[] levels = ActivityLevels.fromSamples(users, times, 6, 50);

    // Earlier samples in [t - 50, t): user 1 has 0, 1, 2 and 0 (10, 20, 30 are out of the window
    // of 100); user 2 has 0 and 1.
    byte one = ActivityLevels.level(1);
    byte two = ActivityLevels.level(2);
    assertArrayEquals(new byte[] {0, 0, one, two, one, 0}, levels);
  }

  @Test
  void fromSamplesDoesNotCountSamplesAtTheSameMoment() {
    // Four samples of one user at one time and one later: the first four have nothing before.
    long[] users = {7, 7, 7, 7, 7};
    long[] times = {5, 5, 5, 5, 6};

    byte[] levels = ActivityLevels.fromSamples(users, times, 5, Long.MAX_VALUE);

    assertArrayEquals(new byte[] {0, 0, 0, 0, ActivityLevels.level(4)}, levels);
  }

  @Test
  void withoutTimestampsRowOrderCountsEveryEarlierRowOfTheUser() {
    // Row numbers stand in for time and the window is unbounded.
    long[] users = {3, 3, 4, 3, 3, 3};
    long[] rows = {0, 1, 2, 3, 4, 5};

    byte[] levels = ActivityLevels.fromSamples(users, rows, 6, Long.MAX_VALUE);

    // User 3's rows have 0, 1, 2, 3 and 4 earlier rows: levels 0, 1, 1, 2, 2.
    assertArrayEquals(new byte[] {0, 1, 0, 1, 2, 2}, levels);
  }
}
