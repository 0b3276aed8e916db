package io.tutti.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON bodies the server writes: a ranking, the model's description and an error, all through
 * Jackson (a ranking through its streaming generator, the answer on the hot path).
 */
final class ServeJson {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  private ServeJson() {}

  /** {@code GET /v1/model}: version, tasks, sequences, limits and each scenario's columns. */
  static ObjectNode describeModel(ServingModel model, ServeSettings settings) {
    TuttiConfig config = model.bundle().config();
    ObjectNode root = JSON.createObjectNode();
    root.put("model_version", model.version());
    root.put("name", config.name());
    ArrayNode tasks = root.putArray("tasks");
    config.tasks().forEach(t -> tasks.add(t.id()));
    ArrayNode sequences = root.putArray("sequences");
    for (SequenceConfig sequence : config.sequences()) {
      sequences.addObject().put("id", sequence.id()).put("max_length", sequence.maxLength());
    }
    ObjectNode limits = root.putObject("limits");
    limits.put("max_candidates", settings.maxCandidates());
    limits.put("max_body_bytes", settings.maxBodyBytes());
    ArrayNode scenarios = root.putArray("scenarios");
    for (ScenarioSchema schema : model.schemas().values()) {
      ObjectNode node = scenarios.addObject();
      node.put("id", schema.scenario().id());
      node.put("item_type", schema.scenario().itemType());
      node.put("main_task", schema.scenario().mainTask());
      ArrayNode own = node.putArray("tasks");
      schema.tasks().forEach(own::add);
      ObjectNode weights = node.putObject("score_weights");
      for (int t = 0; t < schema.tasks().size(); t++) {
        weights.put(schema.tasks().get(t), schema.weights()[t]);
      }
      ArrayNode user = node.putArray("user_columns");
      schema.userColumns().forEach(user::add);
      ArrayNode candidate = node.putArray("candidate_columns");
      schema.candidateColumns().forEach(candidate::add);
      ArrayNode multi = node.putArray("multi_valued_columns");
      schema.acceptedColumns().stream().filter(schema.multiValued()::contains).forEach(multi::add);
    }
    return root;
  }

  /** The answer to a rank request: the candidates from the best combined score down. */
  static byte[] rankAnswer(ServingModel model, RankRequest request, Ranking ranking) {
    ScenarioSchema schema = request.schema;
    String itemColumn = model.bundle().config().data().itemColumn();
    List<String> tasks = schema.tasks();
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + request.topK * 96);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      if (request.requestId != null) {
        json.writeStringField("request_id", request.requestId);
      }
      json.writeStringField("scenario", schema.scenario().id());
      json.writeStringField("model_version", model.version());
      json.writeArrayFieldStart("tasks");
      for (String task : tasks) {
        json.writeString(task);
      }
      json.writeEndArray();
      json.writeObjectFieldStart("score_weights");
      for (int t = 0; t < tasks.size(); t++) {
        json.writeNumberField(tasks.get(t), request.weights[t]);
      }
      json.writeEndObject();
      json.writeArrayFieldStart("candidates");
      for (int r = 0; r < request.topK; r++) {
        int i = ranking.order()[r];
        json.writeStartObject();
        json.writeNumberField("rank", r + 1);
        json.writeNumberField("index", i);
        Object item = request.candidates.get(i).get(itemColumn);
        json.writeFieldName("item");
        json.writeString(String.valueOf(item));
        json.writeNumberField("score", ranking.scores()[i]);
        json.writeObjectFieldStart("probabilities");
        for (int t = 0; t < tasks.size(); t++) {
          json.writeNumberField(tasks.get(t), ranking.probabilities()[i * tasks.size() + t]);
        }
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An error body: the message, the status, and the field, value and accepted when known. */
  static ObjectNode errorBody(ApiException e) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", e.getMessage());
    body.put("status", e.status());
    if (e.field() != null) {
      body.put("field", e.field());
    }
    if (e.seen() != null) {
      body.set("seen", JSON.valueToTree(e.seen()));
    }
    if (e.accepted() != null) {
      body.set("accepted", JSON.valueToTree(e.accepted()));
    }
    return body;
  }
}
