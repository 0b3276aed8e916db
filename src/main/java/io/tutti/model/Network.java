package io.tutti.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The forward pass of one model architecture, built into a graph once per pass (training with
 * dropout, inference without); both passes share their weights through {@link Parameters}.
 */
interface Network {

  /**
   * What a pass computes.
   *
   * @param logits {@code [batch, tasks]}
   * @param regularisation a scalar added to the training objective, or null
   * @param gathered the embedding rows the pass looked up, one entry per stacked table
   */
  record Pass(
      Operand<TFloat32> logits,
      Operand<TFloat32> regularisation,
      List<EmbeddingLookup.Gathered> gathered) {}

  /** Builds one pass on {@code inputs}. */
  Pass build(Layers layers, GraphInputs inputs, EmbeddingTables tables);
}
