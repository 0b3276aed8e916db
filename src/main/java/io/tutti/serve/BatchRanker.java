package io.tutti.serve;

import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import io.tutti.config.DataConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.RawRows;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ranks every user's candidate set offline and keeps each user's top K: the daily list of 30 songs
 * for every user, say. Streaming, on every core, and resumable.
 *
 * <p>Input (layouts in docs/serving.md): a users file, one row per user, with the user-side columns
 * and each sequence in a column {@code seq_ID} (a list, or ids separated by {@code |} in CSV), and
 * a candidates file with the user id and the candidate-side columns, each user's candidates
 * together and the users in the users file's order. The two files are read side by side, once.
 *
 * <p>Work goes in chunks of users. A chunk is split into groups of about {@link #GROUP_ROWS}
 * candidates, scored in parallel (each group one batch through the model, encoded by its {@link
 * io.tutti.data.FeatureEncoder} exactly as the server does), then written as one part file,
 * atomically, followed by a progress record ({@code progress.json}, also atomic). After an
 * interruption the same command resumes: it skips the users the record counts as done and rewrites
 * the part that was being written, so no user is lost or written twice. The final file is assembled
 * from the parts at the end, and the parts are removed.
 */
public final class BatchRanker {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRanker.class);

  /**
   * Candidates per batch through the model, whole users at a time. Small batches measured faster
   * than large ones (ServeBench, 200 candidates per user: 8.7k scores/s at 512, 4.4k at 4,096, 10k
   * at one user per batch): the model's activations for a few hundred rows stay in cache.
   */
  static final int GROUP_ROWS = 256;

  /** The prefix of the users file's sequence columns: {@code seq_long}, {@code seq_short}. */
  public static final String SEQUENCE_PREFIX = UserFeed.SEQUENCE_PREFIX;

  /**
   * How a run goes.
   *
   * @param scenario the scenario whose tasks and private features rank the candidates
   * @param k items kept per user, at least 1
   * @param chunkUsers users per part file and progress record, at least 1
   * @param threads parallel scoring groups, at least 1
   */
  public record Settings(String scenario, int k, int chunkUsers, int threads) {
    public Settings {
      if (k < 1 || chunkUsers < 1 || threads < 1) {
        throw new TuttiException(
            "Batch ranking needs k, chunk users and threads of at least 1: seen k "
                + k
                + ", chunk users "
                + chunkUsers
                + ", threads "
                + threads
                + ".");
      }
    }
  }

  /**
   * What a run did.
   *
   * @param users users ranked in this run
   * @param candidates candidates scored in this run
   * @param resumedUsers users found done by an earlier, interrupted run
   * @param seconds wall-clock time of this run
   */
  public record Result(long users, long candidates, long resumedUsers, double seconds) {}

  /** One user with their candidates, ready to score. */
  private record Work(UserFeed.User user, List<Map<String, Object>> candidates) {}

  private final ModelBundle model;
  private final Settings settings;
  private final ScenarioSchema schema;
  private final TuttiConfig config;

  public BatchRanker(ModelBundle model, Settings settings) {
    this.model = model;
    this.settings = settings;
    this.config = model.config();
    config.scenario(settings.scenario());
    this.schema = ScenarioSchema.of(config).get(settings.scenario());
  }

  /** Ranks every user of {@code users} into {@code out} (.csv or .parquet), resuming if asked. */
  public Result run(Path users, Path candidates, Path out) {
    long started = System.nanoTime();
    RankOutput.format(out);
    RankProgress progress =
        RankProgress.open(
            out,
            RankProgress.run(
                settings.scenario(), settings.k(), model.version(), users, candidates));
    long resumed = progress.usersDone();
    if (resumed > 0) {
      LOG.info(
          "Resuming: {} users done in {} part(s) by an earlier run",
          resumed,
          progress.partsWritten());
    }
    List<String> header =
        RankOutput.header(config.data().userColumn(), config.data().itemColumn(), schema.tasks());

    long[] counts = new long[2];
    if (!progress.complete()) {
      ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
      try {
        stream(users, candidates, progress, header, pool, counts);
      } finally {
        pool.shutdownNow();
      }
    }
    RankOutput.assemble(progress.partFiles(), header, out);
    progress.remove();
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info(
        "Ranked {} users ({} candidates) of scenario {} into {} in {} s",
        counts[0],
        counts[1],
        settings.scenario(),
        out,
        String.format(java.util.Locale.ROOT, "%.1f", seconds));
    return new Result(counts[0], counts[1], resumed, seconds);
  }

  private void stream(
      Path users,
      Path candidates,
      RankProgress progress,
      List<String> header,
      ExecutorService pool,
      long[] counts) {
    DataConfig data = config.data();
    long skip = progress.usersDone();
    try (UserFeed feed = new UserFeed(users, config, schema)) {
      List<Work> chunk = new ArrayList<>();
      long[] done = {skip};
      int[] part = {progress.partsWritten()};
      long[] seen = {0};
      Work[] current = {null};
      RawRows.read(
          candidates,
          "auto",
          "candidates",
          row -> {
            String userId = row.text(data.userColumn());
            if (userId == null) {
              throw UserFeed.missingValue(
                  "Candidates", row, data.userColumn(), "each candidate names its user");
            }
            if (current[0] == null || !current[0].user().id().equals(userId)) {
              if (current[0] != null) {
                finish(current[0], chunk, seen, skip);
              }
              current[0] = new Work(feed.next(userId, row), new ArrayList<>());
              if (chunk.size() >= settings.chunkUsers()) {
                writeChunk(chunk, progress, part[0]++, done, header, pool, counts);
              }
            }
            if (seen[0] >= skip) {
              current[0].candidates().add(candidateColumns(row, current[0].user()));
            }
          });
      if (current[0] != null) {
        finish(current[0], chunk, seen, skip);
      }
      feed.requireEnd(candidates);
      if (!chunk.isEmpty() || part[0] == 0) {
        writeChunk(chunk, progress, part[0]++, done, header, pool, counts);
      }
      progress.commit(done[0], part[0], true);
    }
  }

  /** A user's last candidate has been read: the user joins the chunk, unless already done. */
  private void finish(Work work, List<Work> chunk, long[] seen, long skip) {
    if (seen[0]++ >= skip) {
      chunk.add(work);
    }
  }

  private Map<String, Object> candidateColumns(RawRows.Row row, UserFeed.User user) {
    Map<String, Object> columns = new HashMap<>(user.columns());
    for (String column : schema.candidateColumns()) {
      Object value = row.value(column);
      if (value != null) {
        columns.put(column, value);
      }
    }
    columns.put(config.data().scenarioColumn(), schema.scenario().sourceValue());
    if (columns.get(config.data().itemColumn()) == null) {
      throw UserFeed.missingValue(
          "Candidates", row, config.data().itemColumn(), "each candidate needs its item id");
    }
    return columns;
  }

  private void writeChunk(
      List<Work> chunk,
      RankProgress progress,
      int part,
      long[] done,
      List<String> header,
      ExecutorService pool,
      long[] counts) {
    // Groups of whole users, each about GROUP_ROWS candidates: one batch through the model each.
    List<List<Work>> groups = new ArrayList<>();
    List<Work> group = new ArrayList<>();
    int rows = 0;
    for (Work work : chunk) {
      if (!group.isEmpty() && rows + work.candidates().size() > GROUP_ROWS) {
        groups.add(group);
        group = new ArrayList<>();
        rows = 0;
      }
      group.add(work);
      rows += work.candidates().size();
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    List<Future<String>> scored = new ArrayList<>();
    for (List<Work> g : groups) {
      scored.add(pool.submit(() -> rankGroup(g)));
    }
    AtomicFiles.writeFile(
        progress.part(part),
        temporary -> {
          try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write(String.join(",", header));
            writer.newLine();
            for (Future<String> result : scored) {
              writer.write(result.get());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TuttiException("Batch ranking was interrupted.");
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
              throw runtime;
            }
            throw new TuttiException("Batch ranking failed: " + cause, cause);
          }
        });
    for (Work work : chunk) {
      counts[1] += work.candidates().size();
    }
    counts[0] += chunk.size();
    done[0] += chunk.size();
    progress.commit(done[0], part + 1, false);
    chunk.clear();
  }

  /** Scores one group of users in one batch and writes their top-K rows as CSV text. */
  private String rankGroup(List<Work> group) throws IOException {
    int rows = 0;
    for (Work work : group) {
      rows += work.candidates().size();
    }
    Batch batch = model.encoder().newBatch(Math.max(1, rows));
    int row = 0;
    for (Work work : group) {
      int first = row;
      for (Map<String, Object> candidate : work.candidates()) {
        try {
          // The sequences are the user's: encoded on the user's first row, copied below.
          model
              .encoder()
              .encode(candidate, row == first ? work.user().sequences() : Map.of(), batch, row);
        } catch (TuttiException e) {
          throw new TuttiException("User '" + work.user().id() + "': " + e.getMessage(), e);
        }
        if (row > first) {
          copySequences(batch, first, row);
        }
        row++;
      }
    }
    batch.size = rows;
    int tasks = config.tasks().size();
    float[] predictions = new float[rows * tasks];
    if (rows > 0) {
      model.scorer().predict(batch, predictions);
    }

    java.io.StringWriter text = new java.io.StringWriter(rows * 16);
    row = 0;
    for (Work work : group) {
      int count = work.candidates().size();
      Ranking ranking =
          Ranking.of(predictions, row, count, tasks, schema.taskIndices(), schema.weights());
      int kept = Math.min(settings.k(), count);
      for (int r = 0; r < kept; r++) {
        int i = ranking.order()[r];
        RankOutput.field(text, work.user().id());
        text.write(',');
        text.write(Integer.toString(r + 1));
        text.write(',');
        Object item = work.candidates().get(i).get(config.data().itemColumn());
        RankOutput.field(text, String.valueOf(item));
        text.write(',');
        text.write(Double.toString(ranking.scores()[i]));
        for (int t = 0; t < schema.tasks().size(); t++) {
          text.write(',');
          text.write(Float.toString(ranking.probabilities()[i * schema.tasks().size() + t]));
        }
        text.write('\n');
      }
      row += count;
    }
    return text.toString();
  }

  private static void copySequences(Batch batch, int from, int to) {
    for (int q = 0; q < batch.sequences.length; q++) {
      int[] values = batch.sequences[q];
      int length = values.length / batch.scenario.length;
      System.arraycopy(values, from * length, values, to * length, length);
      batch.sequenceLengths[q][to] = batch.sequenceLengths[q][from];
    }
  }
}
