package io.tutti.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.config.TuttiConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of the parts of a configuration that decide a compiled dataset's content: the data
 * section, tasks, scenarios, features and sequences.
 *
 * <p>Left out on purpose: the model and training sections, and per scenario the settings read only
 * at training or serving time (sampling rate, loss and score weights, main task, item type), and
 * each feature's embedding width; changing them must not force a recompile. Paths are left out too:
 * the files they name enter the cache key by size and modification time instead.
 */
final class ConfigDigest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private ConfigDigest() {}

  /** The hex SHA-256 of the compiled-content parts of {@code config}. */
  static String of(TuttiConfig config) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode data = JSON.valueToTree(config.data());
    data.remove("samples");
    if (data.get("behaviour") instanceof ObjectNode behaviour) {
      behaviour.remove("path");
    }
    root.set("data", data);
    root.set("tasks", withoutFields(JSON.valueToTree(config.tasks()), "lossWeight"));
    ArrayNode scenarios = JSON.valueToTree(config.scenarios());
    for (var scenario : scenarios) {
      ((ObjectNode) scenario)
          .remove(
              java.util.List.of(
                  "samplingRate", "lossWeights", "scoreWeights", "mainTask", "itemType"));
      withoutFields((ArrayNode) scenario.get("privateFeatures"), "embeddingDim", "overfitProne");
    }
    root.set("scenarios", scenarios);
    root.set(
        "features",
        withoutFields(JSON.valueToTree(config.features().all()), "embeddingDim", "overfitProne"));
    root.set("sequences", JSON.valueToTree(config.sequences()));
    return sha256(root.toString());
  }

  /** The hex SHA-256 of UTF-8 text. */
  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static ArrayNode withoutFields(ArrayNode items, String... fields) {
    if (items == null) {
      return null;
    }
    for (var item : items) {
      ((ObjectNode) item).remove(java.util.List.of(fields));
    }
    return items;
  }
}
