package io.tutti.train;

import io.tutti.common.AtomicFiles;
import io.tutti.common.CsvToParquet;
import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.model.Scorer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores samples of a dataset with a model and writes one row per sample: {@code sample_index,
 * split, user_key, item_key, scenario}, then one probability column per task, empty where the
 * sample's scenario lacks the task.
 *
 * <p>{@code sample_index} is the sample's position in the compiled dataset (the order of the kept
 * rows of the sample files); {@code user_key} and {@code item_key} are the 64-bit keys the dataset
 * stores for the raw ids (FeatureEncoder.idKey), since the compiled dataset keeps no raw ids.
 * Probabilities are written in Java's shortest exact form, so reading them back gives the very
 * floats the model returned.
 *
 * <p>The format follows the file's extension: {@code .csv} or {@code .parquet} (written through
 * DuckDB from a temporary CSV). Either is written atomically.
 */
public final class Predictions {
  /** The accepted output extensions. */
  public static final List<String> EXTENSIONS = List.of(".csv", ".parquet");

  private Predictions() {}

  /**
   * Scores every sample of {@code splits}, in split then dataset order, and writes {@code out}.
   *
   * @return the rows written
   */
  public static long write(
      Scorer scorer, Dataset dataset, List<Split> splits, Path out, int batchSize) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      long[] rows = new long[1];
      AtomicFiles.writeFile(
          out, temporary -> rows[0] = writeCsv(scorer, dataset, splits, temporary, batchSize));
      return rows[0];
    }
    if (name.endsWith(".parquet")) {
      long[] rows = new long[1];
      AtomicFiles.writeFile(
          out,
          temporary -> {
            Path csv = AtomicFiles.temporarySibling(temporary);
            try {
              rows[0] = writeCsv(scorer, dataset, splits, csv, batchSize);
              csvToParquet(dataset.config(), csv, temporary);
            } finally {
              Files.deleteIfExists(csv);
            }
          });
      return rows[0];
    }
    throw new TuttiException(
        "The output file "
            + out
            + " has an extension Tutti cannot write; accepted: "
            + String.join(", ", EXTENSIONS)
            + ".");
  }

  private static long writeCsv(
      Scorer scorer, Dataset dataset, List<Split> splits, Path file, int batchSize)
      throws IOException {
    TuttiConfig config = dataset.config();
    int tasks = config.tasks().size();
    int scenarios = config.scenarios().size();
    boolean[][] masks = new boolean[scenarios][];
    for (int s = 0; s < scenarios; s++) {
      masks[s] = config.taskMask(s);
    }
    Batch batch = dataset.newBatch(batchSize);
    float[] probabilities = new float[batchSize * tasks];
    long rows = 0;
    try (Writer writer =
        new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      writer.write("sample_index,split,user_key,item_key,scenario");
      for (var task : config.tasks()) {
        writer.write(',');
        writer.write(task.id());
      }
      writer.write('\n');
      for (Split split : splits) {
        try (BatchStream stream = dataset.stream(split, StreamOptions.sequential(batchSize))) {
          while (stream.next(batch)) {
            scorer.predict(batch, probabilities);
            for (int i = 0; i < batch.size; i++) {
              int scenario = batch.scenario[i];
              StringBuilder line = new StringBuilder(64 + tasks * 12);
              line.append(batch.sampleIndex[i]).append(',').append(split.id()).append(',');
              line.append(batch.userKey[i]).append(',').append(batch.itemKey[i]).append(',');
              line.append(config.scenarios().get(scenario).id());
              for (int t = 0; t < tasks; t++) {
                line.append(',');
                if (masks[scenario][t]) {
                  line.append(probabilities[i * tasks + t]);
                }
              }
              line.append('\n');
              writer.write(line.toString());
            }
            rows += batch.size;
          }
        }
      }
    }
    return rows;
  }

  private static void csvToParquet(TuttiConfig config, Path csv, Path parquet) throws IOException {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("sample_index", "BIGINT");
    types.put("split", "VARCHAR");
    types.put("user_key", "BIGINT");
    types.put("item_key", "BIGINT");
    types.put("scenario", "VARCHAR");
    for (var task : config.tasks()) {
      types.put(task.id(), "FLOAT");
    }
    CsvToParquet.convert(List.of(csv), types, parquet);
  }
}
