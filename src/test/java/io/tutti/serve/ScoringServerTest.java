package io.tutti.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The server's endpoints, statuses and error bodies, over real HTTP on loopback. */
class ScoringServerTest extends ServerTestSupport {

  @Test
  void rankGivesEveryTaskOfTheScenarioAndRanksByTheCombinedScore() throws Exception {
    start();
    HttpResponse<String> response = post("/v1/scenarios/daily/rank", DAILY_REQUEST);

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = json(response);
    assertEquals("v1", body.get("model_version").asText());
    assertEquals("daily", body.get("scenario").asText());
    assertEquals("r-1", body.get("request_id").asText());
    assertEquals("[\"play\",\"like\"]", body.get("tasks").toString());
    JsonNode candidates = body.get("candidates");
    assertEquals(3, candidates.size());
    double previous = Double.MAX_VALUE;
    List<String> items = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      JsonNode candidate = candidates.get(r);
      assertEquals(r + 1, candidate.get("rank").asInt());
      double play = candidate.get("probabilities").get("play").asDouble();
      double like = candidate.get("probabilities").get("like").asDouble();
      assertTrue(play > 0 && play < 1 && like > 0 && like < 1);
      // The configured weights of daily: play 1, like 2.
      assertEquals(play + 2 * like, candidate.get("score").asDouble(), 1e-6);
      assertTrue(candidate.get("score").asDouble() <= previous);
      previous = candidate.get("score").asDouble();
      items.add(candidate.get("item").asText());
      assertEquals("i" + (candidate.get("index").asInt() + 1), candidate.get("item").asText());
    }
    assertEquals(3, items.stream().distinct().count());
  }

  @Test
  void requestWeightsReplaceTheConfiguredOnesAndTopKCutsTheList() throws Exception {
    start();
    String request =
        DAILY_REQUEST.replace(
            "\"request_id\": \"r-1\"", "\"score_weights\": {\"like\": 1}, \"top_k\": 2");
    HttpResponse<String> response = post("/v1/scenarios/daily/rank", request);

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = json(response);
    assertEquals(0.0, body.get("score_weights").get("play").asDouble());
    assertEquals(1.0, body.get("score_weights").get("like").asDouble());
    assertEquals(2, body.get("candidates").size());
    for (JsonNode candidate : body.get("candidates")) {
      assertEquals(
          candidate.get("probabilities").get("like").asDouble(),
          candidate.get("score").asDouble(),
          1e-6);
    }
  }

  @Test
  void malformedJsonIs400() throws Exception {
    start();
    HttpResponse<String> response = post("/v1/scenarios/daily/rank", "{\"candidates\": [");

    assertEquals(400, response.statusCode());
    JsonNode body = json(response);
    assertTrue(
        body.get("error").asText().startsWith("The body is not valid JSON"), response.body());
    assertEquals("(body)", body.get("field").asText());
    assertEquals(400, body.get("status").asInt());
  }

  @Test
  void unknownColumnIs400NamingTheFieldTheValueAndTheAcceptedColumns() throws Exception {
    start();
    String request = DAILY_REQUEST.replace("\"slot\": 2", "\"slott\": 2");
    HttpResponse<String> response = post("/v1/scenarios/daily/rank", request);

    assertEquals(400, response.statusCode());
    JsonNode body = json(response);
    assertEquals("candidates[1].slott", body.get("field").asText());
    assertEquals("slott", body.get("seen").asText());
    assertEquals(
        "[\"user_id\",\"ts\",\"age\",\"genre\",\"item_id\",\"tags\",\"slot\"]",
        body.get("accepted").toString());
    assertEquals(
        "Field 'candidates[1].slott' is not a column of scenario daily: seen slott; accepted: one"
            + " of [user_id, ts, age, genre, item_id, tags, slot].",
        body.get("error").asText());
  }

  @Test
  void aPrivateColumnOfAnotherScenarioIs400() throws Exception {
    start();
    String request =
        """
        {"user": {"user_id": "u2"}, "candidates": [{"item_id": "i1", "slot": 3}]}
        """;
    HttpResponse<String> response = post("/v1/scenarios/stream/rank", request);

    assertEquals(400, response.statusCode());
    assertEquals("candidates[0].slot", json(response).get("field").asText());
  }

  @Test
  void wrongValuesAre400NamingTheField() throws Exception {
    start();
    String[][] cases = {
      {DAILY_REQUEST.replace("\"age\": 30", "\"age\": \"thirty\""), "candidates[0]"},
      {DAILY_REQUEST.replace("\"age\": 30", "\"age\": {\"years\": 30}"), "user.age"},
      {DAILY_REQUEST.replace("\"genre\": \"rock\"", "\"genre\": [\"rock\"]"), "user.genre"},
      {DAILY_REQUEST.replace("\"short\": [\"i6\"]", "\"recent\": [\"i6\"]"), "sequences.recent"},
      {
        DAILY_REQUEST.replace("\"request_id\": \"r-1\"", "\"score_weights\": {\"click\": 1}"),
        "score_weights.click"
      },
      {
        DAILY_REQUEST.replace("\"request_id\": \"r-1\"", "\"score_weights\": {\"play\": -1}"),
        "score_weights.play"
      },
      {
        DAILY_REQUEST.replace("\"request_id\": \"r-1\"", "\"score_weights\": {\"play\": 0}"),
        "score_weights"
      },
      {DAILY_REQUEST.replace("\"request_id\": \"r-1\"", "\"top_k\": 0"), "top_k"},
      {DAILY_REQUEST.replace("\"request_id\"", "\"requestid\""), "requestid"},
      {
        DAILY_REQUEST.replace("{\"item_id\": \"i3\", \"slot\": 3}", "{\"slot\": 3}"),
        "candidates[2].item_id"
      },
      {"{\"user\": {\"user_id\": \"u1\"}, \"candidates\": []}", "candidates"},
      {"[1, 2]", "(body)"},
    };
    for (String[] c : cases) {
      HttpResponse<String> response = post("/v1/scenarios/daily/rank", c[0]);
      assertEquals(400, response.statusCode(), c[1] + ": " + response.body());
      JsonNode body = json(response);
      assertEquals(c[1], body.get("field").asText(), response.body());
      assertFalse(body.get("error").asText().isBlank());
    }
    // An encoding error names the candidate, the column, the value and what is accepted.
    HttpResponse<String> notNumber = post("/v1/scenarios/daily/rank", cases[0][0]);
    String error = json(notNumber).get("error").asText();
    assertTrue(error.contains("age") && error.contains("thirty"), error);
  }

  @Test
  void tooManyCandidatesIs400() throws Exception {
    start(ServeSettings.defaults().withWatchSeconds(0).withLimits(2, 1 << 20));
    HttpResponse<String> response = post("/v1/scenarios/daily/rank", DAILY_REQUEST);

    assertEquals(400, response.statusCode());
    JsonNode body = json(response);
    assertEquals("candidates", body.get("field").asText());
    assertTrue(body.get("error").asText().contains("at most 2"), response.body());
  }

  @Test
  void unknownScenarioIs404ListingTheKnownOnes() throws Exception {
    start();
    HttpResponse<String> response = post("/v1/scenarios/podcast/rank", DAILY_REQUEST);

    assertEquals(404, response.statusCode());
    JsonNode body = json(response);
    assertEquals(
        "Unknown scenario 'podcast'; the known scenarios are [daily, stream].",
        body.get("error").asText());
    assertEquals("[\"daily\",\"stream\"]", body.get("accepted").toString());
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    start();
    HttpResponse<String> missing = get("/v2/rank");
    assertEquals(404, missing.statusCode());
    assertTrue(json(missing).get("error").asText().contains("POST /v1/scenarios/{scenario}/rank"));

    HttpResponse<String> wrongMethod = get("/v1/scenarios/daily/rank");
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    start(ServeSettings.defaults().withWatchSeconds(0).withLimits(1000, 2048));
    String big = DAILY_REQUEST.replace("\"r-1\"", "\"" + "x".repeat(4000) + "\"");
    HttpResponse<String> response = post("/v1/scenarios/daily/rank", big);

    assertEquals(413, response.statusCode());
    assertTrue(json(response).get("error").asText().contains("at most 2048 bytes"));
  }

  @Test
  void overloadIsShedWith503AndRetryAfter() throws Exception {
    world.loader().delayMillis = 2000;
    start(ServeSettings.defaults().withWatchSeconds(0).withAdmission(1, 0, 0));

    // One request holds the only scoring slot for 2 s; the next finds no room in the queue.
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> postQuietly(DAILY_REQUEST));
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!server.metricsText().contains("tutti_in_flight_requests 1.0")
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    HttpResponse<String> second = post("/v1/scenarios/daily/rank", DAILY_REQUEST);

    assertEquals(503, second.statusCode(), second.body());
    assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
    assertTrue(json(second).get("error").asText().contains("overloaded"));
    assertEquals(200, first.get().statusCode());
    assertTrue(server.metricsText().contains("tutti_shed_total 1.0"), server.metricsText());
  }

  @Test
  void modelEndpointDescribesScenariosTasksAndColumns() throws Exception {
    start();
    HttpResponse<String> response = get("/v1/model");

    assertEquals(200, response.statusCode());
    JsonNode body = json(response);
    assertEquals("v1", body.get("model_version").asText());
    assertEquals("[\"play\",\"like\",\"click\"]", body.get("tasks").toString());
    assertEquals(3, body.get("sequences").get(0).get("max_length").asInt());
    JsonNode daily = body.get("scenarios").get(0);
    assertEquals("daily", daily.get("id").asText());
    assertEquals("[\"play\",\"like\"]", daily.get("tasks").toString());
    assertEquals(2.0, daily.get("score_weights").get("like").asDouble());
    assertEquals("[\"user_id\",\"ts\",\"age\",\"genre\"]", daily.get("user_columns").toString());
    assertEquals("[\"item_id\",\"tags\",\"slot\"]", daily.get("candidate_columns").toString());
    assertEquals("[\"tags\"]", daily.get("multi_valued_columns").toString());
    JsonNode stream = body.get("scenarios").get(1);
    assertEquals("[\"item_id\",\"tags\"]", stream.get("candidate_columns").toString());
  }

  @Test
  void healthAndReadinessAnswer200() throws Exception {
    start();
    assertEquals(200, get("/healthz").statusCode());
    HttpResponse<String> ready = get("/readyz");
    assertEquals(200, ready.statusCode());
    assertTrue(json(ready).get("ready").asBoolean());
  }

  @Test
  void metricsCountRequestsLatencyAndErrorsInPrometheusText() throws Exception {
    start();
    post("/v1/scenarios/daily/rank", DAILY_REQUEST);
    post("/v1/scenarios/daily/rank", "{");
    post("/v1/scenarios/nope/rank", DAILY_REQUEST);
    HttpResponse<String> response = get("/metrics");

    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String text = response.body();
    assertTrue(
        text.contains(
            "tutti_requests_total{endpoint=\"rank\",scenario=\"daily\",status=\"200\"} 1.0"),
        text);
    assertTrue(
        text.contains(
            "tutti_requests_total{endpoint=\"rank\",scenario=\"daily\",status=\"400\"} 1.0"),
        text);
    assertTrue(
        text.contains(
            "tutti_requests_total{endpoint=\"rank\",scenario=\"unknown\",status=\"404\"} 1.0"),
        text);
    assertTrue(text.contains("tutti_request_duration_seconds_count{scenario=\"daily\"} 1"), text);
    assertTrue(
        text.contains("tutti_request_duration_seconds_bucket{scenario=\"daily\",le=\"0.01\"}"),
        text);
    assertTrue(text.contains("tutti_candidates_scored_total{scenario=\"daily\"} 3.0"), text);
  }
}
