package io.tutti.config;

import static io.tutti.config.ConfigFixtures.DATA;
import static io.tutti.config.ConfigFixtures.PLAY_DAILY;
import static io.tutti.config.ConfigFixtures.assertReported;
import static io.tutti.config.ConfigFixtures.errorCount;
import static io.tutti.config.ConfigFixtures.errors;
import static io.tutti.config.ConfigFixtures.load;
import static io.tutti.config.ConfigFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void smallestConfigGetsEveryDocumentedDefault() throws IOException {
    TuttiConfig config = load(Files.createDirectories(dir.resolve("world")), DATA + PLAY_DAILY);

    assertEquals("world", config.name(), "default name: the file's directory");
    assertEquals(TuttiConfig.FORMAT_VERSION, config.formatVersion());
    DataConfig data = config.data();
    assertNull(data.samples());
    assertEquals("auto", data.format());
    assertNull(data.timestampColumn());
    assertEquals(Map.of(), data.oracleColumns());
    assertNull(data.behaviour());
    assertEquals(new DataConfig.Split("row_order", 0.1, 0.1, null, null, null), data.split());
    assertEquals(new DataConfig.Activity(30, null), data.activity());
    assertEquals(List.of(new TaskConfig("play", "play", 1.0, null)), config.tasks());
    ScenarioConfig daily = config.scenario("daily");
    assertEquals(
        new ScenarioConfig(
            "daily",
            "daily",
            "item",
            List.of("play"),
            "play",
            1.0,
            Map.of("play", 1.0),
            Map.of("play", 1.0),
            List.of()),
        daily);
    assertEquals(new FeaturesConfig(List.of(), List.of(), List.of()), config.features());
    assertEquals(List.of(), config.sequences());
    assertEquals(ModelConfig.defaults(), config.model());
    assertEquals(TrainingConfig.defaults(), config.training());
  }

  @Test
  void splitDefaultsToTimeWhenTheSamplesHaveATimestamp() {
    TuttiConfig config =
        load(
            dir,
            """
            format_version: 1
            data: {user_column: u, item_column: i, scenario_column: s, timestamp_column: ts}
            """
                + PLAY_DAILY);
    assertEquals("time", config.data().split().by());
  }

  @Test
  void scenarioWeightsAreCompletedForEveryTaskOfTheScenario() {
    TuttiConfig config = load(dir, fullWorld());

    // daily overrides like's loss weight and complete's score weight; the rest are defaults.
    ScenarioConfig daily = config.scenario("daily");
    assertEquals(Map.of("play", 1.0, "complete", 1.0, "like", 4.0), daily.lossWeights());
    assertEquals(Map.of("play", 1.0, "complete", 0.5, "like", 0.0), daily.scoreWeights());

    // stream has no overrides: like keeps its task-level 2.5, the main task play scores 1.
    ScenarioConfig stream = config.scenario("stream");
    assertEquals(Map.of("like", 2.5, "play", 1.0), stream.lossWeights());
    assertEquals(Map.of("like", 0.0, "play", 1.0), stream.scoreWeights());
  }

  @Test
  void featureDefaultsComeFromTheModelSection() {
    TuttiConfig config = load(dir, fullWorld());

    FeatureConfig userId = config.feature("user_id").orElseThrow();
    assertEquals("user_id", userId.column());
    assertEquals(8, userId.embeddingDim(), "model.embedding_dim");
    assertEquals(100_001, userId.tableRows());
    FeatureConfig age = config.feature("age").orElseThrow();
    assertEquals("101", age.column(), "a numeric column name is read as text");
    assertEquals(Normalization.MIN_MAX, age.normalization());
    FeatureConfig tags = config.feature("tags").orElseThrow();
    assertEquals(";", tags.separator());
    assertEquals(4, tags.maxValues());
    FeatureConfig hour = config.feature("hour").orElseThrow();
    assertEquals(List.of("morning", "day", "evening", "night"), hour.vocabulary());
    assertEquals(5, hour.tableRows());
  }

  @Test
  void sharedEmbeddingTakesTheTableOfItsFeature() {
    TuttiConfig config = load(dir, fullWorld());

    FeatureConfig seedSong = config.feature("seed_song").orElseThrow();
    assertEquals("item_id", seedSong.tableName());
    assertEquals(50_001, seedSong.tableRows());
    assertEquals(32, seedSong.embeddingDim());
  }

  @Test
  void relativePathsResolveAgainstTheFileDirectory() throws IOException {
    Path world = Files.createDirectories(dir.resolve("worlds/one"));
    TuttiConfig config = load(world, fullWorld());

    assertEquals(world.resolve("samples"), config.data().samples());
    assertEquals(dir.resolve("worlds/logs/plays.jsonl"), config.data().behaviour().path());
    assertEquals(world.resolve("tutti.yaml"), config.source());
  }

  @Test
  void absolutePathsAreKept() {
    Path elsewhere = dir.resolveSibling("elsewhere").resolve("plays");
    TuttiConfig config =
        load(
            dir,
            DATA.replace("user_column", "samples: '" + elsewhere + "', user_column") + PLAY_DAILY);
    assertEquals(elsewhere, config.data().samples());
  }

  @Test
  void sequenceColumnDefaultsToTheBehaviourItemColumn() {
    TuttiConfig config = load(dir, fullWorld());

    assertEquals(new SequenceConfig("long", "item_id", "item_id", 1000), config.sequences().get(0));
    assertEquals("artist_id", config.sequence("short").orElseThrow().column());
  }

  @Test
  void toYamlLoadsBackToAnEqualConfig() {
    Path file = write(dir, fullWorld());
    TuttiConfig original = ConfigLoader.load(file);

    String resolved = ConfigLoader.toYaml(original);
    write(dir, resolved);
    TuttiConfig reloaded = ConfigLoader.load(file);

    assertEquals(original, reloaded);
    assertEquals(resolved, ConfigLoader.toYaml(reloaded), "the resolved text is a fixed point");
  }

  @Test
  void toYamlOfASplitByFilesLoadsBackToAnEqualConfig() {
    String yaml =
        DATA.replace(
                "scenario_column: scenario",
                "scenario_column: scenario, split: {by: files, train: 'train-*.csv',"
                    + " validation: 'val-*.csv', test: 'test-*.csv'}")
            + PLAY_DAILY;
    Path file = write(dir, yaml);
    TuttiConfig original = ConfigLoader.load(file);
    assertEquals(
        new DataConfig.Split("files", 0, 0, "train-*.csv", "val-*.csv", "test-*.csv"),
        original.data().split());

    write(dir, ConfigLoader.toYaml(original));
    assertEquals(original, ConfigLoader.load(file));
  }

  @Test
  void toYamlWritesEveryDefaultAndRelativePaths() {
    String resolved = ConfigLoader.toYaml(load(dir, fullWorld()));

    assertTrue(resolved.contains("samples: samples\n"), resolved);
    assertTrue(resolved.contains("path: ../logs/plays.jsonl\n"), resolved);
    assertTrue(resolved.contains("validation_max_samples: 200000\n"), resolved);
    assertTrue(resolved.contains("long_top_k: 64\n"), resolved);
    assertTrue(resolved.contains("label_column: play\n"), resolved);
    // The shared feature is written without the table it takes from item_id.
    String seedSong = resolved.substring(resolved.indexOf("name: seed_song"));
    assertFalse(seedSong.substring(0, seedSong.indexOf("overfit_prone")).contains("buckets"));
  }

  @Test
  void toYamlOfAConfigBuiltInCodeWritesPathsAsGiven() {
    TuttiConfig loaded = load(dir, fullWorld());
    DataConfig data = loaded.data();
    DataConfig relativeData =
        new DataConfig(
            Path.of("some/samples"),
            data.format(),
            data.userColumn(),
            data.itemColumn(),
            data.scenarioColumn(),
            data.timestampColumn(),
            data.oracleColumns(),
            null,
            data.split(),
            data.activity());
    TuttiConfig inCode =
        new TuttiConfig(
            null,
            1,
            "in-code",
            relativeData,
            loaded.tasks(),
            loaded.scenarios(),
            loaded.features(),
            List.of(),
            loaded.model(),
            loaded.training());

    assertTrue(ConfigLoader.toYaml(inCode).contains("samples: some/samples\n"));
  }

  @Test
  void everyErrorOfAFileIsReportedInOneMessageFirstLineCountingThem() {
    String message =
        errors(
            dir,
            """
            format_version: 1
            data: {user_column: u, item_column: i}
            tasks: [{id: play}]
            scenarios: [{id: daily, tasks: [play], sampling_rate: 2}]
            training: {epochs: 0}
            """);

    assertEquals(3, errorCount(message), message);
    assertEquals(4, message.lines().count(), message);
    assertTrue(message.startsWith("The config " + dir.resolve("tutti.yaml") + " has 3 errors:"));
    // Listed in the order of the sections in docs/config.md, whatever order they were read in.
    List<String> lines = message.lines().toList();
    assertTrue(lines.get(1).contains(": data.scenario_column: "), message);
    assertTrue(lines.get(2).contains(": scenarios[0].sampling_rate: "), message);
    assertTrue(lines.get(3).contains(": training.epochs: "), message);
  }

  @Test
  void oneErrorIsAnnouncedInTheSingular() {
    String message = errors(dir, DATA + "tasks: [{id: play}]\n");
    assertTrue(message.lines().findFirst().orElseThrow().endsWith("has 1 error:"), message);
    assertReported(message, "scenarios", null, "a list of scenarios, at least one");
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("absent.yaml");
    TuttiException error = assertThrows(TuttiException.class, () -> ConfigLoader.load(missing));
    assertEquals("The config file " + missing + " does not exist.", error.getMessage());
  }

  private static String fullWorld() {
    try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/full.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
