package io.tutti.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.FeatureEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ranking request, checked field by field, and its encoding into a {@link Batch}.
 *
 * <p>The JSON form ({@code POST /v1/scenarios/{scenario}/rank}):
 *
 * <pre>
 * {
 *   "user":       {"user_id": "u17", "hour": 21},          columns of the user's side
 *   "sequences":  {"short": ["s9", "s3"], "long": [...]},   raw item ids, most recent first
 *   "candidates": [{"song_id": "s42", "genre": "rock"}, ...],
 *   "score_weights": {"play": 1.0, "like": 0.5},            optional, replaces the configured ones
 *   "top_k": 30,                                           optional: answer only the best k
 *   "request_id": "abc"                                    optional, echoed back
 * }
 * </pre>
 *
 * <p>Columns are the raw column names of the data files (see {@link ScenarioSchema}); a column may
 * stand on either side, and a candidate's value wins over the user's. Each candidate is encoded as
 * one sample: the user's columns, the candidate's columns and the scenario's source value in the
 * scenario column, through the model's {@link FeatureEncoder#encode} as the dataset compiler does.
 * A sequence longer than its configured {@code max_length} keeps its most recent events, as
 * training does.
 */
final class RankRequest {
  static final List<String> FIELDS =
      List.of("user", "sequences", "candidates", "score_weights", "top_k", "request_id");

  final ScenarioSchema schema;
  final Map<String, Object> user;
  final Map<String, List<Object>> sequences;
  final List<Map<String, Object>> candidates;
  final double[] weights;
  final int topK;
  final String requestId;

  private RankRequest(
      ScenarioSchema schema,
      Map<String, Object> user,
      Map<String, List<Object>> sequences,
      List<Map<String, Object>> candidates,
      double[] weights,
      int topK,
      String requestId) {
    this.schema = schema;
    this.user = user;
    this.sequences = sequences;
    this.candidates = candidates;
    this.weights = weights;
    this.topK = topK;
    this.requestId = requestId;
  }

  /**
   * Reads and checks a request body.
   *
   * @throws ApiException (400) naming the first field at fault
   */
  static RankRequest parse(
      JsonNode body, ScenarioSchema schema, TuttiConfig config, int maxCandidates) {
    if (body == null || !body.isObject()) {
      throw ApiException.badField(
          "(body)", kind(body), "is not a JSON object", "an object with the fields " + FIELDS);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badField(name, name, "is not a field of a rank request", FIELDS);
      }
    }

    Map<String, Object> user = new HashMap<>();
    JsonNode userNode = body.get("user");
    if (userNode != null && !userNode.isNull()) {
      readColumns(userNode, "user", schema, user);
    }

    Map<String, List<Object>> sequences = readSequences(body.get("sequences"), config);

    JsonNode candidatesNode = body.get("candidates");
    if (candidatesNode == null || !candidatesNode.isArray() || candidatesNode.isEmpty()) {
      throw ApiException.badField(
          "candidates",
          kind(candidatesNode),
          "must be a non-empty array",
          "1 to " + maxCandidates + " candidate objects");
    }
    if (candidatesNode.size() > maxCandidates) {
      throw ApiException.badField(
          "candidates",
          candidatesNode.size() + " candidates",
          "has too many candidates",
          "at most " + maxCandidates + " (the server's --max-candidates)");
    }
    String itemColumn = config.data().itemColumn();
    List<Map<String, Object>> candidates = new ArrayList<>(candidatesNode.size());
    for (int i = 0; i < candidatesNode.size(); i++) {
      String field = "candidates[" + i + "]";
      Map<String, Object> columns = new HashMap<>(user);
      readColumns(candidatesNode.get(i), field, schema, columns);
      if (columns.get(itemColumn) == null) {
        throw ApiException.badField(
            field + "." + itemColumn,
            null,
            "is required",
            "the candidate's item id in column '" + itemColumn + "'");
      }
      columns.put(config.data().scenarioColumn(), schema.scenario().sourceValue());
      candidates.add(columns);
    }

    double[] weights = readWeights(body.get("score_weights"), schema);
    int topK = readTopK(body.get("top_k"), candidates.size());
    JsonNode id = body.get("request_id");
    if (id != null && !id.isNull() && !id.isValueNode()) {
      throw ApiException.badField("request_id", kind(id), "is not text", "a string or a number");
    }
    String requestId = id == null || id.isNull() ? null : id.asText();
    return new RankRequest(schema, user, sequences, candidates, weights, topK, requestId);
  }

  /**
   * Encodes every candidate into a new batch, row {@code i} for candidate {@code i}.
   *
   * @throws ApiException (400) when a value cannot be encoded, naming the candidate
   */
  Batch encode(FeatureEncoder encoder) {
    int n = candidates.size();
    Batch batch = encoder.newBatch(n);
    for (int i = 0; i < n; i++) {
      try {
        // The sequences are the user's, the same for every candidate: encode them once, on row 0,
        // and copy the encoded rows below.
        encoder.encode(candidates.get(i), i == 0 ? sequences : Map.of(), batch, i);
      } catch (TuttiException e) {
        throw new ApiException(
            400, "candidates[" + i + "]: " + e.getMessage(), "candidates[" + i + "]", null, null);
      }
    }
    for (int q = 0; q < batch.sequences.length; q++) {
      int[] values = batch.sequences[q];
      int length = values.length / n;
      for (int i = 1; i < n; i++) {
        System.arraycopy(values, 0, values, i * length, length);
        batch.sequenceLengths[q][i] = batch.sequenceLengths[q][0];
      }
    }
    batch.size = n;
    return batch;
  }

  private static void readColumns(
      JsonNode node, String field, ScenarioSchema schema, Map<String, Object> into) {
    if (!node.isObject()) {
      throw ApiException.badField(
          field, kind(node), "is not a JSON object", "an object of column name to raw value");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String column = entry.getKey();
      String path = field + "." + column;
      if (!schema.accepts(column)) {
        throw ApiException.badField(
            path,
            column,
            "is not a column of scenario " + schema.scenario().id(),
            schema.acceptedColumns());
      }
      into.put(column, value(entry.getValue(), path, schema.multiValued().contains(column)));
    }
  }

  /** A JSON value as the data readers give raw values: text, Long, Double, Boolean or a list. */
  private static Object value(JsonNode node, String path, boolean multiValued) {
    if (node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.asText();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray() && multiValued) {
      List<Object> values = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        if (element.isContainerNode()) {
          throw ApiException.badField(
              path + "[" + i + "]", kind(element), "is not a single value", "text or a number");
        }
        values.add(value(element, path + "[" + i + "]", false));
      }
      return values;
    }
    throw ApiException.badField(
        path,
        kind(node),
        "is not a single value",
        multiValued
            ? "text, a number, a boolean, null or an array of values"
            : "text, a number, a boolean or null");
  }

  private static Map<String, List<Object>> readSequences(JsonNode node, TuttiConfig config) {
    Map<String, List<Object>> sequences = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return sequences;
    }
    List<String> ids = ScenarioSchema.sequenceIds(config);
    if (!node.isObject()) {
      throw ApiException.badField(
          "sequences", kind(node), "is not a JSON object", "an object of sequence id to ids");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = "sequences." + entry.getKey();
      if (!ids.contains(entry.getKey())) {
        throw ApiException.badField(
            path, entry.getKey(), "is not a sequence of the model", ids.isEmpty() ? "none" : ids);
      }
      JsonNode events = entry.getValue();
      if (!events.isArray()) {
        throw ApiException.badField(
            path, kind(events), "is not an array", "an array of raw ids, the most recent first");
      }
      List<Object> values = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        JsonNode event = events.get(i);
        if (event.isContainerNode()) {
          throw ApiException.badField(
              path + "[" + i + "]", kind(event), "is not a single id", "text or a number");
        }
        values.add(value(event, path + "[" + i + "]", false));
      }
      sequences.put(entry.getKey(), values);
    }
    return sequences;
  }

  private static double[] readWeights(JsonNode node, ScenarioSchema schema) {
    if (node == null || node.isNull()) {
      return schema.weights();
    }
    if (!node.isObject()) {
      throw ApiException.badField(
          "score_weights", kind(node), "is not a JSON object", "an object of task to weight");
    }
    double[] weights = new double[schema.tasks().size()];
    double total = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = "score_weights." + entry.getKey();
      int position = schema.taskPosition(entry.getKey());
      if (position < 0) {
        throw ApiException.badField(
            path,
            entry.getKey(),
            "is not a task of scenario " + schema.scenario().id(),
            schema.tasks());
      }
      JsonNode weight = entry.getValue();
      if (!weight.isNumber() || !(weight.doubleValue() >= 0) || weight.doubleValue() > 1e6) {
        throw ApiException.badField(path, kind(weight), "is not a valid weight", "a number >= 0");
      }
      weights[position] = weight.doubleValue();
      total += weight.doubleValue();
    }
    if (total <= 0) {
      throw ApiException.badField(
          "score_weights", node.toString(), "has no positive weight", "at least one weight > 0");
    }
    return weights;
  }

  private static int readTopK(JsonNode node, int candidates) {
    if (node == null || node.isNull()) {
      return candidates;
    }
    if (!node.isIntegralNumber() || node.asLong() < 1) {
      throw ApiException.badField("top_k", kind(node), "is not a valid count", "an integer >= 1");
    }
    return (int) Math.min(node.asLong(), candidates);
  }

  /** How a JSON value is shown in an error: small values as they are, others by their kind. */
  private static Object kind(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isValueNode()) {
      return node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
    }
    return node.isArray() ? "an array of " + node.size() : "an object";
  }
}
