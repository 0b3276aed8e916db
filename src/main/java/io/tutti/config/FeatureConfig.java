package io.tutti.config;

import java.util.List;

/**
 * One feature: a public one (user, item or context) shared by every scenario, or a private one that
 * only its scenario has.
 *
 * @param name unique across public and private features
 * @param column the raw column it reads (default: the name)
 * @param type categorical, numeric or multi-valued
 * @param buckets hash buckets of a categorical feature; 0 when it has a vocabulary or is numeric
 * @param vocabulary the accepted values of a categorical feature, in index order from 1; empty when
 *     it hashes
 * @param embeddingDim the width of its embedding (default: {@code model.embedding_dim})
 * @param shareEmbedding the categorical feature whose table this one looks up in, or null
 * @param normalization how a numeric feature is normalised (default: standard)
 * @param separator splits a multi-valued feature held as text (default: {@code |})
 * @param maxValues values kept per row of a multi-valued feature, the first ones (default: 8)
 * @param overfitProne private features only: dropout and L2 on this feature (default: false)
 */
public record FeatureConfig(
    String name,
    String column,
    FeatureType type,
    int buckets,
    List<String> vocabulary,
    int embeddingDim,
    String shareEmbedding,
    Normalization normalization,
    String separator,
    int maxValues,
    boolean overfitProne) {

  public FeatureConfig {
    vocabulary = List.copyOf(vocabulary);
  }

  /** Whether the feature looks values up in an embedding table (categorical or multi-valued). */
  public boolean isEmbedded() {
    return type != FeatureType.NUMERIC;
  }

  /**
   * Rows of the embedding table this feature indexes into: buckets or vocabulary size, plus row 0
   * for a missing or unknown value.
   */
  public int tableRows() {
    return (vocabulary.isEmpty() ? buckets : vocabulary.size()) + 1;
  }

  /** The table this feature's ids index: its own name, or the feature it shares a table with. */
  public String tableName() {
    return shareEmbedding == null ? name : shareEmbedding;
  }
}
