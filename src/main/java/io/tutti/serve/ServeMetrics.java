package io.tutti.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The server's Prometheus metrics, in a registry of its own (so that two servers in one JVM, as in
 * the tests, count apart).
 *
 * <ul>
 *   <li>{@code tutti_requests_total{endpoint, scenario, status}}: answered requests;
 *   <li>{@code tutti_request_duration_seconds{scenario}}: latency of answered rank requests, from
 *       the body read to the answer written, histogram;
 *   <li>{@code tutti_candidates_scored_total{scenario}}: candidates scored;
 *   <li>{@code tutti_shed_total}: requests refused with 503 by the load shedder;
 *   <li>{@code tutti_in_flight_requests}: rank requests admitted and not yet answered;
 *   <li>{@code tutti_model_reloads_total{result}}: reloads, {@code swapped}, {@code unchanged} or
 *       {@code refused}.
 * </ul>
 *
 * <p>The scenario label takes only the model's scenario ids, or {@code unknown}, so a client cannot
 * grow the number of series by sending made-up scenario names.
 */
final class ServeMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  final Counter requests =
      Counter.builder()
          .name("tutti_requests_total")
          .help("Answered HTTP requests by endpoint, scenario and status.")
          .labelNames("endpoint", "scenario", "status")
          .register(registry);

  final Histogram latency =
      Histogram.builder()
          .name("tutti_request_duration_seconds")
          .help("Latency of answered rank requests, by scenario.")
          .labelNames("scenario")
          .classicOnly()
          .classicUpperBounds(
              0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5,
              1, 2.5)
          .register(registry);

  final Counter candidates =
      Counter.builder()
          .name("tutti_candidates_scored_total")
          .help("Candidates scored, by scenario.")
          .labelNames("scenario")
          .register(registry);

  final Counter shed =
      Counter.builder()
          .name("tutti_shed_total")
          .help("Rank requests refused with 503 because the queue was full or too slow.")
          .register(registry);

  final Gauge inFlight =
      Gauge.builder()
          .name("tutti_in_flight_requests")
          .help("Rank requests admitted and not yet answered.")
          .register(registry);

  final Counter reloads =
      Counter.builder()
          .name("tutti_model_reloads_total")
          .help("Model reloads by result: swapped, unchanged or refused.")
          .labelNames("result")
          .register(registry);

  /** The registry's current values in the Prometheus text format. */
  byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  String contentType() {
    return writer.getContentType();
  }
}
