package io.tutti.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.common.TuttiException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Hot reload: swaps under load without a failed request, refusals, the directory watcher. */
class ModelReloadTest extends ServerTestSupport {

  @Test
  void reloadUnderLoadFailsNoRequestAndClosesEachOldModelOnce() throws Exception {
    world.loader().delayMillis = 2;
    start();
    AtomicBoolean stop = new AtomicBoolean();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Set<String> versions = ConcurrentHashMap.newKeySet();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> running = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);

    // Four client threads on loopback, each bounded in requests and in time.
    for (int c = 0; c < 4; c++) {
      running.add(
          clients.submit(
              () -> {
                for (int i = 0; i < 2000 && !stop.get() && System.nanoTime() < deadline; i++) {
                  HttpResponse<String> response = postQuietly(DAILY_REQUEST);
                  statuses
                      .computeIfAbsent(response.statusCode(), k -> new AtomicInteger())
                      .incrementAndGet();
                  if (response.statusCode() == 200) {
                    versions.add(jsonQuietly(response).get("model_version").asText());
                  }
                }
                return null;
              }));
    }
    for (String version : List.of("v2", "v3", "v4")) {
      Thread.sleep(300);
      ServeFixtures.writeVersion(world.models(), version, version);
      HttpResponse<String> reload = post("/v1/model/reload", "");
      assertEquals(200, reload.statusCode(), reload.body());
      assertEquals(version, json(reload).get("model_version").asText());
    }
    Thread.sleep(300);
    stop.set(true);
    for (Future<?> client : running) {
      client.get(30, TimeUnit.SECONDS);
    }
    clients.shutdown();

    assertEquals(Set.of(200), statuses.keySet(), "statuses seen: " + statuses);
    assertTrue(statuses.get(200).get() > 10, "too few requests: " + statuses);
    assertTrue(versions.containsAll(Set.of("v1", "v4")), "versions seen: " + versions);
    List<ServeFixtures.TestScorer> loaded = world.loader().loaded;
    assertEquals(4, loaded.size());
    for (int v = 0; v < 3; v++) {
      assertEquals(1, loaded.get(v).closes.get(), "version v" + (v + 1) + " closes");
    }
    assertEquals(0, loaded.get(3).closes.get());
    assertEquals("v4", server.version());
  }

  @Test
  void aBrokenModelIsRefusedAndTheOldOneKeepsServing() throws Exception {
    start();
    ServeFixtures.writeVersion(world.models(), "v2", "broken");

    HttpResponse<String> reload = post("/v1/model/reload", "");

    assertEquals(409, reload.statusCode());
    JsonNode body = json(reload);
    assertEquals("v1", body.get("model_version").asText());
    assertTrue(body.get("error").asText().contains("is broken (test fixture)"), reload.body());
    assertTrue(body.get("error").asText().endsWith("Version v1 keeps serving."), reload.body());
    HttpResponse<String> rank = post("/v1/scenarios/daily/rank", DAILY_REQUEST);
    assertEquals(200, rank.statusCode());
    assertEquals("v1", json(rank).get("model_version").asText());
    assertEquals(0, world.loader().loaded.get(0).closes.get());
    assertTrue(server.metricsText().contains("tutti_model_reloads_total{result=\"refused\"} 1.0"));
  }

  @Test
  void theWatcherSwapsInANewVersionAndSkipsTemporaryNames() throws Exception {
    start(ServeSettings.defaults().withWatchSeconds(1));
    // A version being written under a hidden name is not a version yet.
    ServeFixtures.writeVersion(world.models(), ".v9.tmp", "v9");
    ServeFixtures.writeVersion(world.models(), "v10", "v10");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!server.version().equals("v10") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }

    assertEquals("v10", server.version());
    HttpResponse<String> rank = post("/v1/scenarios/daily/rank", DAILY_REQUEST);
    assertEquals("v10", json(rank).get("model_version").asText());
  }

  @Test
  void aModelDirectoryBehindASymlinkIsReloadedAfterTheLinkIsSwapped() throws Exception {
    Path blue = ServeFixtures.writeVersion(dir.resolve("deploy"), "blue", "blue");
    Path green = ServeFixtures.writeVersion(dir.resolve("deploy"), "green", "green");
    Path current = dir.resolve("current");
    Files.createSymbolicLink(current, blue);
    server =
        ScoringServer.start(
            current, world.loader(), ServeSettings.defaults().withWatchSeconds(0).withPort(0));
    assertEquals("blue", server.version());

    Path next = dir.resolve("current.next");
    Files.createSymbolicLink(next, green);
    Files.move(next, current, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    HttpResponse<String> reload = post("/v1/model/reload", "");

    assertEquals(200, reload.statusCode());
    assertEquals("green", json(reload).get("model_version").asText());
    assertEquals("blue", json(reload).get("previous_version").asText());
  }

  @Test
  void closingLetsARequestInFlightFinishThenClosesTheModel() throws Exception {
    world.loader().delayMillis = 1500;
    start();
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(() -> postQuietly(DAILY_REQUEST));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!server.metricsText().contains("tutti_in_flight_requests 1.0")
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    server.close();
    server = null;

    assertEquals(200, inFlight.get(30, TimeUnit.SECONDS).statusCode());
    assertEquals(1, world.loader().loaded.get(0).closes.get());
  }

  @Test
  void aSettingOutOfRangeIsRefusedNamingIt() {
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> ServeSettings.defaults().withAdmission(0, 4, 100).validate());
    assertEquals(
        "Server setting concurrency is out of range: seen 0; accepted: an integer >= 1.",
        error.getMessage());
  }

  @Test
  void versionNamesCompareNumbersAsNumbers() {
    assertTrue(ModelSlot.compareVersions("v9", "v10") < 0);
    assertTrue(ModelSlot.compareVersions("2", "10") < 0);
    assertTrue(ModelSlot.compareVersions("2024-01-02", "2024-01-10") < 0);
    assertTrue(ModelSlot.compareVersions("v010", "v9") > 0);
    assertEquals(0, ModelSlot.compareVersions("v1", "v1"));
  }

  static JsonNode jsonQuietly(HttpResponse<String> response) {
    try {
      return json(response);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
