package io.tutti.config;

import java.util.List;

/**
 * The model's architecture and its ablation switches; every default is in {@link #defaults()} and
 * in docs/config.md.
 *
 * @param type {@code unified} or a baseline: {@code separate}, {@code shared_bottom}, {@code mmoe},
 *     {@code ple}, {@code star}
 * @param embeddingDim width of every embedding unless a feature sets its own (16)
 * @param interest {@code hierarchical} attention over the sequences, or {@code mean_pool} (the
 *     ablation) (hierarchical)
 * @param longTopK the cheap first stage over the long sequence keeps this many events, the ones
 *     most similar to the user's short-term interest, for exact attention; 0 attends over all (64)
 * @param attentionHeads heads of every attention (2)
 * @param publicUnits hidden layers of the public network ([128, 64])
 * @param sen whether each scenario has its scenario expert network tower (true)
 * @param senUnits width of a SEN's tokens and output (32)
 * @param privateFeatures whether private features are used at all (true)
 * @param taskMask whether absent tasks are masked out of the loss; false reads them as negatives,
 *     the ablation (true)
 * @param experts shared experts of the MMoE layer; PLE: shared experts per level (4)
 * @param taskExperts PLE: experts per task per level (1)
 * @param pleLevels PLE: number of CGC levels (2)
 * @param expertUnits hidden layers of each expert ([64])
 * @param towerUnits hidden layers of each task tower ([32])
 * @param dropout dropout on hidden layers while training (0.1)
 * @param overfitDropout dropout on overfit-prone private features (0.3)
 * @param overfitL2 L2 weight on the embeddings of overfit-prone private features (1e-4)
 * @param l2 L2 weight on dense weights (0)
 */
public record ModelConfig(
    String type,
    int embeddingDim,
    String interest,
    int longTopK,
    int attentionHeads,
    List<Integer> publicUnits,
    boolean sen,
    int senUnits,
    boolean privateFeatures,
    boolean taskMask,
    int experts,
    int taskExperts,
    int pleLevels,
    List<Integer> expertUnits,
    List<Integer> towerUnits,
    double dropout,
    double overfitDropout,
    double overfitL2,
    double l2) {

  /** The accepted model types. */
  public static final List<String> TYPES =
      List.of("unified", "separate", "shared_bottom", "mmoe", "ple", "star");

  /** The accepted interest modules. */
  public static final List<String> INTERESTS = List.of("hierarchical", "mean_pool");

  public ModelConfig {
    publicUnits = List.copyOf(publicUnits);
    expertUnits = List.copyOf(expertUnits);
    towerUnits = List.copyOf(towerUnits);
  }

  /** The documented defaults. */
  public static ModelConfig defaults() {
    return new ModelConfig(
        "unified",
        16,
        "hierarchical",
        64,
        2,
        List.of(128, 64),
        true,
        32,
        true,
        true,
        4,
        1,
        2,
        List.of(64),
        List.of(32),
        0.1,
        0.3,
        1e-4,
        0.0);
  }

  /** The same settings with another model type: how baselines share one config. */
  public ModelConfig withType(String newType) {
    return new ModelConfig(
        newType,
        embeddingDim,
        interest,
        longTopK,
        attentionHeads,
        publicUnits,
        sen,
        senUnits,
        privateFeatures,
        taskMask,
        experts,
        taskExperts,
        pleLevels,
        expertUnits,
        towerUnits,
        dropout,
        overfitDropout,
        overfitL2,
        l2);
  }
}
