package io.tutti.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Split;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.model.ModelMetadata.EpochSummary;
import io.tutti.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer with the real TensorFlow model: fit, save, load, predict, resume. */
class TrainEndToEndTest {
  @TempDir static Path world;
  static TuttiConfig config;
  static Dataset dataset;

  @BeforeAll
  static void compileWorld() {
    // Adam with a step of 0.02: a few hundred steps suffice on this world.
    config =
        TrainFixtures.training(
            TrainFixtures.write(world.resolve("world"), 6000, 5L), 4, 0.02, 0.2, "constant", 0, 2);
    dataset = TrainFixtures.compile(world.resolve("world"), config);
  }

  @Test
  void trainedModelIsSavedLoadedAndPredictsWhatItScoredInMemory(@TempDir Path out)
      throws Exception {
    Path modelDirectory = out.resolve("model");
    Trainer trainer = new Trainer(Models::create).showProgress(false);
    float[] inMemory;
    ModelMetadata metadata;
    try (FittedModel fitted = trainer.fit(dataset, modelDirectory, false)) {
      inMemory = TrainerTest.scores(fitted.model(), dataset, Split.TEST);
      metadata = ModelExport.save(fitted, dataset, modelDirectory);
    }
    assertTrue(Files.notExists(Checkpoints.of(modelDirectory).root()));

    // The loss falls and validation AUC per scenario x task is recorded.
    List<EpochSummary> epochs = metadata.history().epochs();
    assertTrue(epochs.size() >= 2, epochs.toString());
    assertTrue(
        epochs.get(epochs.size() - 1).trainLoss().get("play")
            < epochs.get(0).trainLoss().get("play"),
        epochs.toString());
    for (var scenario : config.scenarios()) {
      for (String task : scenario.tasks()) {
        Double auc = metadata.validation().get(scenario.id()).get(task).auc();
        assertTrue(auc != null && auc > 0 && auc < 1, scenario.id() + "/" + task + " " + auc);
        assertEquals(
            auc,
            epochs
                .get(metadata.history().bestEpoch() - 1)
                .validationAuc()
                .get(scenario.id())
                .get(task));
      }
    }

    try (ModelDirectory loaded = ModelDirectory.load(modelDirectory)) {
      assertEquals(metadata, loaded.metadata());
      assertArrayEquals(inMemory, TrainerTest.scores(loaded.scorer(), dataset, Split.TEST));

      Path csv = out.resolve("predictions.csv");
      // Batches of the same size as the in-memory scores: TensorFlow's kernels may round the
      // last bit differently for another batch size.
      long rows = Predictions.write(loaded.scorer(), dataset, List.of(Split.TEST), csv, 256);
      assertEquals(dataset.size(Split.TEST), rows);
      List<String> lines = Files.readAllLines(csv);
      assertEquals("sample_index,split,user_key,item_key,scenario,play,like,click", lines.get(0));
      int tasks = config.tasks().size();
      for (int i = 0; i < rows; i++) {
        String[] fields = lines.get(i + 1).split(",", -1);
        assertEquals("test", fields[1]);
        boolean daily = fields[4].equals("daily");
        assertEquals(Float.parseFloat(fields[5]), inMemory[i * tasks], 0f);
        assertEquals(daily ? Float.toString(inMemory[i * tasks + 1]) : "", fields[6]);
        assertEquals(daily ? "" : Float.toString(inMemory[i * tasks + 2]), fields[7]);
      }

      Path parquet = out.resolve("predictions.parquet");
      Predictions.write(loaded.scorer(), dataset, List.of(Split.TEST), parquet, 256);
      try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
          Statement statement = connection.createStatement();
          ResultSet result =
              statement.executeQuery(
                  "SELECT \"play\", \"like\", \"click\", scenario FROM read_parquet('"
                      + parquet
                      + "')")) {
        int i = 0;
        while (result.next()) {
          assertEquals(inMemory[i * tasks], result.getFloat(1), 0f);
          assertEquals(result.getString(4).equals("daily"), result.getObject(2) != null);
          i++;
        }
        assertEquals(rows, i);
      }
    }
  }

  @Test
  void separateModelScoresEveryScenarioWithItsOwnSpecialist(@TempDir Path out) {
    TuttiConfig separate =
        TrainFixtures.training(config, 1, 0.02, 0.2, "constant", 0, 2)
            .withModel(config.model().withType(Trainer.SEPARATE));
    Dataset data = io.tutti.data.Datasets.open(dataset.directory(), separate);
    Path modelDirectory = out.resolve("separate");
    ModelMetadata metadata =
        new Trainer(Models::create).showProgress(false).train(data, modelDirectory, false);
    assertEquals(List.of("daily", "stream"), metadata.parts());
    assertEquals(List.of("daily", "stream"), List.copyOf(metadata.partHistories().keySet()));
    assertEquals(List.of("play", "like"), List.copyOf(metadata.validation().get("daily").keySet()));
    assertTrue(Files.isDirectory(ModelDirectory.partPath(modelDirectory, "stream")));

    try (ModelDirectory loaded = ModelDirectory.load(modelDirectory)) {
      float[] scores = TrainerTest.scores(loaded.scorer(), data, Split.TEST);
      io.tutti.data.Batch batch = data.newBatch((int) data.size(Split.TEST));
      try (var stream =
          data.stream(Split.TEST, io.tutti.data.StreamOptions.sequential(batch.scenario.length))) {
        stream.next(batch);
      }
      for (int i = 0; i < batch.size; i++) {
        boolean daily = batch.scenario[i] == 0;
        assertTrue(scores[i * 3] > 0 && scores[i * 3] < 1, "play of every scenario");
        assertEquals(daily, !Float.isNaN(scores[i * 3 + 1]), "like: daily only");
        assertEquals(!daily, !Float.isNaN(scores[i * 3 + 2]), "click: stream only");
      }
    }
  }

  @Test
  void killedRunResumesToTheSamePredictions(@TempDir Path out) {
    float[] expected;
    try (FittedModel fitted =
        new Trainer(Models::create).showProgress(false).fit(dataset, out.resolve("a"), false)) {
      expected = TrainerTest.scores(fitted.model(), dataset, Split.TEST);
    }
    Path resumed = out.resolve("b");
    // Killed in the second epoch, two steps after a checkpoint (one every 7 steps).
    for (long killAt : new long[] {30}) {
      Trainer dying =
          new Trainer(Models::create)
              .showProgress(false)
              .onStep(
                  step -> {
                    if (step == killAt) {
                      throw new IllegalStateException("killed");
                    }
                  });
      try {
        dying.fit(dataset, resumed, true).close();
      } catch (IllegalStateException killed) {
        assertEquals("killed", killed.getMessage());
      }
    }
    try (FittedModel fitted =
        new Trainer(Models::create).showProgress(false).fit(dataset, resumed, true)) {
      assertArrayEquals(expected, TrainerTest.scores(fitted.model(), dataset, Split.TEST));
    }
  }
}
