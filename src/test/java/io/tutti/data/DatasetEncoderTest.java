package io.tutti.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tutti.common.TuttiException;
import io.tutti.config.FeatureConfig;
import io.tutti.config.TuttiConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset read through another encoder: how a model scores data it was not trained on. */
class DatasetEncoderTest {
  @TempDir Path dir;

  @Test
  void numericFeaturesFollowTheGivenEncodersStatistics() {
    TuttiConfig config = DataFixtures.write(dir.resolve("a"));
    Datasets.compile(config, dir.resolve("a/samples.csv"), dir.resolve("a/compiled"), false);
    Dataset trained = Datasets.open(dir.resolve("a/compiled"), config);

    // The same world with every age doubled: its own statistics differ from the first one's.
    String doubled =
        DataFixtures.SAMPLES
            .replace(",50,", ",100,")
            .replace(",40,", ",80,")
            .replace(",30,", ",60,")
            .replace(",20,", ",40,");
    TuttiConfig other =
        DataFixtures.write(dir.resolve("b"), DataFixtures.CONFIG, doubled, DataFixtures.PLAYS);
    Datasets.compile(other, dir.resolve("b/samples.csv"), dir.resolve("b/compiled"), false);
    Dataset fresh = Datasets.open(dir.resolve("b/compiled"), other);
    FeatureConfig age = other.feature("age").orElseThrow();
    assertNotEquals(trained.encoder().toJson(), fresh.encoder().toJson());

    Dataset throughModel = fresh.withEncoder(trained.encoder());
    Batch own = DataFixtures.readAll(fresh, Split.TRAIN);
    Batch read = DataFixtures.readAll(throughModel, Split.TRAIN);
    int numeric = own.numeric.length / own.scenario.length;
    for (int i = 0; i < read.size; i++) {
      float raw = age(doubled, read.sampleIndex[i]);
      if (Float.isNaN(raw)) {
        continue;
      }
      float expected = trained.encoder().normalized(age, trained.encoder().transformed(age, raw));
      assertEquals(expected, read.numeric[i * numeric], 1e-6f);
      assertEquals(
          fresh.encoder().normalized(age, fresh.encoder().transformed(age, raw)),
          own.numeric[i * numeric],
          1e-6f);
    }
  }

  /** The raw age of the sample at {@code index} (its row among the sample rows), NaN if empty. */
  private static float age(String samples, long index) {
    String[] fields = samples.lines().skip(1 + index).findFirst().orElseThrow().split(",", -1);
    return fields[8].isEmpty() ? Float.NaN : Float.parseFloat(fields[8]);
  }

  @Test
  void anEncoderOfAnotherConfigurationIsRefused() {
    TuttiConfig config = DataFixtures.write(dir.resolve("a"));
    Datasets.compile(config, dir.resolve("a/samples.csv"), dir.resolve("a/compiled"), false);
    Dataset dataset = Datasets.open(dir.resolve("a/compiled"), config);
    TuttiConfig other =
        DataFixtures.write(
            dir.resolve("b"),
            DataFixtures.CONFIG.replace("buckets: 1000", "buckets: 999"),
            DataFixtures.SAMPLES,
            DataFixtures.PLAYS);
    Datasets.compile(other, dir.resolve("b/samples.csv"), dir.resolve("b/compiled"), false);
    FeatureEncoder foreign = Datasets.open(dir.resolve("b/compiled"), other).encoder();
    TuttiException error = assertThrows(TuttiException.class, () -> dataset.withEncoder(foreign));
    assertEquals(
        "The encoder given for dataset "
            + dir.resolve("a/compiled")
            + " was fitted under another configuration of data, tasks, scenarios or features.",
        error.getMessage());
  }
}
