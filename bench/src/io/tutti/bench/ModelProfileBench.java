package io.tutti.bench;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.model.ModelFixtures;
import io.tutti.model.Models;
import io.tutti.model.StepProfiler;
import io.tutti.model.TrainableModel;
import java.nio.file.Files;
import java.util.List;

/**
 * Profiles training steps of the unified model of {@link ModelStepBench} with TensorFlow's full
 * trace: the op time by op type, by graph scope and by op, averaged over nothing (one traced step
 * after warm-up, printed per traced step).
 *
 * <pre>
 *   bench/run ModelProfileBench [THREADS [LONG_LENGTH [TOP [TRACED_STEPS]]]]  defaults: 2 200 25 2
 * </pre>
 */
public final class ModelProfileBench {
  private ModelProfileBench() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int longLength = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int top = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    int traced = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    TuttiConfig config =
        ModelFixtures.config(
            Files.createTempDirectory("tutti-bench"), ModelStepBench.yaml(threads, longLength));
    List<Batch> batches =
        List.of(
            ModelStepBench.batch(config, 1),
            ModelStepBench.batch(config, 2),
            ModelStepBench.batch(config, 3));
    try (TrainableModel model = Models.create(config)) {
      for (int step = 0; step < 5; step++) {
        model.train(batches.get(step % 3), ModelStepBench.settings(step));
      }
      for (int step = 0; step < traced; step++) {
        System.out.printf("traced step %d, long %d, %d threads%n", step, longLength, threads);
        System.out.println(
            StepProfiler.profile(
                model, batches.get(step % 3), ModelStepBench.settings(5 + step), top));
      }
    }
  }
}
