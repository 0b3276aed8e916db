package io.tutti.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.model.ModelMetadata.CellMetrics;
import io.tutti.model.ModelMetadata.DataRange;
import io.tutti.model.ModelMetadata.EpochSummary;
import io.tutti.model.ModelMetadata.TrainingHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model directory's files, without a model: metadata, config, encoder, format version. */
class ModelDirectoryTest {
  @TempDir static Path world;
  static TuttiConfig config;
  static Dataset dataset;

  @BeforeAll
  static void compile() throws IOException {
    Files.writeString(
        world.resolve("tutti.yaml"),
        """
        format_version: 1
        name: directory-fixture
        data: {samples: samples.csv, user_column: user, item_column: item, scenario_column: s}
        tasks: [{id: play}]
        scenarios: [{id: daily, tasks: [play], sampling_rate: 0.5}]
        features:
          item: [{name: item, type: categorical, buckets: 10}, {name: price, type: numeric}]
        """);
    Files.writeString(
        world.resolve("samples.csv"),
        "user,item,s,play,price\nu1,i1,daily,1,2\nu1,i2,daily,0,4\nu2,i1,daily,0,6\n");
    config = ConfigLoader.load(world.resolve("tutti.yaml"));
    dataset = Datasets.open(compiled(), config);
  }

  private static Path compiled() {
    Path out = world.resolve("compiled");
    Datasets.compile(config, world.resolve("samples.csv"), out, false);
    return out;
  }

  static ModelMetadata metadata() {
    Map<String, Double> auc = new LinkedHashMap<>();
    auc.put("play", null);
    return new ModelMetadata(
        ModelDirectory.FORMAT_VERSION,
        "unified",
        "2026-01-02T03:04:05Z",
        "development build",
        ModelDirectory.tuttiCommit(),
        "directory-fixture",
        new DataRange(
            "/data/compiled", "abc", false, 0, 2, Map.of("daily", 2L), Map.of("daily", 1L)),
        Map.of("daily", 0.5),
        1234,
        1.5,
        Map.of("daily", Map.of("play", new CellMetrics(null, 0.69, 1.02, 1, 0))),
        new TrainingHistory(
            List.of(
                new EpochSummary(1, 1.5, 2, 1, Map.of("play", 0.7), Map.of("daily", auc), null)),
            1,
            false,
            "mean over scenarios of the main task's validation AUC"),
        List.of(),
        Map.of());
  }

  private static Path write(Path target) {
    ModelDirectory.write(
        target,
        config,
        dataset.encoder(),
        metadata(),
        directory -> {
          try {
            Files.createDirectories(ModelDirectory.savedModelPath(directory));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return target;
  }

  @Test
  void readGivesBackWhatWasWritten(@TempDir Path out) {
    Path directory = write(out.resolve("model"));
    ModelDirectory read = ModelDirectory.read(directory);
    assertEquals(metadata(), read.metadata());
    assertEquals(config.tasks(), read.config().tasks());
    assertEquals(config.scenarios(), read.config().scenarios());
    assertEquals(config.model(), read.config().model());
    assertEquals(config.training(), read.config().training());
    assertEquals(dataset.encoder().toJson(), read.encoder().toJson());
    // The config keeps absolute paths: the data is still found wherever the model moves.
    assertEquals(config.data().samples(), read.config().data().samples());
  }

  @Test
  void aDirectoryIsWrittenWholeOrNotAtAll(@TempDir Path out) {
    Path target = out.resolve("model");
    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () ->
                ModelDirectory.write(
                    target,
                    config,
                    dataset.encoder(),
                    metadata(),
                    directory -> {
                      throw new IllegalStateException("export failed");
                    }));
    assertEquals("export failed", failure.getMessage());
    assertFalse(Files.exists(target));
    try (var left = Files.list(out)) {
      assertEquals(0, left.count());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anUnknownFormatVersionIsRefusedNamingBoth(@TempDir Path out) throws IOException {
    Path directory = write(out.resolve("model"));
    Path file = directory.resolve(ModelDirectory.METADATA_FILE);
    Files.writeString(
        file, Files.readString(file).replace("\"format_version\" : 1,", "\"format_version\" : 7,"));
    TuttiException error = assertThrows(TuttiException.class, () -> ModelDirectory.read(directory));
    assertEquals(
        "Model directory "
            + directory
            + " has format version 7; this release reads version 1 (it was written by a newer"
            + " Tutti).",
        error.getMessage());
  }

  @Test
  void aDirectoryWithoutMetadataIsNotAModel(@TempDir Path out) {
    TuttiException error = assertThrows(TuttiException.class, () -> ModelDirectory.read(out));
    assertEquals(
        out
            + " is not a Tutti model directory: it has no tutti-model.json (train one with tutti"
            + " train --out DIR).",
        error.getMessage());
  }

  @Test
  void metadataThatIsNotTuttisIsRefused(@TempDir Path out) throws IOException {
    Files.writeString(out.resolve(ModelDirectory.METADATA_FILE), "{\"format_version\": \"one\"}");
    TuttiException error = assertThrows(TuttiException.class, () -> ModelDirectory.read(out));
    assertTrue(error.getMessage().contains("is not Tutti model metadata"), error.getMessage());
  }

  @Test
  void aSeparateModelWithoutOneScenariosPartIsRefused(@TempDir Path out) throws IOException {
    ModelMetadata single = metadata();
    ModelMetadata separate =
        new ModelMetadata(
            single.formatVersion(),
            "separate",
            single.created(),
            single.tuttiVersion(),
            single.tuttiCommit(),
            single.configName(),
            single.data(),
            single.samplingRates(),
            single.parameterCount(),
            single.trainSeconds(),
            single.validation(),
            single.history(),
            List.of("daily"),
            Map.of());
    Path target = out.resolve("model");
    ModelDirectory.write(target, config, dataset.encoder(), separate, directory -> {});
    TuttiException error = assertThrows(TuttiException.class, () -> ModelDirectory.load(target));
    assertEquals(
        "Model directory "
            + target
            + " has no model for scenario 'daily' (expected "
            + ModelDirectory.partPath(target, "daily")
            + "); its parts are [daily].",
        error.getMessage());
  }

  @Test
  void metadataOfTheRightVersionButWrongShapeIsRefused(@TempDir Path out) throws IOException {
    Files.writeString(
        out.resolve(ModelDirectory.METADATA_FILE),
        "{\"format\": \"tutti-model\", \"format_version\": 1, \"parameter_count\": \"many\"}");
    TuttiException error = assertThrows(TuttiException.class, () -> ModelDirectory.read(out));
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "Model metadata "
                    + out.resolve(ModelDirectory.METADATA_FILE)
                    + " does not match format version 1: "),
        error.getMessage());
  }

  @Test
  void theBuildsCommitIsRecorded() {
    // The tests build from a git checkout, so the build has recorded the commit.
    String commit = ModelDirectory.tuttiCommit();
    assertTrue(commit.matches("[0-9a-f]{40}"), commit);
  }
}
