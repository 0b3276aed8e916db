package io.tutti.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.ConfigLoader;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.FeatureEncoder;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated world through the data layer: its config loads, it compiles, sequences are cut. */
class SimulatedDatasetTest {
  @TempDir static Path temp;

  static Simulator.Result result;
  static TuttiConfig config;

  @BeforeAll
  static void simulateAndCompile() {
    result = Simulator.simulate(WorldSettings.tiny(11, 150), temp.resolve("world"), 2);
    config = ConfigLoader.load(temp.resolve("world/tutti.yaml"));
    Datasets.compile(config, null, temp.resolve("compiled"), false);
  }

  @Test
  void writtenConfigLoadsAndCompilesToTheSimulatedCounts() {
    assertEquals(
        List.of("play", "complete", "like", "share", "click", "collect"),
        config.tasks().stream().map(t -> t.id()).toList());
    assertEquals(6, config.data().oracleColumns().size());
    try (Dataset dataset = Datasets.open(temp.resolve("compiled"), config)) {
      assertEquals(result.totalSamples(), dataset.size());
      assertEquals(0, dataset.provenance().rejects());
      assertEquals(result.plays(), dataset.provenance().behaviourEvents());
      result
          .samples()
          .forEach(
              (scenario, samples) ->
                  assertEquals(
                      samples,
                      dataset.description().scenarios().get(scenario).samples(),
                      scenario));
      // The split is by time: no test sample is earlier than a training sample.
      assertTrue(dataset.size(Split.TEST) > 0);
      assertTrue(latest(dataset, Split.TRAIN) <= earliest(dataset, Split.TEST));
    }
  }

  @Test
  void parquetWorldIsDeterministicAndCompilesToTheSameDataset() {
    WorldSettings settings = WorldSettings.tiny(11, 150);
    Simulator.simulate(settings, temp.resolve("parquet-1"), 1, OutputFormat.PARQUET);
    Simulator.simulate(settings, temp.resolve("parquet-2"), 2, OutputFormat.PARQUET);
    Map<String, byte[]> one = SimFixtures.files(temp.resolve("parquet-1"));
    Map<String, byte[]> two = SimFixtures.files(temp.resolve("parquet-2"));
    assertEquals(one.keySet(), two.keySet());
    assertTrue(one.containsKey("samples/part-00000.parquet"), one.keySet().toString());
    assertTrue(one.keySet().stream().noneMatch(f -> f.endsWith(".csv")), one.keySet().toString());
    one.forEach((file, bytes) -> assertArrayEquals(bytes, two.get(file), file));

    TuttiConfig parquet = ConfigLoader.load(temp.resolve("parquet-1/tutti.yaml"));
    assertEquals("parquet", parquet.data().format());
    Datasets.compile(parquet, null, temp.resolve("compiled-parquet"), false);
    try (Dataset fromParquet = Datasets.open(temp.resolve("compiled-parquet"), parquet);
        Dataset fromCsv = Datasets.open(temp.resolve("compiled"), config)) {
      assertEquals(fromCsv.description(), fromParquet.description());
      assertEquals(
          fromCsv.provenance().behaviourEvents(), fromParquet.provenance().behaviourEvents());
      Batch csvBatch = fromCsv.newBatch(4096);
      Batch parquetBatch = fromParquet.newBatch(4096);
      try (BatchStream a = fromCsv.stream(Split.TRAIN, StreamOptions.sequential(4096));
          BatchStream b = fromParquet.stream(Split.TRAIN, StreamOptions.sequential(4096))) {
        a.next(csvBatch);
        b.next(parquetBatch);
      }
      assertArrayEquals(csvBatch.categorical, parquetBatch.categorical);
      assertArrayEquals(csvBatch.numeric, parquetBatch.numeric);
      assertArrayEquals(csvBatch.oracle, parquetBatch.oracle);
      assertArrayEquals(csvBatch.sequences[0], parquetBatch.sequences[0]);
    }
  }

  @Test
  void sequencesHoldThePlaysStrictlyBeforeEachSampleNewestFirst() {
    // The play log read back: per user key, (time, item) newest first.
    Map<Long, List<String[]>> plays = new HashMap<>();
    for (Map<String, String> row : SimFixtures.rows(temp.resolve("world/plays"))) {
      plays
          .computeIfAbsent(FeatureEncoder.key(row.get("user_id")), k -> new ArrayList<>())
          .add(new String[] {row.get("ts"), row.get("item_id")});
    }
    plays.values().forEach(l -> l.sort(Comparator.comparingLong(p -> -Long.parseLong(p[0]))));

    try (Dataset dataset = Datasets.open(temp.resolve("compiled"), config)) {
      FeatureEncoder encoder = dataset.encoder();
      Batch batch = dataset.newBatch(256);
      long checked = 0;
      long withHistory = 0;
      try (BatchStream stream = dataset.stream(Split.TRAIN, StreamOptions.sequential(256))) {
        while (stream.next(batch)) {
          for (int row = 0; row < batch.size; row++) {
            long time = batch.timestamp[row];
            List<String[]> history = plays.getOrDefault(batch.userKey[row], List.of());
            List<String[]> before =
                history.stream().filter(p -> Long.parseLong(p[0]) < time).toList();
            for (int q = 0; q < config.sequences().size(); q++) {
              SequenceConfig sequence = config.sequences().get(q);
              int max = sequence.maxLength();
              int length = batch.sequenceLengths[q][row];
              assertEquals(Math.min(max, before.size()), length, "sample at " + time);
              if (length > 0
                  && (before.size() == 1 || !before.get(0)[0].equals(before.get(1)[0]))) {
                assertEquals(
                    encoder.sequenceValue(sequence, before.get(0)[1]),
                    batch.sequences[q][row * max],
                    "the most recent play comes first");
              }
            }
            withHistory += before.isEmpty() ? 0 : 1;
            checked++;
          }
        }
      }
      assertTrue(checked > 1000, "checked " + checked);
      assertTrue(withHistory > checked / 2, withHistory + " of " + checked + " have a history");
    }
  }

  @Test
  void reusedBatchesPadEverySequencePastItsLengthWithZeros() {
    // Shuffled, a row's next sample often has a shorter history than its previous one: what the
    // longer one left behind must be cleared.
    try (Dataset dataset = Datasets.open(temp.resolve("compiled"), config)) {
      Batch batch = dataset.newBatch(32);
      long shorterThanBefore = 0;
      int[][] previous = new int[config.sequences().size()][32];
      try (BatchStream stream =
          dataset.stream(Split.TRAIN, StreamOptions.training(32, 3, 0, null))) {
        while (stream.next(batch)) {
          for (int q = 0; q < config.sequences().size(); q++) {
            int max = config.sequences().get(q).maxLength();
            for (int row = 0; row < batch.size; row++) {
              int length = batch.sequenceLengths[q][row];
              for (int i = 0; i < max; i++) {
                int value = batch.sequences[q][row * max + i];
                assertEquals(i < length, value != 0, "row " + row + ", position " + i);
              }
              shorterThanBefore += length < previous[q][row] ? 1 : 0;
              previous[q][row] = length;
            }
          }
        }
      }
      assertTrue(shorterThanBefore > 100, "rows that got shorter: " + shorterThanBefore);
    }
  }

  @Test
  void oracleOfEveryRowIsTheRebuiltWorldsTrueProbability() {
    MusicWorld world = MusicWorld.load(temp.resolve("world"));
    assertEquals(WorldSettings.tiny(11, 150), world.settings());

    for (Map<String, String> row : SimFixtures.rows(temp.resolve("world/samples"))) {
      Surface surface = Surface.byId(row.get("scenario"));
      int user = Integer.parseInt(row.get("user_id").substring(1));
      int item = Integer.parseInt(row.get("item_id").substring(1));
      Moment moment = SimFixtures.moment(row);
      // The API's raw features are the row's values, labels and oracles aside.
      Map<String, Object> features = world.features(user, surface, item, moment);
      for (Map.Entry<String, String> column : row.entrySet()) {
        String name = column.getKey();
        boolean answer = Surface.ALL_TASKS.contains(name) || name.startsWith("oracle_");
        Object value = features.get(name);
        if (answer || column.getValue().isEmpty()) {
          assertEquals(null, value, name);
        } else if (value instanceof Double number) {
          assertEquals(Double.parseDouble(column.getValue()), number, 1e-12, name);
        } else {
          assertEquals(column.getValue(), String.valueOf(value), name);
        }
      }

      double[] truth = world.trueProbabilities(user, surface, item, moment);
      for (int k = 0; k < truth.length; k++) {
        double written = Double.parseDouble(row.get("oracle_" + surface.tasks().get(k)));
        assertEquals(written, truth[k], 5.1e-7, row.toString());
      }
    }
  }

  @Test
  void playsOfAUserAreTheRowsOfThePlayLog() {
    MusicWorld world = MusicWorld.load(temp.resolve("world"));
    Map<String, List<Play>> logged = new HashMap<>();
    for (Map<String, String> row : SimFixtures.rows(temp.resolve("world/plays"))) {
      logged
          .computeIfAbsent(row.get("user_id"), k -> new ArrayList<>())
          .add(new Play(Long.parseLong(row.get("ts")), row.get("item_id")));
    }
    for (int user : new int[] {0, 1, 77, 149}) {
      List<Play> expected = new ArrayList<>(logged.getOrDefault("u" + user, List.of()));
      expected.sort(Comparator.comparingLong(Play::time));
      List<Play> plays = world.plays(user);
      // Plays at the same second may come in another order: compare as sorted multisets.
      assertEquals(expected.size(), plays.size(), "user " + user);
      assertEquals(sortedText(expected), sortedText(plays), "user " + user);
    }
  }

  @Test
  void worldFeaturesAndPlaysEncodeToTheCompiledModelInput() {
    // What an A/B test builds for a candidate from the API must be what training read.
    MusicWorld world = MusicWorld.load(temp.resolve("world"));
    List<Map<String, String>> rows = SimFixtures.rows(temp.resolve("world/samples"));
    try (Dataset dataset = Datasets.open(temp.resolve("compiled"), config)) {
      FeatureEncoder encoder = dataset.encoder();
      Batch compiled = dataset.newBatch(64);
      try (BatchStream stream = dataset.stream(Split.TEST, StreamOptions.sequential(64))) {
        stream.next(compiled);
      }
      Batch encoded = encoder.newBatch(compiled.size);
      for (int r = 0; r < compiled.size; r++) {
        Map<String, String> row = rows.get((int) compiled.sampleIndex[r]);
        Surface surface = Surface.byId(row.get("scenario"));
        int user = Integer.parseInt(row.get("user_id").substring(1));
        int item = Integer.parseInt(row.get("item_id").substring(1));
        long time = Long.parseLong(row.get("ts"));
        Moment moment = SimFixtures.moment(row);
        List<String> history =
            world.plays(user).stream()
                .filter(p -> p.time() < time)
                .sorted(Comparator.comparingLong(Play::time).reversed())
                .map(Play::itemId)
                .toList();
        Map<String, List<String>> sequences = new HashMap<>();
        for (SequenceConfig sequence : config.sequences()) {
          sequences.put(sequence.id(), history);
        }
        encoder.encode(world.features(user, surface, item, moment), sequences, encoded, r);
      }
      int categorical = compiled.categorical.length / 64;
      assertArrayEquals(
          java.util.Arrays.copyOf(compiled.categorical, compiled.size * categorical),
          java.util.Arrays.copyOf(encoded.categorical, compiled.size * categorical));
      int numeric = compiled.numeric.length / 64;
      assertArrayEquals(
          java.util.Arrays.copyOf(compiled.numeric, compiled.size * numeric),
          java.util.Arrays.copyOf(encoded.numeric, compiled.size * numeric));
      for (int s = 0; s < compiled.privateNumeric.length; s++) {
        int width = compiled.privateNumeric[s].length / 64;
        assertArrayEquals(
            java.util.Arrays.copyOf(compiled.privateNumeric[s], compiled.size * width),
            java.util.Arrays.copyOf(encoded.privateNumeric[s], compiled.size * width));
        width = compiled.privateCategorical[s].length / 64;
        assertArrayEquals(
            java.util.Arrays.copyOf(compiled.privateCategorical[s], compiled.size * width),
            java.util.Arrays.copyOf(encoded.privateCategorical[s], compiled.size * width));
      }
      for (int q = 0; q < config.sequences().size(); q++) {
        int max = config.sequences().get(q).maxLength();
        assertArrayEquals(
            java.util.Arrays.copyOf(compiled.sequences[q], compiled.size * max),
            java.util.Arrays.copyOf(encoded.sequences[q], compiled.size * max),
            config.sequences().get(q).id());
      }
    }
  }

  private static List<String> sortedText(List<Play> plays) {
    return plays.stream().map(p -> p.time() + " " + p.itemId()).sorted().toList();
  }

  private static long latest(Dataset dataset, Split split) {
    return times(dataset, split).stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  private static long earliest(Dataset dataset, Split split) {
    return times(dataset, split).stream().mapToLong(Long::longValue).min().orElseThrow();
  }

  private static List<Long> times(Dataset dataset, Split split) {
    List<Long> times = new ArrayList<>();
    Batch batch = dataset.newBatch(512);
    try (BatchStream stream = dataset.stream(split, StreamOptions.sequential(512))) {
      while (stream.next(batch)) {
        for (int row = 0; row < batch.size; row++) {
          times.add(batch.timestamp[row]);
        }
      }
    }
    return times;
  }
}
