package io.tutti.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one report holds. {@link MetricsJson} writes it as {@code metrics.json} (schema in
 * docs/metrics.md); the HTML page, the Markdown summary and the console table of {@code
 * io.tutti.eval.report} are rendered from it, so all of them show the same numbers.
 *
 * @param title the config's name
 * @param created when the evaluation ran
 * @param configYaml the resolved config the models were trained with
 * @param mainTasks scenario id to the task it is judged by, scenarios in config order
 * @param data the test data's provenance, or null
 * @param models every model, the baseline first when there is one
 * @param comparison every model against the baseline, or null for a single model
 * @param abtest a simulated A/B test, or null
 * @param featureAblation a feature ablation (JSON form in docs/metrics.md), or null
 */
public record EvaluationReport(
    String title,
    Instant created,
    String configYaml,
    Map<String, String> mainTasks,
    JsonNode data,
    List<ModelEntry> models,
    Comparison comparison,
    AbTest abtest,
    JsonNode featureAblation) {

  public EvaluationReport {
    models = List.copyOf(models);
  }

  /** The baseline's name, or null when nothing is compared. */
  public String baseline() {
    return comparison == null ? null : comparison.baseline();
  }

  /** The comparison of one model's cell with the baseline, or null (baseline, or none). */
  public CellComparison delta(String model, String scenario, String task) {
    if (comparison == null) {
      return null;
    }
    var scenarios = comparison.models().get(model);
    if (scenarios == null || scenarios.get(scenario) == null) {
      return null;
    }
    return scenarios.get(scenario).get(task);
  }
}
