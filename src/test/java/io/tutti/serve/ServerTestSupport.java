package io.tutti.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.config.TuttiConfig;
import io.tutti.data.FeatureEncoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A running server on loopback over the test world, and an HTTP client for it. */
abstract class ServerTestSupport {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String DAILY_REQUEST =
      """
      {"user": {"user_id": "u1", "age": 30, "genre": "rock", "ts": 2000},
       "sequences": {"long": ["i6", "i7", "i8", "i9"], "short": ["i6"]},
       "candidates": [
         {"item_id": "i1", "tags": ["a", "b"], "slot": 1},
         {"item_id": "i2", "tags": "b", "slot": 2},
         {"item_id": "i3", "slot": 3}],
       "request_id": "r-1"}
      """;

  @TempDir Path dir;
  TestWorld world;
  ScoringServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The config, the encoder and a model directory of versions with v1. */
  record TestWorld(
      TuttiConfig config, FeatureEncoder encoder, Path models, ServeFixtures.TestLoader loader) {}

  @BeforeEach
  void setUp() {
    TuttiConfig config = ServeFixtures.world(dir);
    FeatureEncoder encoder = ServeFixtures.fittedEncoder(config, dir);
    Path models = dir.resolve("models");
    ServeFixtures.writeVersion(models, "v1", "v1");
    world = new TestWorld(config, encoder, models, new ServeFixtures.TestLoader(config, encoder));
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  ScoringServer start(ServeSettings settings) {
    server = ScoringServer.start(world.models(), world.loader(), settings.withPort(0));
    return server;
  }

  ScoringServer start() {
    return start(ServeSettings.defaults().withWatchSeconds(0));
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  HttpResponse<String> postQuietly(String body) {
    try {
      return post("/v1/scenarios/daily/rank", body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
