package io.tutti.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.FeatureEncoder;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.model.Scorer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Train/serve consistency: the logged samples replayed as requests get, from the server, exactly
 * the probabilities the scorer gives the same samples read from the compiled dataset.
 */
class ServeConsistencyTest extends ServerTestSupport {

  @Test
  void replayedRequestsScoreExactlyAsTheCompiledSamples() throws Exception {
    TuttiConfig config = world.config();
    start();

    Path requests = dir.resolve("daily.jsonl");
    long written = new RequestReplay(config, "daily").write(dir.resolve("samples.csv"), requests);
    // Daily moments: u1 at 2000 (3 rows), u1 at 4000 (2 rows), u2 at 4500 (1 row).
    assertEquals(3, written);

    Map<String, float[]> offline;
    try (ServeFixtures.TestScorer scorer =
        new ServeFixtures.TestScorer(config, "v1".hashCode() % 7)) {
      offline = offlinePredictions(dir, config, scorer);
    }

    int compared = 0;
    for (String line : Files.readAllLines(requests)) {
      JsonNode request = JSON.readTree(line);
      HttpResponse<String> response = post("/v1/scenarios/daily/rank", line);
      assertEquals(200, response.statusCode(), response.body());
      String user = request.get("user").get("user_id").asText();
      long time = request.get("user").get("ts").asLong();
      for (JsonNode candidate : json(response).get("candidates")) {
        float[] expected = offline.get(key(user, candidate.get("item").asText(), time));
        int play = config.taskIndex("play");
        int like = config.taskIndex("like");
        assertEquals(expected[play], candidate.get("probabilities").get("play").floatValue(), line);
        assertEquals(expected[like], candidate.get("probabilities").get("like").floatValue(), line);
        compared++;
      }
    }
    assertEquals(6, compared);
  }

  @Test
  void theRealModelServesExactlyWhatItPredictsOffline() throws Exception {
    RealModels.World real = RealModels.shared();
    TuttiConfig config = real.config();
    Path models = real.models();
    server =
        ScoringServer.start(
            models,
            new ModelDirectoryLoader(),
            ServeSettings.defaults().withWatchSeconds(0).withPort(0));
    assertEquals("v1", server.version());

    Map<String, float[]> offline;
    try (Scorer scorer =
        io.tutti.model.Models.loadSavedModel(
            io.tutti.model.ModelDirectory.savedModelPath(models.resolve("v1")), config)) {
      offline = offlinePredictions(real.dir(), config, scorer);
    }

    int compared = 0;
    for (String scenario : List.of("daily", "stream")) {
      Path requests = dir.resolve(scenario + ".jsonl");
      new RequestReplay(config, scenario).write(real.dir().resolve("samples.csv"), requests);
      for (String line : Files.readAllLines(requests)) {
        JsonNode request = JSON.readTree(line);
        HttpResponse<String> response = post("/v1/scenarios/" + scenario + "/rank", line);
        assertEquals(200, response.statusCode(), response.body());
        String user = request.get("user").get("user_id").asText();
        long time = request.get("user").get("ts").asLong();
        for (JsonNode candidate : json(response).get("candidates")) {
          float[] expected = offline.get(key(user, candidate.get("item").asText(), time));
          for (String task : config.scenario(scenario).tasks()) {
            assertEquals(
                expected[config.taskIndex(task)],
                candidate.get("probabilities").get(task).floatValue(),
                // Not bit-identical: TensorFlow's kernels round differently for batches of other
                // shapes (the offline batches mix samples); the inputs are checked exactly below.
                1e-6f,
                scenario + " " + task + " " + line);
          }
          compared++;
        }
      }
    }
    assertEquals(8, compared);
  }

  @Test
  void aReplayedRequestEncodesToExactlyTheCompiledSamplesInputs() throws Exception {
    TuttiConfig config = world.config();
    Map<String, String> compiled = new HashMap<>();
    try (Dataset dataset = Datasets.open(dir.resolve("compiled"), config);
        BatchStream stream = dataset.stream(Split.TRAIN, StreamOptions.sequential(3))) {
      Batch batch = dataset.newBatch(3);
      while (stream.next(batch)) {
        for (int i = 0; i < batch.size; i++) {
          compiled.put(
              batch.userKey[i] + "/" + batch.itemKey[i] + "/" + batch.timestamp[i],
              inputs(batch, i));
        }
      }
    }

    int compared = 0;
    for (String scenario : List.of("daily", "stream")) {
      Path requests = dir.resolve(scenario + ".jsonl");
      new RequestReplay(config, scenario).write(dir.resolve("samples.csv"), requests);
      ScenarioSchema schema = ScenarioSchema.of(config).get(scenario);
      for (String line : Files.readAllLines(requests)) {
        RankRequest request = RankRequest.parse(JSON.readTree(line), schema, config, 100);
        Batch batch = request.encode(world.encoder());
        for (int i = 0; i < batch.size; i++) {
          String key = batch.userKey[i] + "/" + batch.itemKey[i] + "/" + batch.timestamp[i];
          assertEquals(compiled.get(key), inputs(batch, i), line);
          compared++;
        }
      }
    }
    assertEquals(8, compared);
  }

  /** Every model input of row {@code i}, as text. */
  private static String inputs(Batch batch, int i) {
    int rows = batch.scenario.length;
    StringBuilder text = new StringBuilder("scenario " + batch.scenario[i]);
    text.append(" categorical ").append(row(batch.categorical, i, rows));
    text.append(" numeric ").append(row(batch.numeric, i, rows));
    for (int[] multi : batch.multiCategorical) {
      text.append(" multi ").append(row(multi, i, rows));
    }
    for (int s = 0; s < batch.privateCategorical.length; s++) {
      text.append(" private ").append(s).append(' ');
      text.append(row(batch.privateCategorical[s], i, rows));
      text.append(row(batch.privateNumeric[s], i, rows));
      for (int[] multi : batch.privateMultiCategorical[s]) {
        text.append(row(multi, i, rows));
      }
    }
    for (int q = 0; q < batch.sequences.length; q++) {
      text.append(" sequence ").append(q).append(' ').append(row(batch.sequences[q], i, rows));
      text.append(" length ").append(batch.sequenceLengths[q][i]);
    }
    return text.toString();
  }

  private static String row(int[] values, int i, int rows) {
    int width = values.length / rows;
    return java.util.Arrays.toString(
        java.util.Arrays.copyOfRange(values, i * width, (i + 1) * width));
  }

  private static String row(float[] values, int i, int rows) {
    int width = values.length / rows;
    return java.util.Arrays.toString(
        java.util.Arrays.copyOfRange(values, i * width, (i + 1) * width));
  }

  @Test
  void replayCutsSequencesStrictlyBeforeTheMomentNewestFirst() throws Exception {
    Path requests = dir.resolve("daily.jsonl");
    new RequestReplay(world.config(), "daily").write(dir.resolve("samples.csv"), requests);
    List<String> lines = Files.readAllLines(requests);

    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals("samples.csv:1", first.get("request_id").asText());
    assertEquals(
        "{\"user_id\":\"u1\",\"ts\":2000,\"age\":\"30\",\"genre\":\"rock\"}",
        first.get("user").toString());
    // u1's plays before 2000, newest first: i6 (1900), i7 (1000), i8 (900); long keeps 3.
    assertEquals("[\"i6\",\"i7\",\"i8\"]", first.get("sequences").get("long").toString());
    assertEquals("[\"i6\"]", first.get("sequences").get("short").toString());
    assertEquals(
        "[{\"item_id\":\"i1\",\"tags\":\"a|b\",\"slot\":\"1\"},"
            + "{\"item_id\":\"i2\",\"tags\":\"b\",\"slot\":\"2\"},"
            + "{\"item_id\":\"i3\",\"tags\":\"c\",\"slot\":\"3\"}]",
        first.get("candidates").toString());

    JsonNode second = JSON.readTree(lines.get(1));
    assertEquals("[\"i2\",\"i6\",\"i7\"]", second.get("sequences").get("long").toString());
    JsonNode third = JSON.readTree(lines.get(2));
    assertEquals("[\"i5\"]", third.get("sequences").get("long").toString());
  }

  @Test
  void aMomentWindowGroupsAListLoggedOneImpressionAtATime() throws Exception {
    Path requests = dir.resolve("daily.jsonl");
    long written =
        new RequestReplay(world.config(), "daily", 2000)
            .write(dir.resolve("samples.csv"), requests);

    // u1's rows at 2000 and 4000 lie within 2000 s: one request, made at 2000; u2 alone.
    assertEquals(2, written);
    JsonNode first = JSON.readTree(Files.readAllLines(requests).get(0));
    assertEquals("{\"user_id\":\"u1\"}", first.get("user").toString());
    assertEquals(5, first.get("candidates").size());
    assertEquals(4000, first.get("candidates").get(4).get("ts").asLong());
    assertEquals("[\"i6\",\"i7\",\"i8\"]", first.get("sequences").get("long").toString());
    HttpResponse<String> response;
    start();
    response = post("/v1/scenarios/daily/rank", Files.readAllLines(requests).get(0));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(5, json(response).get("candidates").size());
  }

  @Test
  void aScenarioWithoutSamplesInTheDataIsAnError() throws Exception {
    Files.writeString(dir.resolve("only-stream.csv"), "user_id,item_id,scenario,ts\nu1,i1,s,5\n");
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () ->
                new RequestReplay(world.config(), "daily")
                    .write(dir.resolve("only-stream.csv"), dir.resolve("out.jsonl")));
    assertEquals(
        "No sample of scenario daily (value 'd' in column 'scenario') in "
            + dir.resolve("only-stream.csv")
            + ".",
        error.getMessage());
  }

  /** Every sample's probabilities from the compiled dataset, by user, item and time. */
  private static Map<String, float[]> offlinePredictions(
      Path world, TuttiConfig config, Scorer scorer) {
    Map<String, float[]> byKey = new HashMap<>();
    int tasks = config.tasks().size();
    try (Dataset dataset = Datasets.open(world.resolve("compiled"), config);
        BatchStream stream = dataset.stream(Split.TRAIN, StreamOptions.sequential(4))) {
      Batch batch = dataset.newBatch(4);
      while (stream.next(batch)) {
        float[] out = new float[batch.size * tasks];
        scorer.predict(batch, out);
        for (int i = 0; i < batch.size; i++) {
          float[] row = new float[tasks];
          System.arraycopy(out, i * tasks, row, 0, tasks);
          byKey.put(batch.userKey[i] + "/" + batch.itemKey[i] + "/" + batch.timestamp[i], row);
        }
      }
    }
    assertTrue(byKey.size() == 8, "samples streamed: " + byKey.size());
    return byKey;
  }

  private static String key(String user, String item, long time) {
    return FeatureEncoder.idKey(user) + "/" + FeatureEncoder.idKey(item) + "/" + time;
  }
}
