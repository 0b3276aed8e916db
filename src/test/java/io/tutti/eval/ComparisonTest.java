package io.tutti.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import io.tutti.data.Batch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final int SAMPLES = 4000;

  /**
   * A model whose daily/play scores carry {@code signal} about the label; mgc/click scores carry
   * {@code clickSignal}. The same labels for every model, as on a shared test split.
   */
  private static EvaluationScores model(double signal, double clickSignal, long noiseSeed) {
    Random labels = new Random(5);
    Random noise = new Random(noiseSeed);
    int[] scenario = new int[SAMPLES];
    float[][] label = new float[SAMPLES][];
    long[] users = new long[SAMPLES];
    byte[] activity = new byte[SAMPLES];
    float[] probabilities = new float[SAMPLES * 3];
    for (int i = 0; i < SAMPLES; i++) {
      scenario[i] = i % 2;
      float y = labels.nextDouble() < 0.4 ? 1 : 0;
      label[i] = scenario[i] == 0 ? new float[] {y, Float.NaN, 0} : new float[] {0, 0, y};
      users[i] = i % 50;
      double strength = scenario[i] == 0 ? signal : clickSignal;
      float p = (float) (1 / (1 + Math.exp(-(strength * (2 * y - 1) + noise.nextGaussian()))));
      probabilities[i * 3 + (scenario[i] == 0 ? 0 : 2)] = p;
    }
    Batch batch = EvalFixtures.batch(scenario, label, users, activity);
    EvaluationScores scores = new EvaluationScores(EvalFixtures.config());
    scores.add(batch, probabilities);
    return scores;
  }

  @Test
  void flagsWorseBeyondNoiseAsSeesawAndBetterAsBetter() {
    Map<String, List<EvaluationScores>> runs = new LinkedHashMap<>();
    runs.put("separate", List.of(model(1.0, 1.0, 1)));
    // Much better on daily/play, much worse on mgc/click.
    runs.put("unified", List.of(model(2.0, 0.2, 2)));
    Map<String, ModelEvaluation> evaluations = new LinkedHashMap<>();
    runs.forEach((name, r) -> evaluations.put(name, ModelEvaluation.of(name, r.get(0), 3)));

    Comparison comparison = Comparison.of("separate", runs, evaluations, 9);
    CellComparison play = comparison.models().get("unified").get("daily").get("play");
    CellComparison click = comparison.models().get("unified").get("mgc").get("click");
    assertEquals(CellComparison.Verdict.BETTER, play.verdict());
    assertEquals(CellComparison.Verdict.WORSE, click.verdict());
    assertTrue(play.low() <= play.aucDelta() && play.aucDelta() <= play.high());
    assertEquals(List.of("mgc/click"), comparison.seesaw("unified"));
  }

  @Test
  void aModelAgainstAnEqualModelIsWithinNoise() {
    Map<String, List<EvaluationScores>> runs = new LinkedHashMap<>();
    runs.put("separate", List.of(model(1.0, 1.0, 1)));
    runs.put("same", List.of(model(1.0, 1.0, 2)));
    Map<String, ModelEvaluation> evaluations = new LinkedHashMap<>();
    runs.forEach((name, r) -> evaluations.put(name, ModelEvaluation.of(name, r.get(0), 3)));
    Comparison comparison = Comparison.of("separate", runs, evaluations, 9);
    assertEquals(
        CellComparison.Verdict.WITHIN_NOISE,
        comparison.models().get("same").get("daily").get("play").verdict());
  }

  @Test
  void refusesAnUnknownBaseline() {
    Map<String, List<EvaluationScores>> runs = Map.of("unified", List.of(model(1, 1, 1)));
    TuttiException error =
        assertThrows(TuttiException.class, () -> Comparison.of("separate", runs, Map.of(), 1));
    assertEquals(
        "The baseline 'separate' is not among the models compared: [unified].", error.getMessage());
  }
}
