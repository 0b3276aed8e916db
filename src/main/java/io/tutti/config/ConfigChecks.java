package io.tutti.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need the whole file: unique ids, tasks that no scenario has, private features
 * claimed twice, shared embedding tables and the sequences' features.
 *
 * <p>It also resolves {@code share_embedding}: a feature that shares a table gets the table's
 * buckets, vocabulary and width, so that {@link FeatureConfig#tableRows()} is right for every
 * feature. A public feature may share only a public table, and a private one a public table or one
 * of its own scenario: a table is trained by the part of the model that owns it, and a private
 * table reached from the public network would no longer be private.
 */
final class ConfigChecks {
  private final Problems problems;

  ConfigChecks(Problems problems) {
    this.problems = problems;
  }

  /** Where a feature was declared: its key path and its scenario (-1 when public). */
  private record Declaration(FeatureConfig feature, String path, int scenario) {}

  /** Checks {@code config} and returns it with shared tables resolved. */
  TuttiConfig check(TuttiConfig config) {
    checkTasksAndScenarios(config);
    Map<String, Declaration> features = checkFeatureNames(config);
    FeaturesConfig publicFeatures = resolvePublic(config.features(), features);
    List<ScenarioConfig> scenarios = new ArrayList<>();
    for (int s = 0; s < config.scenarios().size(); s++) {
      scenarios.add(resolvePrivate(config.scenarios().get(s), s, features));
    }
    checkSequences(config, features);
    return new TuttiConfig(
        config.source(),
        config.formatVersion(),
        config.name(),
        config.data(),
        config.tasks(),
        scenarios,
        publicFeatures,
        config.sequences(),
        config.model(),
        config.training());
  }

  private void checkTasksAndScenarios(TuttiConfig config) {
    Map<String, Integer> taskIds = new HashMap<>();
    for (int t = 0; t < config.tasks().size(); t++) {
      String id = config.tasks().get(t).id();
      Integer first = id == null ? null : taskIds.putIfAbsent(id, t);
      if (first != null) {
        problems.add(
            "tasks[" + t + "].id",
            "duplicate task id, first declared at tasks[" + first + "]",
            YamlNode.quote(id),
            "an id unique among the tasks");
      }
    }

    Map<String, Integer> scenarioIds = new HashMap<>();
    Map<String, Integer> sourceValues = new HashMap<>();
    Set<String> usedTasks = new HashSet<>();
    for (int s = 0; s < config.scenarios().size(); s++) {
      ScenarioConfig scenario = config.scenarios().get(s);
      usedTasks.addAll(scenario.tasks());
      Integer first = scenario.id() == null ? null : scenarioIds.putIfAbsent(scenario.id(), s);
      if (first != null) {
        problems.add(
            "scenarios[" + s + "].id",
            "duplicate scenario id, first declared at scenarios[" + first + "]",
            YamlNode.quote(scenario.id()),
            "an id unique among the scenarios");
        continue;
      }
      // Two scenarios reading the same rows would each train on the other's samples.
      Integer sameRows =
          scenario.sourceValue() == null
              ? null
              : sourceValues.putIfAbsent(scenario.sourceValue(), s);
      if (sameRows != null) {
        problems.add(
            "scenarios[" + s + "].source_value",
            "same source value as scenarios[" + sameRows + "]",
            YamlNode.quote(scenario.sourceValue()),
            "a value of data.scenario_column unique among the scenarios");
      }
    }

    List<String> scenarioList = scenarioIds.keySet().stream().sorted().toList();
    for (int t = 0; t < config.tasks().size(); t++) {
      String id = config.tasks().get(t).id();
      if (id != null && !usedTasks.contains(id) && !config.scenarios().isEmpty()) {
        problems.add(
            "tasks[" + t + "].id",
            "no scenario has this task",
            YamlNode.quote(id),
            "a task listed under the tasks of at least one of the scenarios " + scenarioList);
      }
    }
  }

  /** Every feature by name, reporting names declared twice. */
  private Map<String, Declaration> checkFeatureNames(TuttiConfig config) {
    List<Declaration> declarations = new ArrayList<>();
    FeaturesConfig features = config.features();
    addAll(declarations, features.user(), "features.user", -1);
    addAll(declarations, features.item(), "features.item", -1);
    addAll(declarations, features.context(), "features.context", -1);
    for (int s = 0; s < config.scenarios().size(); s++) {
      addAll(
          declarations,
          config.scenarios().get(s).privateFeatures(),
          "scenarios[" + s + "].private_features",
          s);
    }

    Map<String, Declaration> byName = new LinkedHashMap<>();
    for (Declaration declaration : declarations) {
      String name = declaration.feature().name();
      Declaration first = name == null ? null : byName.putIfAbsent(name, declaration);
      if (first == null) {
        continue;
      }
      String problem;
      if (first.scenario() < 0 && declaration.scenario() >= 0) {
        problem = "private feature also declared public at " + first.path();
      } else if (first.scenario() >= 0 && first.scenario() != declaration.scenario()) {
        problem = "private feature claimed by two scenarios, also at " + first.path();
      } else {
        problem = "duplicate feature name, first declared at " + first.path();
      }
      problems.add(
          declaration.path() + ".name",
          problem,
          YamlNode.quote(name),
          "a name unique among the public and private features");
    }
    return byName;
  }

  private static void addAll(
      List<Declaration> declarations, List<FeatureConfig> features, String path, int scenario) {
    for (int f = 0; f < features.size(); f++) {
      declarations.add(new Declaration(features.get(f), path + "[" + f + "]", scenario));
    }
  }

  private FeaturesConfig resolvePublic(FeaturesConfig features, Map<String, Declaration> byName) {
    return new FeaturesConfig(
        resolveAll(features.user(), "features.user", -1, byName),
        resolveAll(features.item(), "features.item", -1, byName),
        resolveAll(features.context(), "features.context", -1, byName));
  }

  private ScenarioConfig resolvePrivate(
      ScenarioConfig scenario, int s, Map<String, Declaration> byName) {
    List<FeatureConfig> resolved =
        resolveAll(scenario.privateFeatures(), "scenarios[" + s + "].private_features", s, byName);
    return new ScenarioConfig(
        scenario.id(),
        scenario.sourceValue(),
        scenario.itemType(),
        scenario.tasks(),
        scenario.mainTask(),
        scenario.samplingRate(),
        scenario.lossWeights(),
        scenario.scoreWeights(),
        resolved);
  }

  private List<FeatureConfig> resolveAll(
      List<FeatureConfig> features, String path, int scenario, Map<String, Declaration> byName) {
    List<FeatureConfig> resolved = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      FeatureConfig feature = features.get(f);
      String share = feature.shareEmbedding();
      if (share == null || feature.type() == FeatureType.NUMERIC) {
        resolved.add(feature);
        continue;
      }
      Declaration target = byName.get(share);
      String refusal = shareRefusal(feature, scenario, target);
      if (refusal != null) {
        List<String> tables = tableOwners(byName, scenario, feature.name());
        problems.add(
            path + "[" + f + "].share_embedding",
            refusal,
            YamlNode.quote(share),
            "the name of one of the features that own a table here " + tables);
        resolved.add(feature);
        continue;
      }
      FeatureConfig table = target.feature();
      resolved.add(
          new FeatureConfig(
              feature.name(),
              feature.column(),
              feature.type(),
              table.buckets(),
              table.vocabulary(),
              table.embeddingDim(),
              share,
              feature.normalization(),
              feature.separator(),
              feature.maxValues(),
              feature.overfitProne()));
    }
    return resolved;
  }

  /** Why a feature of {@code scenario} (-1: public) may not share the target's table, or null. */
  private static String shareRefusal(FeatureConfig feature, int scenario, Declaration target) {
    if (target == null) {
      return "shares the table of an unknown feature";
    }
    if (target.feature().name().equals(feature.name())) {
      return "a feature cannot share its own table";
    }
    if (target.feature().type() == FeatureType.NUMERIC) {
      return "shares the table of a numeric feature, which has none";
    }
    if (target.feature().shareEmbedding() != null) {
      return "shares the table of a feature that itself shares one";
    }
    if (target.scenario() >= 0 && target.scenario() != scenario) {
      return "shares a table private to scenarios[" + target.scenario() + "]";
    }
    return null;
  }

  /** The features whose tables a feature of {@code scenario} may share. */
  private static List<String> tableOwners(
      Map<String, Declaration> byName, int scenario, String except) {
    return byName.values().stream()
        .filter(d -> d.feature().type() != FeatureType.NUMERIC)
        .filter(d -> d.feature().shareEmbedding() == null)
        .filter(d -> d.scenario() < 0 || d.scenario() == scenario)
        .map(d -> d.feature().name())
        .filter(name -> !name.equals(except))
        .toList();
  }

  private void checkSequences(TuttiConfig config, Map<String, Declaration> byName) {
    List<SequenceConfig> sequences = config.sequences();
    if (!sequences.isEmpty() && config.data().behaviour() == null) {
      problems.add(
          "sequences",
          "sequences are cut from the behaviour log, and data.behaviour is not set",
          sequences.size() + (sequences.size() == 1 ? " sequence" : " sequences"),
          "a data.behaviour section, or no sequences");
    }

    // Sequences feed the user's common interest, which is public, so only public tables.
    List<String> publicEmbedded =
        byName.values().stream()
            .filter(d -> d.scenario() < 0 && d.feature().type() != FeatureType.NUMERIC)
            .map(d -> d.feature().name())
            .toList();
    Set<String> roles = new HashSet<>();
    for (int q = 0; q < sequences.size(); q++) {
      SequenceConfig sequence = sequences.get(q);
      if (sequence.id() != null && !roles.add(sequence.id())) {
        problems.add(
            "sequences[" + q + "].id",
            "duplicate sequence id",
            YamlNode.quote(sequence.id()),
            "each of " + String.join(", ", SequenceConfig.ROLES) + " at most once");
      }
      String feature = sequence.feature();
      if (feature != null && !publicEmbedded.contains(feature)) {
        Declaration declared = byName.get(feature);
        String problem =
            declared == null
                ? "unknown feature"
                : declared.scenario() >= 0
                    ? "a private feature cannot feed the public interest"
                    : "a numeric feature has no embedding table";
        problems.add(
            "sequences[" + q + "].feature",
            problem,
            YamlNode.quote(feature),
            "one of the public embedded features " + publicEmbedded);
      }
    }
  }
}
