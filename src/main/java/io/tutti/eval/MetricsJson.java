package io.tutti.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a report's {@code metrics.json} (schema in docs/metrics.md). A metric that is undefined
 * (NaN) is written as {@code null}, so the file is strict JSON.
 */
public final class MetricsJson {

  /** The schema version of {@code metrics.json}. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetricsJson() {}

  /** The report as a JSON tree. */
  public static ObjectNode toJson(EvaluationReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("title", report.title());
    root.put("created", report.created().toString());
    root.put("config", report.configYaml());
    ObjectNode mainTasks = root.putObject("main_tasks");
    report.mainTasks().forEach(mainTasks::put);
    if (report.data() != null) {
      root.set("data", report.data());
    }
    ObjectNode models = root.putObject("models");
    for (ModelEntry entry : report.models()) {
      models.set(entry.name(), model(entry));
    }
    if (report.comparison() != null) {
      root.set("comparison", comparison(report.comparison()));
    }
    if (report.abtest() != null) {
      root.set("abtest", abtest(report.abtest()));
    }
    if (report.featureAblation() != null) {
      root.set("feature_ablation", report.featureAblation());
    }
    return root;
  }

  /** Writes {@code metrics.json} atomically. */
  public static void write(EvaluationReport report, Path file) {
    JsonNode json = toJson(report);
    AtomicFiles.writeFile(file, temporary -> MAPPER.writeValue(temporary.toFile(), json));
  }

  /** The JSON text of a tree, indented. */
  public static String text(JsonNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode model(ModelEntry entry) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", entry.type());
    node.put("seeds", entry.seeds());
    number(node, "train_seconds", entry.trainSeconds());
    ModelEvaluation evaluation = entry.evaluation();
    ObjectNode scenarios = node.putObject("scenarios");
    for (var scenario : evaluation.cells().entrySet()) {
      ObjectNode scenarioNode = scenarios.putObject(scenario.getKey());
      scenarioNode.set("tasks", tasks(scenario.getValue()));
    }
    ObjectNode activity = node.putObject("activity");
    for (var level : evaluation.byActivity().entrySet()) {
      ObjectNode levelNode = activity.putObject(String.valueOf(level.getKey()));
      ObjectNode levelScenarios = levelNode.putObject("scenarios");
      for (var scenario : level.getValue().entrySet()) {
        levelScenarios.putObject(scenario.getKey()).set("tasks", tasks(scenario.getValue()));
      }
    }
    ObjectNode overall = node.putObject("overall");
    for (var task : evaluation.overall().entrySet()) {
      ObjectNode taskNode = overall.putObject(task.getKey());
      taskNode.set("traffic_weighted", summary(task.getValue().trafficWeighted()));
      taskNode.set("macro", summary(task.getValue().macro()));
    }
    if (entry.training() != null) {
      node.set("training", training(entry.training()));
    }
    return node;
  }

  private static ObjectNode tasks(Map<String, TaskMetrics> tasks) {
    ObjectNode node = MAPPER.createObjectNode();
    for (var task : tasks.entrySet()) {
      TaskMetrics m = task.getValue();
      ObjectNode t = node.putObject(task.getKey());
      number(t, "auc", m.auc());
      number(t, "auc_low", m.aucLow());
      number(t, "auc_high", m.aucHigh());
      number(t, "gauc", m.gauc());
      t.put("gauc_users", m.gaucUsers());
      number(t, "logloss", m.logloss());
      number(t, "copc", m.copc());
      t.put("samples", m.samples());
      t.put("positives", m.positives());
      number(t, "oracle_auc", m.oracleAuc());
      number(t, "oracle_gap", m.oracleGap());
    }
    return node;
  }

  private static ObjectNode summary(ModelEvaluation.Summary summary) {
    ObjectNode node = MAPPER.createObjectNode();
    number(node, "auc", summary.auc());
    number(node, "gauc", summary.gauc());
    number(node, "logloss", summary.logloss());
    number(node, "copc", summary.copc());
    node.put("scenarios", summary.scenarios());
    return node;
  }

  private static ObjectNode comparison(Comparison comparison) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("baseline", comparison.baseline());
    ObjectNode models = node.putObject("models");
    for (var model : comparison.models().entrySet()) {
      ObjectNode modelNode = models.putObject(model.getKey());
      ObjectNode scenarios = modelNode.putObject("scenarios");
      for (var scenario : model.getValue().entrySet()) {
        ObjectNode tasks = scenarios.putObject(scenario.getKey()).putObject("tasks");
        for (var task : scenario.getValue().entrySet()) {
          CellComparison c = task.getValue();
          ObjectNode t = tasks.putObject(task.getKey());
          number(t, "auc_delta", c.aucDelta());
          number(t, "auc_delta_low", c.low());
          number(t, "auc_delta_high", c.high());
          number(t, "gauc_delta", c.gaucDelta());
          number(t, "logloss_delta", c.loglossDelta());
          t.put("verdict", c.verdict().name().toLowerCase(java.util.Locale.ROOT));
        }
      }
      var seesaw = modelNode.putArray("seesaw");
      comparison.seesaw(model.getKey()).forEach(seesaw::add);
    }
    return node;
  }

  private static ObjectNode training(TrainingHistory history) {
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode epochs = node.putArray("epochs");
    for (TrainingHistory.Epoch epoch : history.epochs()) {
      ObjectNode e = epochs.addObject();
      e.put("epoch", epoch.epoch());
      number(e, "seconds", epoch.seconds());
      e.put("samples", epoch.samples());
      ObjectNode loss = e.putObject("train_loss");
      epoch.trainLoss().forEach((task, value) -> number(loss, task, value));
      ObjectNode auc = e.putObject("validation_auc");
      epoch
          .validationAuc()
          .forEach(
              (scenario, tasks) -> {
                ObjectNode s = auc.putObject(scenario);
                tasks.forEach((task, value) -> number(s, task, value));
              });
    }
    node.put("best_epoch", history.bestEpoch());
    node.put("stopped_early", history.stoppedEarly());
    return node;
  }

  private static ObjectNode abtest(AbTest test) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("a", test.a());
    node.put("b", test.b());
    node.put("users", test.users());
    node.put("seed", test.seed());
    ObjectNode scenarios = node.putObject("scenarios");
    test.scenarios()
        .forEach(
            (id, scenario) -> {
              ObjectNode s = scenarios.putObject(id);
              s.put("list_size", scenario.listSize());
              s.put("candidates", scenario.candidates());
              s.put("requests", scenario.requests());
              s.set("rates", rates(scenario.rates()));
              ObjectNode activity = s.putObject("activity");
              scenario
                  .activity()
                  .forEach(
                      (level, rates) -> {
                        ObjectNode l = activity.putObject(String.valueOf(level));
                        l.put("requests", rates.requests());
                        l.set("rates", rates(rates.rates()));
                      });
            });
    return node;
  }

  private static ObjectNode rates(Map<String, AbTest.Rate> rates) {
    ObjectNode node = MAPPER.createObjectNode();
    rates.forEach(
        (task, rate) -> {
          ObjectNode r = node.putObject(task);
          number(r, "a", rate.a());
          number(r, "b", rate.b());
          number(r, "lift", rate.lift());
          number(r, "lift_low", rate.liftLow());
          number(r, "lift_high", rate.liftHigh());
        });
    return node;
  }

  /** Puts a number, or null when it is NaN or infinite. */
  static void number(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }
}
