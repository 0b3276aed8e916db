package io.tutti.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Everything one report holds; {@link MetricsJson} writes it as {@code metrics.json} (schema in
 * docs/metrics.md) and the HTML and Markdown reports are rendered from that JSON.
 *
 * @param title the config's name
 * @param configYaml the resolved config the models were trained with
 * @param data the test data's provenance, or null
 * @param models every model, the baseline first when there is one
 * @param comparison every model against the baseline, or null for a single model
 * @param abtest a simulated A/B test, or null
 * @param featureAblation a feature ablation, or null
 */
public record EvaluationReport(
    String title,
    String configYaml,
    JsonNode data,
    List<ModelEntry> models,
    Comparison comparison,
    JsonNode abtest,
    JsonNode featureAblation) {}
