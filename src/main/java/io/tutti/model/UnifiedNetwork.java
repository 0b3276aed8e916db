package io.tutti.model;

import io.tutti.common.TuttiException;
import io.tutti.config.ModelConfig;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The unified multi-scenario, multi-task model ({@code model.type: unified}): a sparse part (the
 * shared embedding tables), a public part (the user's common interest), a private part (one
 * scenario expert network per scenario) and an over part (MMoE and a tower per task).
 *
 * <pre>
 *   public features  F          [batch, f]       embeddings, pooled multi-values, numerics
 *   interest         I          [batch, i]       {@link InterestModule}
 *   common interest  P = mlp([F, I])             [batch, public_units.last]
 *   private          S = own SEN(P, private)     [batch, sen_units]   {@link PrivateDomain}
 *   task logits      Z = mmoe([P, S])            [batch, tasks]       {@link MultiGateMixture}
 * </pre>
 *
 * <p>Ablations: {@code sen: false} averages the private tokens instead of a SEN; {@code
 * private_features: false} drops them (the SEN then sees the common interest alone); {@code
 * interest: mean_pool} replaces attention by means; {@code task_mask: false} acts in the loss.
 */
final class UnifiedNetwork implements Network {
  private final TuttiConfig config;
  private final int longCandidates;

  UnifiedNetwork(TuttiConfig config, int longCandidates) {
    this.config = config;
    this.longCandidates = longCandidates;
  }

  @Override
  public Pass build(Layers layers, GraphInputs inputs, EmbeddingTables tables) {
    Ops tf = layers.tf;
    ModelConfig model = config.model();

    // Every lookup is declared first, then gathered once per table width.
    PublicParts declared = declarePublic(layers, config, inputs, tables, longCandidates);
    EmbeddingLookup lookup = declared.lookup();
    PublicFeatures publicFeatures = declared.features();
    InterestModule interest = declared.interest();
    PrivateDomain privateDomain = new PrivateDomain(layers, config, inputs, lookup);
    lookup.resolve();

    Operand<TFloat32> commonInput = publicInput(tf, publicFeatures, interest);
    long commonInputWidth = publicFeatures.width() + interest.width();
    Operand<TFloat32> commonInterest =
        layers.mlp("public", commonInput, commonInputWidth, model.publicUnits(), model.dropout());
    long commonWidth = model.publicUnits().get(model.publicUnits().size() - 1);

    Operand<TFloat32> scenarioOneHot = scenarioOneHot(tf, inputs, config);
    Operand<TFloat32> overInput = commonInterest;
    long overWidth = commonWidth;
    if (privateDomain.present()) {
      Operand<TFloat32> own = privateDomain.output(commonInterest, commonWidth, scenarioOneHot);
      overInput = tf.concat(List.of(commonInterest, own), tf.constant(1));
      overWidth += privateDomain.width();
    }

    MultiGateMixture mixture =
        new MultiGateMixture(
            layers,
            "mmoe",
            model.experts(),
            model.expertUnits(),
            model.towerUnits(),
            model.dropout());
    Operand<TFloat32> taskLogits = mixture.logits(overInput, overWidth, config.tasks().size());
    return new Pass(taskLogits, privateDomain.regularisation(scenarioOneHot), lookup.gathered());
  }

  /** The lookup of one pass with the public features' and the interest's requests in it. */
  record PublicParts(EmbeddingLookup lookup, PublicFeatures features, InterestModule interest) {}

  /** Phase 1 of the public part, shared by every architecture: declares its lookups. */
  static PublicParts declarePublic(
      Layers layers,
      TuttiConfig config,
      GraphInputs inputs,
      EmbeddingTables tables,
      int longCandidates) {
    EmbeddingLookup lookup = new EmbeddingLookup(layers, tables);
    PublicFeatures features = new PublicFeatures(layers, config, inputs, lookup);
    InterestModule interest =
        new InterestModule(layers, config, inputs, lookup, features, longCandidates);
    return new PublicParts(lookup, features, interest);
  }

  /** The public features and the interest side by side; an error when there is neither. */
  static Operand<TFloat32> publicInput(
      Ops tf, PublicFeatures publicFeatures, InterestModule interest) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    Operand<TFloat32> features = publicFeatures.vector();
    if (features != null) {
      parts.add(features);
    }
    if (interest.present()) {
      parts.add(interest.vector());
    }
    if (parts.isEmpty()) {
      throw new TuttiException(
          "The config declares no public feature and no sequence, so the model has no input;"
              + " accepted: at least one feature under features.");
    }
    return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(1));
  }

  /** {@code [batch, scenarios]}: 1 at each sample's scenario. */
  static Operand<TFloat32> scenarioOneHot(Ops tf, GraphInputs inputs, TuttiConfig config) {
    return tf.oneHot(
        inputs.ints(ModelSignature.SCENARIO),
        tf.constant(config.scenarios().size()),
        tf.constant(1f),
        tf.constant(0f));
  }
}
