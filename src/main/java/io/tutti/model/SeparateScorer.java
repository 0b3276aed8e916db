package io.tutti.model;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.util.Arrays;
import java.util.List;

/**
 * Scores every scenario with that scenario's own specialist ({@code model.type: separate}): each
 * sample goes to the model of its scenario, and its probabilities come back in the full config's
 * task order. A task the sample's scenario lacks gets NaN: no specialist predicts it.
 *
 * <p>Thread-safe as its specialists are: each call works in batches of its own.
 */
public final class SeparateScorer implements Scorer {
  private final TuttiConfig config;
  private final List<ScenarioSlice> slices;
  private final List<Scorer> specialists;

  /**
   * @param config the full, multi-scenario config
   * @param slices one per scenario, in config order
   * @param specialists the model of each slice, in the same order; closed with this scorer
   */
  public SeparateScorer(TuttiConfig config, List<ScenarioSlice> slices, List<Scorer> specialists) {
    if (slices.size() != config.scenarios().size() || specialists.size() != slices.size()) {
      throw new IllegalArgumentException(
          "one slice and one specialist per scenario are needed: "
              + config.scenarios().size()
              + " scenarios, "
              + slices.size()
              + " slices, "
              + specialists.size()
              + " specialists");
    }
    this.config = config;
    this.slices = List.copyOf(slices);
    this.specialists = List.copyOf(specialists);
  }

  @Override
  public TuttiConfig config() {
    return config;
  }

  @Override
  public void predict(Batch batch, float[] out) {
    int tasks = config.tasks().size();
    Arrays.fill(out, 0, batch.size * tasks, Float.NaN);
    for (int s = 0; s < slices.size(); s++) {
      ScenarioSlice slice = slices.get(s);
      int rows = 0;
      for (int i = 0; i < batch.size; i++) {
        if (batch.scenario[i] == s) {
          rows++;
        }
      }
      if (rows == 0) {
        continue;
      }

      Batch own = slice.newBatch(rows);
      slice.take(batch, 0, own);
      int[] taskIndices = slice.taskIndices();
      float[] probabilities = new float[rows * taskIndices.length];
      specialists.get(s).predict(own, probabilities);

      // The k-th row of the scenario's batch is the k-th row of the scenario in the full batch.
      int k = 0;
      for (int i = 0; i < batch.size; i++) {
        if (batch.scenario[i] == s) {
          for (int t = 0; t < taskIndices.length; t++) {
            out[i * tasks + taskIndices[t]] = probabilities[k * taskIndices.length + t];
          }
          k++;
        }
      }
    }
  }

  @Override
  public void close() {
    for (Scorer specialist : specialists) {
      specialist.close();
    }
  }
}
