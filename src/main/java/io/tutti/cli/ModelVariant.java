package io.tutti.cli;

import io.tutti.common.TuttiException;
import io.tutti.config.ModelConfig;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A model that {@code tutti compare} trains, by name: a model type ({@code unified}, {@code
 * separate}, {@code shared_bottom}, {@code mmoe}, {@code ple}, {@code star}) or an ablation of the
 * unified model ({@code unified-no-sen} and the others of {@link #ABLATIONS}), each a switch of the
 * config's {@code model} section so that every model shares features, data and training budget.
 *
 * @param name the name given, the one the report uses
 * @param config the config to train it with: the shared one with its model section switched
 */
record ModelVariant(String name, TuttiConfig config) {

  /** The ablations of the unified model: name suffix to the switch it turns. */
  static final Map<String, UnaryOperator<ModelConfig>> ABLATIONS = ablations();

  /** The model's type, e.g. {@code unified} for an ablation. */
  String type() {
    return config.model().type();
  }

  /**
   * Parses a comma-separated list of model names against the shared config.
   *
   * @throws TuttiException for an unknown or repeated name, listing the accepted ones
   */
  static List<ModelVariant> parse(String names, TuttiConfig shared) {
    List<ModelVariant> variants = new ArrayList<>();
    for (String raw : names.split(",", -1)) {
      String name = raw.strip();
      if (variants.stream().anyMatch(v -> v.name().equals(name))) {
        throw new TuttiException(
            "--models names '" + name + "' twice; each model is trained once per seed.");
      }
      variants.add(of(name, shared));
    }
    return variants;
  }

  /** The variant called {@code name}. */
  static ModelVariant of(String name, TuttiConfig shared) {
    if (ModelConfig.TYPES.contains(name)) {
      return new ModelVariant(name, shared.withModel(shared.model().withType(name)));
    }
    if (name.startsWith("unified-")) {
      UnaryOperator<ModelConfig> ablation = ABLATIONS.get(name.substring("unified-".length()));
      if (ablation != null) {
        ModelConfig unified = shared.model().withType("unified");
        return new ModelVariant(name, shared.withModel(ablation.apply(unified)));
      }
    }
    throw new TuttiException(
        "Unknown model '"
            + name
            + "' in --models; accepted: "
            + String.join(", ", ModelConfig.TYPES)
            + ", or unified-ABLATION with ABLATION one of "
            + String.join(", ", ABLATIONS.keySet())
            + ".");
  }

  private static Map<String, UnaryOperator<ModelConfig>> ablations() {
    Map<String, UnaryOperator<ModelConfig>> ablations = new LinkedHashMap<>();
    ablations.put("no-sen", m -> copy(m, m.interest(), false, m.privateFeatures(), m.taskMask()));
    ablations.put("no-task-mask", m -> copy(m, m.interest(), m.sen(), m.privateFeatures(), false));
    ablations.put(
        "mean-pool", m -> copy(m, "mean_pool", m.sen(), m.privateFeatures(), m.taskMask()));
    ablations.put("no-private", m -> copy(m, m.interest(), m.sen(), false, m.taskMask()));
    return Collections.unmodifiableMap(ablations);
  }

  /** {@code model} with its four ablation switches set. */
  private static ModelConfig copy(
      ModelConfig model, String interest, boolean sen, boolean privateFeatures, boolean taskMask) {
    return new ModelConfig(
        model.type(),
        model.embeddingDim(),
        interest,
        model.longTopK(),
        model.attentionHeads(),
        model.publicUnits(),
        sen,
        model.senUnits(),
        privateFeatures,
        taskMask,
        model.experts(),
        model.taskExperts(),
        model.pleLevels(),
        model.expertUnits(),
        model.towerUnits(),
        model.dropout(),
        model.overfitDropout(),
        model.overfitL2(),
        model.l2());
  }
}
