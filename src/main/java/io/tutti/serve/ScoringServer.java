package io.tutti.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring server: one HTTP server for every scenario of one model, with JSON in and out.
 *
 * <p>Endpoints: {@code POST /v1/scenarios/{scenario}/rank}, {@code GET /v1/model}, {@code POST
 * /v1/model/reload}, {@code GET /healthz}, {@code GET /readyz}, {@code GET /metrics}; the API is
 * described in docs/serving.md.
 *
 * <p>Why Jetty 12 (its core handlers, without the servlet layer): it is maintained, on Maven
 * Central, embeds in a few lines, and gives what a scoring server needs: a thread pool sized once,
 * a graceful stop that lets requests in flight finish, and a small per-request overhead. Undertow
 * has the same but a slower release pace; Javalin adds routing sugar on top of Jetty that six
 * endpoints do not need.
 *
 * <p>Load: scoring is admitted by a {@link LoadShedder} (503 with Retry-After beyond its queue);
 * the HTTP thread pool is sized above the shedder's concurrency and queue so that a refusal is
 * always answered, never left to time out. Nothing is logged per request at INFO.
 */
public final class ScoringServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringServer.class);
  private static final ObjectMapper JSON = ServeJson.JSON;
  private static final String JSON_TYPE = "application/json";
  private static final List<String> ENDPOINTS =
      List.of(
          "POST /v1/scenarios/{scenario}/rank",
          "GET /v1/model",
          "POST /v1/model/reload",
          "GET /healthz",
          "GET /readyz",
          "GET /metrics");
  private static final String RANK_PREFIX = "/v1/scenarios/";
  private static final String RANK_SUFFIX = "/rank";

  private final ServeSettings settings;
  private final ModelSlot slot;
  private final LoadShedder shedder;
  private final ServeMetrics metrics = new ServeMetrics();
  private final Server server;
  private final ServerConnector connector;
  private final ScheduledExecutorService watcher;
  private volatile boolean ready;
  private volatile String refusedVersion;

  private ScoringServer(ServeSettings settings, ModelSlot slot) {
    this.settings = settings;
    this.slot = slot;
    this.shedder =
        new LoadShedder(settings.concurrency(), settings.queue(), settings.maxWaitMillis());

    int threads = Math.max(32, settings.concurrency() + settings.queue() + 16);
    // Jetty's own job queue stays unbounded, as Jetty requires: the bound that matters, on
    // scoring, is the load shedder's.
    QueuedThreadPool pool = new QueuedThreadPool(threads, 8);
    pool.setName("tutti-http");
    server = new Server(pool);
    connector = new ServerConnector(server);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    server.addConnector(connector);
    server.setHandler(new GracefulHandler(new Routes()));
    server.setStopTimeout(10_000);
    watcher =
        settings.watchSeconds() == 0
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread thread = new Thread(r, "tutti-model-watcher");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /**
   * Loads the newest model under {@code modelPath} and starts serving it.
   *
   * @throws TuttiException when no model loads or the address cannot be bound
   */
  public static ScoringServer start(Path modelPath, ModelLoader loader, ServeSettings settings) {
    settings.validate();
    ModelSlot slot = new ModelSlot(modelPath, loader);
    ScoringServer scoring = new ScoringServer(settings, slot);
    try {
      scoring.server.start();
    } catch (Exception e) {
      slot.close();
      try {
        scoring.server.stop();
      } catch (Exception ignored) {
        // The start failure is what the user needs to see.
      }
      throw new TuttiException(
          "Could not start the server on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    if (scoring.watcher != null) {
      scoring.watcher.scheduleWithFixedDelay(
          scoring::watch, settings.watchSeconds(), settings.watchSeconds(), TimeUnit.SECONDS);
    }
    scoring.ready = true;
    LOG.info(
        "Serving model version {} on http://{}:{} (scenarios {})",
        slot.version(),
        settings.host(),
        scoring.port(),
        slot.scenarioIds());
    return scoring;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return new InetSocketAddress(settings.host(), port());
  }

  /** The version serving now. */
  public String version() {
    return slot.version();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops gracefully: readiness turns false, new connections are refused, requests in flight finish
   * (up to 10 s), then the model is closed.
   */
  @Override
  public void close() {
    ready = false;
    if (watcher != null) {
      watcher.shutdownNow();
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("The HTTP server did not stop cleanly: {}", e.toString());
    }
    slot.close();
    LOG.info("Server stopped");
  }

  /** One look at the model path for a new version: what the watcher runs. */
  private void watch() {
    try {
      Path newest = slot.newestVersion();
      String key = newest.toRealPath().toString();
      if (key.equals(refusedVersion)) {
        return;
      }
      ModelSlot.Reload reload = slot.reload(true);
      if (reload.changed()) {
        metrics.reloads.labelValues("swapped").inc();
      }
    } catch (TuttiException | IOException e) {
      // ModelSlot logged the refusal; remember it so that it is not retried every few seconds.
      metrics.reloads.labelValues("refused").inc();
      try {
        refusedVersion = slot.newestVersion().toRealPath().toString();
      } catch (TuttiException | IOException ignored) {
        refusedVersion = null;
      }
    } catch (RuntimeException e) {
      LOG.error("The model watcher failed: {}", e.toString());
    }
  }

  /** The routing of every request. */
  private final class Routes extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      String endpoint = "other";
      String scenario = "";
      int status;
      try {
        if (path.startsWith(RANK_PREFIX) && path.endsWith(RANK_SUFFIX)) {
          endpoint = "rank";
          String id = path.substring(RANK_PREFIX.length(), path.length() - RANK_SUFFIX.length());
          // Only known ids become label values: a client cannot grow the number of series.
          scenario = slot.scenarioIds().contains(id) ? id : "unknown";
          requireMethod(method, "POST");
          status = rank(id, request, response, callback);
        } else {
          switch (path) {
            case "/v1/model" -> {
              endpoint = "model";
              requireMethod(method, "GET");
              ServingModel model = slot.acquire();
              try {
                status = send(response, callback, 200, ServeJson.describeModel(model, settings));
              } finally {
                model.release();
              }
            }
            case "/v1/model/reload" -> {
              endpoint = "reload";
              requireMethod(method, "POST");
              status = reload(response, callback);
            }
            case "/healthz" -> {
              endpoint = "healthz";
              requireMethod(method, "GET");
              status = send(response, callback, 200, JSON.createObjectNode().put("status", "ok"));
            }
            case "/readyz" -> {
              endpoint = "readyz";
              requireMethod(method, "GET");
              ObjectNode body = JSON.createObjectNode();
              body.put("ready", ready);
              body.put("model_version", slot.version());
              status = send(response, callback, ready ? 200 : 503, body);
            }
            case "/metrics" -> {
              endpoint = "metrics";
              requireMethod(method, "GET");
              response.setStatus(200);
              response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
              response.write(true, ByteBuffer.wrap(metrics.scrape()), callback);
              status = 200;
            }
            default ->
                throw new ApiException(
                    404,
                    "No endpoint " + method + " " + path + "; the endpoints are " + ENDPOINTS + ".",
                    "path",
                    path,
                    ENDPOINTS);
          }
        }
      } catch (ApiException e) {
        if (e.status() == 405) {
          response.getHeaders().put(HttpHeader.ALLOW, String.valueOf(e.accepted()));
        }
        if (e.status() == 503) {
          response.getHeaders().put(HttpHeader.RETRY_AFTER, settings.retryAfterSeconds());
        }
        status = send(response, callback, e.status(), ServeJson.errorBody(e));
      } catch (RuntimeException e) {
        LOG.error("Request {} {} failed", method, path, e);
        ApiException failure =
            new ApiException(
                500, "The server failed: " + e.getClass().getSimpleName(), null, null, null);
        status = send(response, callback, 500, ServeJson.errorBody(failure));
      }
      metrics.requests.labelValues(endpoint, scenario, Integer.toString(status)).inc();
      return true;
    }
  }

  private int rank(String scenarioId, Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    ServingModel model = slot.acquire();
    try {
      ScenarioSchema schema = model.schemas().get(scenarioId);
      if (schema == null) {
        List<String> known = List.copyOf(model.schemas().keySet());
        throw new ApiException(
            404,
            "Unknown scenario '" + scenarioId + "'; the known scenarios are " + known + ".",
            "scenario",
            scenarioId,
            known);
      }
      boolean admitted;
      try {
        admitted = shedder.admit();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        admitted = false;
      }
      if (!admitted) {
        metrics.shed.inc();
        throw new ApiException(
            503,
            "The server is overloaded; retry after "
                + settings.retryAfterSeconds()
                + " s or elsewhere.",
            null,
            null,
            null);
      }
      metrics.inFlight.inc();
      try {
        JsonNode body = readBody(request);
        TuttiConfig config = model.bundle().config();
        RankRequest rankRequest = RankRequest.parse(body, schema, config, settings.maxCandidates());
        Batch batch = rankRequest.encode(model.bundle().encoder());
        int tasks = config.tasks().size();
        float[] predictions = new float[batch.size * tasks];
        model.bundle().scorer().predict(batch, predictions);
        Ranking ranking =
            Ranking.of(
                predictions, 0, batch.size, tasks, schema.taskIndices(), rankRequest.weights);
        byte[] answer = ServeJson.rankAnswer(model, rankRequest, ranking);
        metrics.candidates.labelValues(schema.scenario().id()).inc(batch.size);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
        response.write(true, ByteBuffer.wrap(answer), callback);
        metrics
            .latency
            .labelValues(schema.scenario().id())
            .observe((System.nanoTime() - started) / 1e9);
        return 200;
      } finally {
        metrics.inFlight.dec();
        shedder.release();
      }
    } finally {
      model.release();
    }
  }

  private JsonNode readBody(Request request) {
    long declared = request.getLength();
    int limit = settings.maxBodyBytes();
    if (declared > limit) {
      throw tooLarge(declared + " bytes");
    }
    byte[] bytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      bytes = in.readNBytes(limit + 1);
    } catch (IOException e) {
      throw new ApiException(
          400, "Could not read the request body: " + e.getMessage(), "(body)", null, null);
    }
    if (bytes.length > limit) {
      throw tooLarge("more than " + limit + " bytes");
    }
    if (bytes.length == 0) {
      throw ApiException.badField("(body)", null, "is empty", "a JSON object");
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      throw new ApiException(
          400,
          "The body is not valid JSON: " + reason + ".",
          "(body)",
          null,
          "a JSON object with the fields " + RankRequest.FIELDS);
    }
  }

  private ApiException tooLarge(String seen) {
    return new ApiException(
        413,
        "The request body is too large: seen "
            + seen
            + "; accepted: at most "
            + settings.maxBodyBytes()
            + " bytes.",
        "(body)",
        seen,
        "at most " + settings.maxBodyBytes() + " bytes");
  }

  private int reload(Response response, Callback callback) {
    try {
      ModelSlot.Reload reload = slot.reload(false);
      metrics.reloads.labelValues(reload.changed() ? "swapped" : "unchanged").inc();
      ObjectNode body = JSON.createObjectNode();
      body.put("model_version", reload.version());
      body.put("previous_version", reload.previous());
      body.put("swapped", reload.changed());
      return send(response, callback, 200, body);
    } catch (TuttiException e) {
      metrics.reloads.labelValues("refused").inc();
      // The model on disk is broken, not the request: 409, the serving model is unchanged.
      ObjectNode body = JSON.createObjectNode();
      body.put("error", e.getMessage());
      body.put("status", 409);
      body.put("model_version", slot.version());
      return send(response, callback, 409, body);
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!expected.equals(method)) {
      throw new ApiException(
          405,
          "Method " + method + " is not allowed here; accepted: " + expected + ".",
          "method",
          method,
          expected);
    }
  }

  private static int send(Response response, Callback callback, int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return status;
  }

  /** For tests: the metrics text as a scrape would see it. */
  String metricsText() {
    return new String(metrics.scrape(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
