package io.tutti.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import io.tutti.config.FeatureConfig;
import io.tutti.config.TuttiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCompilerTest {
  @TempDir Path temp;

  private Dataset compileFixture() {
    TuttiConfig config = DataFixtures.write(temp.resolve("world"));
    Datasets.compile(config, null, temp.resolve("compiled"), false);
    return Datasets.open(temp.resolve("compiled"), config);
  }

  @Test
  void timeSplitCutsOnTimestampsByFraction() {
    try (Dataset dataset = compileFixture()) {
      // Times 1000, 1500, 2000 | 3000 | 4000: the last 20 % is test, the 20 % before validation.
      assertEquals(3, dataset.size(Split.TRAIN));
      assertEquals(1, dataset.size(Split.VALIDATION));
      assertEquals(1, dataset.size(Split.TEST));
      assertEquals(2, dataset.size(Split.TRAIN, 0));
      assertEquals(1, dataset.size(Split.TRAIN, 1));
      assertArrayEquals(
          new long[] {0, 1, 2},
          Arrays.copyOf(DataFixtures.readAll(dataset, Split.TRAIN).sampleIndex, 3));
      assertEquals(3, DataFixtures.readAll(dataset, Split.VALIDATION).sampleIndex[0]);
      assertEquals(4, DataFixtures.readAll(dataset, Split.TEST).sampleIndex[0]);
    }
  }

  @Test
  void labelsOfAbsentTasksAreMaskedAndOracleIsNanWhereUnknown() {
    try (Dataset dataset = compileFixture()) {
      Batch train = DataFixtures.readAll(dataset, Split.TRAIN);
      // Tasks [play, like, click]; sample 1 has click=1 in its row but daily has no click task.
      assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 1, 0, 0}, Arrays.copyOf(train.labels, 9));
      assertArrayEquals(new float[] {1, 1, 0, 1, 1, 0, 1, 0, 1}, Arrays.copyOf(train.labelMask, 9));
      assertEquals(0.7f, train.oracle[0]);
      assertTrue(Float.isNaN(train.oracle[1]));
      assertTrue(Float.isNaN(train.oracle[3]));
      assertEquals(0.2f, train.oracle[6]);
      assertArrayEquals(new int[] {0, 0, 1}, Arrays.copyOf(train.scenario, 3));
      assertArrayEquals(new float[] {1, 1, 1}, Arrays.copyOf(train.weight, 3));
      assertArrayEquals(new long[] {1000, 2000, 1500}, Arrays.copyOf(train.timestamp, 3));
      assertEquals(FeatureEncoder.key("u1"), train.userKey[0]);
      assertEquals(FeatureEncoder.key("i2"), train.itemKey[1]);

      // The test sample (u1, stream) has no click value: its click is absent, play is kept.
      Batch test = DataFixtures.readAll(dataset, Split.TEST);
      assertArrayEquals(new float[] {1, 0, 0}, Arrays.copyOf(test.labelMask, 3));
    }
  }

  @Test
  void featuresAreEncodedAndNormalisedWithTrainingStatistics() {
    try (Dataset dataset = compileFixture()) {
      Batch train = DataFixtures.readAll(dataset, Split.TRAIN);
      FeatureEncoder encoder = dataset.encoder();
      TuttiConfig config = dataset.config();
      FeatureConfig item = config.feature("item_id").orElseThrow();
      FeatureConfig tags = config.feature("tags").orElseThrow();

      // Categorical order: item_id, genre. Vocabulary [rock, pop]; jazz is out of vocabulary.
      assertArrayEquals(
          new int[] {
            encoder.categorical(item, "i1"), 1,
            encoder.categorical(item, "i2"), 2,
            encoder.categorical(item, "i1"), 0
          },
          Arrays.copyOf(train.categorical, 6));
      assertTrue(train.categorical[0] >= 1 && train.categorical[0] <= 1000);

      // Age over the training split: 20, 30 and one missing, so mean 25 and std 5.
      assertEquals(new NumericStatistics(2, 25, 5, 20, 30), encoder.statistics().get("age"));
      assertArrayEquals(new float[] {-1, 1, 0}, Arrays.copyOf(train.numeric, 3));

      // Tags keep the first two values; a|b|c loses c.
      int a = encoder.categorical(tags, "a");
      int b = encoder.categorical(tags, "b");
      assertArrayEquals(new int[] {a, b, b, 0, a, b}, Arrays.copyOf(train.multiCategorical[0], 6));

      // The daily private slot is read on daily rows and zero on the stream row.
      assertArrayEquals(new float[] {5, 6, 0}, Arrays.copyOf(train.privateNumeric[0], 3));
      assertEquals(0, train.privateNumeric[1].length);
    }
  }

  @Test
  void sequencesHoldOnlyEventsStrictlyBeforeTheSampleMostRecentFirst() {
    try (Dataset dataset = compileFixture()) {
      Batch train = DataFixtures.readAll(dataset, Split.TRAIN);
      FeatureConfig item = dataset.config().feature("item_id").orElseThrow();
      FeatureEncoder encoder = dataset.encoder();
      int i5 = encoder.categorical(item, "i5");
      int i6 = encoder.categorical(item, "i6");
      int i7 = encoder.categorical(item, "i7");
      int i8 = encoder.categorical(item, "i8");
      int i9 = encoder.categorical(item, "i9");

      // u1 at 1000: i7 at 1000 is not before; i8 (900), i9 (500). u1 at 2000: the last three.
      // u2 at 1500: i5 only. Long keeps 3, short 1.
      assertArrayEquals(
          new int[] {i8, i9, 0, i6, i7, i8, i5, 0, 0}, Arrays.copyOf(train.sequences[0], 9));
      assertArrayEquals(new int[] {2, 3, 1}, Arrays.copyOf(train.sequenceLengths[0], 3));
      assertArrayEquals(new int[] {i8, i6, i5}, Arrays.copyOf(train.sequences[1], 3));
      assertArrayEquals(new int[] {1, 1, 1}, Arrays.copyOf(train.sequenceLengths[1], 3));
    }
  }

  @Test
  void activityLevelCountsLogEventsInTheWindowBeforeTheSample() {
    try (Dataset dataset = compileFixture()) {
      Batch train = DataFixtures.readAll(dataset, Split.TRAIN);
      // Events in the day before: 2 -> level 1, 4 -> level floor(log2 5) = 2, 1 -> level 1.
      assertArrayEquals(new byte[] {1, 2, 1}, Arrays.copyOf(train.activity, 3));
      DatasetDescription description = dataset.description();
      assertEquals(
          List.of(0L, 1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
          description.scenarios().get("daily").activityLevels());
    }
  }

  @Test
  void descriptionCountsSamplesUsersAndPositivesPerScenario() {
    try (Dataset dataset = compileFixture()) {
      DatasetDescription description = dataset.description();
      var daily = description.scenarios().get("daily");
      var stream = description.scenarios().get("stream");
      assertEquals(2, daily.samples());
      assertEquals(1, daily.users());
      assertEquals(java.util.Map.of("play", 1L, "like", 1L), daily.positives());
      assertEquals(3, stream.samples());
      assertEquals(2, stream.users());
      assertEquals(java.util.Map.of("click", 1L, "play", 2L), stream.positives());
      assertEquals(1000, description.firstTimestamp());
      assertEquals(4000, description.lastTimestamp());
      Provenance provenance = dataset.provenance();
      assertEquals(5, provenance.rows());
      assertEquals(5, provenance.behaviourEvents());
      assertEquals(0, provenance.rejects());
      assertEquals(1, provenance.files().size());
      assertEquals(5, provenance.files().get(0).rows());
    }
  }

  @Test
  void badLabelIsAnErrorNamingFileRowColumnAndValue() {
    TuttiConfig config =
        badWorld("u1,i1,d,1000,1,0,,0.7,20,a|b,rock,5", "u1,i1,d,1000,2,0,,,20,a,rock,5");
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> Datasets.compile(config, null, temp.resolve("compiled"), false));
    String message = error.getMessage();
    assertTrue(
        message.contains("samples.csv, row 1: column 'play': value '2' is not a label"), message);
    assertTrue(message.contains("accepted: 0, 1, true, false"), message);
    assertTrue(message.contains("--skip-bad-rows"), message);
  }

  @Test
  void nonNumericNumericIsAnError() {
    TuttiConfig config =
        badWorld("u1,i1,d,1000,1,0,,0.7,20,a|b,rock,5", "u1,i1,d,1000,1,0,,,old,a,rock,5");
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> Datasets.compile(config, null, temp.resolve("compiled"), false));
    assertTrue(
        error.getMessage().contains("row 1: column 'age': value 'old' is not a number"),
        error.getMessage());
  }

  @Test
  void unknownScenarioIsAnErrorListingTheKnownValues() {
    TuttiConfig config =
        badWorld("u1,i1,d,1000,1,0,,0.7,20,a|b,rock,5", "u1,i1,x,1000,1,0,,,20,a,rock,5");
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> Datasets.compile(config, null, temp.resolve("compiled"), false));
    assertTrue(
        error
            .getMessage()
            .contains(
                "column 'scenario': value 'x' is not a known scenario value; known: d (daily),"
                    + " s (stream)"),
        error.getMessage());
  }

  @Test
  void missingRequiredColumnIsAnErrorListingTheColumnsPresent() {
    String samples = DataFixtures.SAMPLES.replace(",genre,", ",style,");
    TuttiConfig config =
        DataFixtures.write(temp.resolve("world"), DataFixtures.CONFIG, samples, DataFixtures.PLAYS);
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> Datasets.compile(config, null, temp.resolve("compiled"), false));
    assertTrue(
        error
            .getMessage()
            .contains(
                "has no column 'genre' (feature genre); its columns are"
                    + " [user_id, item_id, scenario, ts, play, like, click, oracle_play, age, tags, style,"
                    + " slot]"),
        error.getMessage());
  }

  @Test
  void failedCompileLeavesNothingThatLooksComplete() throws IOException {
    TuttiConfig config =
        badWorld("u1,i1,d,1000,1,0,,0.7,20,a|b,rock,5", "u1,i1,d,1000,2,0,,,20,a,rock,5");
    Path out = temp.resolve("out").resolve("compiled");
    assertThrows(TuttiException.class, () -> Datasets.compile(config, null, out, false));
    assertFalse(Files.exists(out));
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void skipBadRowsCountsAndListsTheRejects() throws IOException {
    TuttiConfig config =
        badWorld("u1,i1,d,1000,1,0,,0.7,20,a|b,rock,5", "u1,i1,d,1000,2,0,,,20,a,rock,5");
    Path out = temp.resolve("compiled");
    Provenance provenance = Datasets.compile(config, null, out, true);
    assertEquals(1, provenance.rejects());
    assertEquals(5, provenance.samples());
    assertEquals(6, provenance.rows());
    assertEquals("rejects.jsonl", provenance.rejectsFile());
    List<String> rejects = Files.readAllLines(out.resolve("rejects.jsonl"));
    assertEquals(1, rejects.size());
    assertTrue(
        rejects
            .get(0)
            .contains(
                "\"file\":\"samples.csv\",\"row\":1,\"column\":\"play\"," + "\"value\":\"2\""),
        rejects.get(0));
    try (Dataset dataset = Datasets.open(out, config)) {
      assertEquals(1, dataset.description().rejects());
    }
  }

  @Test
  void behaviourRowsAreCheckedToo() {
    String plays = DataFixtures.PLAYS + "u2,i4,yesterday\n";
    TuttiConfig config =
        DataFixtures.write(temp.resolve("world"), DataFixtures.CONFIG, DataFixtures.SAMPLES, plays);
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> Datasets.compile(config, null, temp.resolve("compiled"), false));
    assertTrue(
        error
            .getMessage()
            .contains("plays.csv, row 6: column 'ts': value 'yesterday' is" + " not a timestamp"),
        error.getMessage());
    Provenance provenance = Datasets.compile(config, null, temp.resolve("compiled"), true);
    assertEquals(1, provenance.behaviourRejects());
    assertEquals(5, provenance.behaviourEvents());
  }

  @Test
  void openingWithAnotherConfigIsRefused() {
    compileFixture().close();
    TuttiConfig other =
        DataFixtures.write(
            temp.resolve("other"),
            DataFixtures.CONFIG.replace("buckets: 1000", "buckets: 999"),
            DataFixtures.SAMPLES,
            DataFixtures.PLAYS);
    TuttiException error =
        assertThrows(TuttiException.class, () -> Datasets.open(temp.resolve("compiled"), other));
    assertTrue(
        error.getMessage().contains("was compiled from another configuration"), error.getMessage());
  }

  /** The fixture world with one more sample row placed first. */
  private TuttiConfig badWorld(String firstGoodRow, String badRow) {
    String samples = DataFixtures.SAMPLES.replace(firstGoodRow, badRow + "\n" + firstGoodRow);
    return DataFixtures.write(
        temp.resolve("world"), DataFixtures.CONFIG, samples, DataFixtures.PLAYS);
  }
}
