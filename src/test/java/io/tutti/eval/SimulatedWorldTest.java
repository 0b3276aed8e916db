package io.tutti.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.model.Scorer;
import io.tutti.sim.MusicWorld;
import io.tutti.sim.Simulator;
import io.tutti.sim.WorldSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A/B test and the feature ablation on a tiny simulated world (120 listeners), with scorers
 * written here that read their inputs in a known way, so what each should do can be said exactly.
 */
class SimulatedWorldTest {
  @TempDir static Path temp;
  static MusicWorld world;
  static TuttiConfig config;
  static Dataset dataset;

  @BeforeAll
  static void simulate() {
    Path directory = temp.resolve("world");
    Simulator.simulate(WorldSettings.defaults().withUsers(120), directory, 1);
    world = MusicWorld.load(directory);
    config = ConfigLoader.load(directory.resolve("tutti.yaml"));
    Datasets.compile(config, null, temp.resolve("compiled"), false);
    dataset = Datasets.open(temp.resolve("compiled"), config);
  }

  @AfterAll
  static void close() {
    dataset.close();
  }

  @Test
  void aModelAgainstItselfHasNoLift() {
    AbTest test = abtest(new InputScorer(config, 1), new InputScorer(config, 1), 7);
    for (AbTest.Scenario scenario : test.scenarios().values()) {
      assertTrue(scenario.requests() > 0);
      for (AbTest.Rate rate : scenario.rates().values()) {
        assertEquals(rate.a(), rate.b(), 0);
        assertEquals(0, rate.lift(), 0);
        assertEquals(0, rate.liftLow(), 0);
        assertEquals(0, rate.liftHigh(), 0);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameTestAndTheLiftsHaveIntervals() {
    AbTest first = abtest(new InputScorer(config, 1), new InputScorer(config, -1), 7);
    AbTest second = abtest(new InputScorer(config, 1), new InputScorer(config, -1), 7);
    assertEquals(first, second);
    assertEquals(
        List.of("daily", "stream", "playlist", "mgc"), List.copyOf(first.scenarios().keySet()));
    AbTest.Scenario daily = first.scenarios().get("daily");
    assertEquals(30, daily.listSize());
    assertEquals(List.of("play", "complete", "like"), List.copyOf(daily.rates().keySet()));
    AbTest.Rate play = daily.rates().get("play");
    // Opposite rankings show different lists, so the rates differ, with an interval around the
    // lift.
    assertNotEquals(play.a(), play.b());
    assertEquals(play.a() / play.b() - 1, play.lift(), 1e-12);
    assertTrue(play.liftLow() <= play.lift() && play.lift() <= play.liftHigh(), play.toString());
    // Every request counts once overall and once in its activity level.
    long perLevel = daily.activity().values().stream().mapToLong(AbTest.Level::requests).sum();
    assertEquals(daily.requests(), perLevel);
    assertTrue(first.users() <= 40);
  }

  @Test
  void maskingAScenariosPrivateFeaturesMovesOnlyThatScenariosScores() {
    InputScorer scorer = new InputScorer(config, 1);
    EvaluationScores full = FeatureAblation.score(scorer, dataset, null, 256);
    Map<String, FeatureAblation.Group> groups = byName(FeatureAblation.groups(config));
    EvaluationScores masked =
        FeatureAblation.score(scorer, dataset, groups.get("private:stream").masker(), 256);
    for (int s = 0; s < config.scenarios().size(); s++) {
      for (int t : full.tasksOf(s)) {
        float[] before = full.cell(s, t).scores();
        float[] after = masked.cell(s, t).scores();
        int n = full.cell(s, t).size();
        boolean changed = false;
        for (int i = 0; i < n; i++) {
          changed |= before[i] != after[i];
        }
        String scenario = config.scenarios().get(s).id();
        assertEquals(scenario.equals("stream"), changed, scenario + " task " + t);
      }
    }
  }

  @Test
  void ablationLossIsTheFullAucMinusTheMaskedOne() {
    InputScorer scorer = new InputScorer(config, 1);
    Map<String, FeatureAblation.Group> groups = byName(FeatureAblation.groups(config));
    assertTrue(
        groups
            .keySet()
            .containsAll(
                List.of(
                    "feature:user_id", "feature:release_year", "private:daily", "sequence:long")),
        groups.keySet().toString());
    FeatureAblation.Result result =
        FeatureAblation.run(
            "input",
            scorer,
            dataset,
            List.of(groups.get("feature:genre"), groups.get("private:daily")),
            256);
    // The scorer does not read genre: masking it loses nothing anywhere.
    for (String scenario : List.of("daily", "stream", "playlist", "mgc")) {
      for (String task : result.full().get(scenario).keySet()) {
        double full = result.full().get(scenario).get(task);
        double masked = result.masked().get("feature:genre").get(scenario).get(task);
        // A cell without positives has no AUC either way (NaN); every other is unchanged.
        assertEquals(full, masked, 0, scenario + "/" + task);
      }
    }
    assertEquals(0, result.loss("private:daily", "stream", "play"), 0);
    double expected =
        result.full().get("daily").get("play")
            - result.masked().get("private:daily").get("daily").get("play");
    assertTrue(Double.isFinite(expected));
    assertEquals(expected, result.loss("private:daily", "daily", "play"), 0);
    var json = result.toJson();
    assertEquals("mask", json.get("mode").asText());
    assertEquals(
        expected,
        json.at("/groups/private:daily/scenarios/daily/tasks/play/auc_loss").asDouble(),
        1e-12);
  }

  private static AbTest abtest(Scorer a, Scorer b, long seed) {
    return SimulatedAbTest.run(
        world, dataset, new SimulatedAbTest.Arm("a", a), new SimulatedAbTest.Arm("b", b), 40, seed);
  }

  private static Map<String, FeatureAblation.Group> byName(List<FeatureAblation.Group> groups) {
    Map<String, FeatureAblation.Group> map = new java.util.LinkedHashMap<>();
    groups.forEach(g -> map.put(g.name(), g));
    return map;
  }

  /**
   * Scores every task of a sample with {@code sign} times a weighted sum of its item id, release
   * year, short sequence length and own private inputs, squashed to (0, 1): it reads no genre.
   */
  static final class InputScorer implements Scorer {
    private final TuttiConfig config;
    private final int sign;

    InputScorer(TuttiConfig config, int sign) {
      this.config = config;
      this.sign = sign;
    }

    @Override
    public TuttiConfig config() {
      return config;
    }

    @Override
    public void predict(Batch batch, float[] out) {
      int rows = batch.scenario.length;
      int categorical = batch.categorical.length / rows;
      int numeric = batch.numeric.length / rows;
      int tasks = config.tasks().size();
      int itemColumn = 2; // user_id, age_band, item_id, ...: the item id's place
      int yearColumn = 0; // release_year is the only public numeric feature
      for (int i = 0; i < batch.size; i++) {
        int s = batch.scenario[i];
        double x = (batch.categorical[i * categorical + itemColumn] % 97) / 97.0;
        x += 0.3 * batch.numeric[i * numeric + yearColumn];
        x += 0.01 * batch.sequenceLengths[2][i];
        int privateCategorical = batch.privateCategorical[s].length / rows;
        for (int f = 0; f < privateCategorical; f++) {
          x += 0.001 * (batch.privateCategorical[s][i * privateCategorical + f] % 13);
        }
        int privateNumeric = batch.privateNumeric[s].length / rows;
        for (int f = 0; f < privateNumeric; f++) {
          x += 0.5 * batch.privateNumeric[s][i * privateNumeric + f];
        }
        for (int t = 0; t < tasks; t++) {
          out[i * tasks + t] = (float) (1 / (1 + Math.exp(-sign * (x + 0.1 * t))));
        }
      }
    }

    @Override
    public void close() {}
  }
}
