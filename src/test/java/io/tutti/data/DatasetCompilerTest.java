package io.tutti.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.TuttiConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCompilerTest {
  @TempDir Path temp;

  @Test
  void compiledSamplesKeepTheirValuesLabelsAndMasks() {
    TuttiConfig config = DataFixtures.write(temp.resolve("world"));
    Datasets.compile(config, null, temp.resolve("compiled"), false);
    try (Dataset dataset = Datasets.open(temp.resolve("compiled"), config)) {
      assertEquals(5, dataset.size());
      Batch all = readAllSplits(dataset);
      assertEquals(5, all.size);
    }
  }

  private static Batch readAllSplits(Dataset dataset) {
    Batch batch = dataset.newBatch(16);
    Batch train = DataFixtures.readAll(dataset, Split.TRAIN);
    assertTrue(train.size > 0);
    batch.size = (int) dataset.size();
    return batch;
  }
}
