package io.tutti.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads features, public or private, checking what one feature can check alone: its keys for its
 * type, its sizes, and that it has exactly one of buckets and vocabulary unless it shares a table.
 *
 * <p>References between features ({@code share_embedding}) are checked, and the shared table's size
 * and width copied in, once every feature is read: see {@link ConfigChecks}.
 */
final class FeatureReader {
  static final String SEPARATOR = "|";
  static final int MAX_VALUES = 8;

  private static final List<String> NUMERIC_KEYS =
      List.of("name", "column", "type", "normalization");
  private static final List<String> CATEGORICAL_KEYS =
      List.of(
          "name", "column", "type", "buckets", "vocabulary", "embedding_dim", "share_embedding");
  private static final List<String> MULTI_KEYS =
      concat(CATEGORICAL_KEYS, "separator", "max_values");
  private static final List<String> ALL_KEYS = concat(MULTI_KEYS, "normalization");

  private final int defaultEmbeddingDim;

  FeatureReader(int defaultEmbeddingDim) {
    this.defaultEmbeddingDim = defaultEmbeddingDim;
  }

  /** The features of a list; private ones also accept {@code overfit_prone}. */
  List<FeatureConfig> readList(YamlNode list, boolean isPrivate) {
    List<FeatureConfig> features = new ArrayList<>();
    for (YamlNode element : list.elements("a list of features")) {
      features.add(read(element, isPrivate));
    }
    return features;
  }

  /**
   * One feature. Keys that do not apply to its type are refused; their record values are the
   * documented defaults, so that a record never holds a null where a value is documented.
   */
  FeatureConfig read(YamlNode node, boolean isPrivate) {
    if (!node.isMapping("a feature: a mapping with name and type")) {
      return new FeatureConfig(
          null,
          null,
          null,
          0,
          List.of(),
          defaultEmbeddingDim,
          null,
          Normalization.STANDARD,
          SEPARATOR,
          MAX_VALUES,
          false);
    }

    String name = ConfigReader.readId(node.get("name"));
    String column = node.get("column").text(name);
    FeatureType type = readType(node.get("type"));
    String what =
        (isPrivate ? "a private " : "a public ")
            + (type == null ? "" : type.yamlName() + " ")
            + "feature";
    node.checkKeys(acceptedKeys(type, isPrivate), what);

    // A feature that shares a table looks its values up exactly as the owner of the table
    // does, so it takes the table's size and width from there rather than declaring them.
    String shareEmbedding = node.get("share_embedding").text(null);
    int buckets = 0;
    List<String> vocabulary = List.of();
    int embeddingDim = defaultEmbeddingDim;
    if (type != FeatureType.NUMERIC) {
      YamlNode bucketsNode = node.get("buckets");
      YamlNode vocabularyNode = node.get("vocabulary");
      buckets = bucketsNode.integer(0, b -> b > 0, "an integer > 0");
      vocabulary = readVocabulary(vocabularyNode);
      embeddingDim =
          node.get("embedding_dim").integer(defaultEmbeddingDim, d -> d > 0, "an integer > 0");
      if (shareEmbedding != null) {
        for (YamlNode declared : List.of(bucketsNode, vocabularyNode, node.get("embedding_dim"))) {
          if (declared.isPresent()) {
            declared.refuse(
                "a feature with share_embedding takes this from the shared feature",
                "no " + declared.path().substring(declared.path().lastIndexOf('.') + 1));
          }
        }
      } else if (bucketsNode.isPresent() == vocabularyNode.isPresent()) {
        node.problems()
            .add(
                node.path(),
                "an embedded feature needs exactly one of buckets and vocabulary",
                bucketsNode.isPresent() ? "both" : "neither",
                "buckets (to hash values) or vocabulary (a list of values)");
      }
    }

    Normalization normalization = readNormalization(node.get("normalization"));
    String separator = node.get("separator").text(SEPARATOR);
    if (separator.isEmpty()) {
      node.get("separator").refuse("empty separator", "one or more characters");
    }
    int maxValues = node.get("max_values").integer(MAX_VALUES, m -> m > 0, "an integer > 0");
    boolean overfitProne = node.get("overfit_prone").bool(false);
    return new FeatureConfig(
        name,
        column,
        type,
        buckets,
        vocabulary,
        embeddingDim,
        shareEmbedding,
        normalization,
        separator,
        maxValues,
        overfitProne);
  }

  /** The keys a feature of {@code type} accepts; every key when the type is unknown. */
  static List<String> acceptedKeys(FeatureType type, boolean isPrivate) {
    List<String> keys =
        type == null
            ? ALL_KEYS
            : switch (type) {
              case NUMERIC -> NUMERIC_KEYS;
              case CATEGORICAL -> CATEGORICAL_KEYS;
              case MULTI_CATEGORICAL -> MULTI_KEYS;
            };
    return isPrivate ? concat(keys, "overfit_prone") : keys;
  }

  private static FeatureType readType(YamlNode node) {
    List<String> accepted = Arrays.stream(FeatureType.values()).map(FeatureType::yamlName).toList();
    String text = node.require("one of " + String.join(", ", accepted)) ? node.text(null) : null;
    String type = text == null ? null : node.choice(null, accepted);
    return type == null ? null : FeatureType.parse(type);
  }

  private static Normalization readNormalization(YamlNode node) {
    List<String> accepted =
        Arrays.stream(Normalization.values()).map(Normalization::yamlName).toList();
    String normalization = node.choice(null, accepted);
    return normalization == null ? Normalization.STANDARD : Normalization.parse(normalization);
  }

  private static List<String> readVocabulary(YamlNode node) {
    List<String> vocabulary = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String accepted = "a non-empty list of distinct values";
    for (YamlNode element : node.elements(accepted, node.isPresent())) {
      String value = element.text(null);
      if (value == null) {
        element.refuse("missing vocabulary value", "a value");
      } else if (!seen.add(value)) {
        element.refuse("duplicate vocabulary value", accepted);
      } else {
        vocabulary.add(value);
      }
    }
    return vocabulary;
  }

  private static List<String> concat(List<String> keys, String... more) {
    List<String> all = new ArrayList<>(keys);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }
}
