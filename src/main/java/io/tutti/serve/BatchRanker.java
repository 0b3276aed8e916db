package io.tutti.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import io.tutti.config.DataConfig;
import io.tutti.config.SequenceConfig;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROGRESS = "progress.json";
  private static final String PROGRESS_FORMAT = "tutti-rank-batch-progress";

  /**
   * Candidates per batch through the model, whole users at a time. Small batches measured faster
   * than large ones (ServeBench, 200 candidates per user: 8.7k scores/s at 512, 4.4k at 4,096, 10k
   * at one user per batch): the model's activations for a few hundred rows stay in cache.
   */
  static final int GROUP_ROWS = 256;

  /** The prefix of the users file's sequence columns: {@code seq_long}, {@code seq_short}. */
  public static final String SEQUENCE_PREFIX = "seq_";

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

  /**
   * One user of the users file: the columns every candidate of theirs shares. A user with a {@code
   * failure} carries the users reader's error to the ranking thread instead.
   */
  private record User(
      String id,
      Map<String, Object> columns,
      Map<String, List<Object>> sequences,
      String failure) {}

  /** One user with their candidates, ready to score. */
  private record Work(User user, List<Map<String, Object>> candidates) {}

  private static final User END = new User(null, Map.of(), Map.of(), null);

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
    Path parts = out.resolveSibling("." + out.getFileName() + ".parts");
    ObjectNode fingerprint = fingerprint(users, candidates);
    long[] progress = readProgress(parts, fingerprint, out);
    long resumed = progress[0];
    if (resumed > 0) {
      LOG.info("Resuming: {} users done in {} part(s) by an earlier run", resumed, progress[1]);
    }
    List<String> header =
        RankOutput.header(config.data().userColumn(), config.data().itemColumn(), schema.tasks());

    long[] counts = new long[2];
    if (progress[2] == 0) {
      ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
      try {
        stream(
            users,
            candidates,
            resumed,
            (int) progress[1],
            parts,
            fingerprint,
            header,
            pool,
            counts);
      } finally {
        pool.shutdownNow();
      }
    }
    RankOutput.assemble(partFiles(parts), header, out);
    AtomicFiles.deleteQuietly(parts);
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
      long skip,
      int firstPart,
      Path parts,
      ObjectNode fingerprint,
      List<String> header,
      ExecutorService pool,
      long[] counts) {
    DataConfig data = config.data();
    BlockingQueue<User> queue = new ArrayBlockingQueue<>(1024);
    Thread reader = startUserReader(users, queue);
    try {
      List<Work> chunk = new ArrayList<>();
      long[] done = {skip};
      int[] part = {firstPart};
      long[] seen = {0};
      Work[] current = {null};
      RawRows.read(
          candidates,
          "auto",
          "candidates",
          row -> {
            String userId = row.text(data.userColumn());
            if (userId == null) {
              throw new TuttiException(
                  "Candidates file "
                      + row.file()
                      + ", row "
                      + row.row()
                      + ": column '"
                      + data.userColumn()
                      + "' has no value; each candidate names its user.");
            }
            if (current[0] == null || !current[0].user().id().equals(userId)) {
              if (current[0] != null) {
                finish(current[0], chunk, seen, skip);
              }
              current[0] = new Work(nextUser(queue, userId, row), new ArrayList<>());
              if (chunk.size() >= settings.chunkUsers()) {
                writeChunk(chunk, parts, part[0]++, done, fingerprint, header, pool, counts);
              }
            }
            if (seen[0] >= skip) {
              current[0].candidates().add(candidateColumns(row, current[0].user()));
            }
          });
      if (current[0] != null) {
        finish(current[0], chunk, seen, skip);
      }
      requireNoUserLeft(queue, candidates);
      if (!chunk.isEmpty() || part[0] == 0) {
        writeChunk(chunk, parts, part[0]++, done, fingerprint, header, pool, counts);
      }
      writeProgress(parts, fingerprint, done[0], part[0], true);
    } finally {
      reader.interrupt();
    }
  }

  /** A user's last candidate has been read: the user joins the chunk, unless already done. */
  private void finish(Work work, List<Work> chunk, long[] seen, long skip) {
    if (seen[0]++ >= skip) {
      chunk.add(work);
    }
  }

  private User nextUser(BlockingQueue<User> queue, String userId, RawRows.Row row) {
    try {
      User user = queue.take();
      if (user.failure() != null) {
        throw new TuttiException(user.failure());
      }
      if (user == END || !user.id().equals(userId)) {
        String next = user == END ? "none (it has no more users)" : "'" + user.id() + "'";
        throw new TuttiException(
            "Candidates file "
                + row.file()
                + ", row "
                + row.row()
                + ": user '"
                + userId
                + "' where the users file's next user is "
                + next
                + "; both files must list the users in the same order, each user's candidates"
                + " together, and every user must have candidates.");
      }
      return user;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TuttiException("Batch ranking was interrupted.");
    }
  }

  /** Every user of the users file must have had candidates. */
  private static void requireNoUserLeft(BlockingQueue<User> queue, Path candidates) {
    try {
      User left = queue.take();
      if (left.failure() != null) {
        throw new TuttiException(left.failure());
      }
      if (left != END) {
        throw new TuttiException(
            "User '"
                + left.id()
                + "' of the users file has no candidate in "
                + candidates
                + "; every user needs candidates, in the users file's order.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TuttiException("Batch ranking was interrupted.");
    }
  }

  private Map<String, Object> candidateColumns(RawRows.Row row, User user) {
    Map<String, Object> columns = new HashMap<>(user.columns());
    for (String column : schema.candidateColumns()) {
      Object value = row.value(column);
      if (value != null) {
        columns.put(column, value);
      }
    }
    columns.put(config.data().scenarioColumn(), schema.scenario().sourceValue());
    if (columns.get(config.data().itemColumn()) == null) {
      throw new TuttiException(
          "Candidates file "
              + row.file()
              + ", row "
              + row.row()
              + ": column '"
              + config.data().itemColumn()
              + "' has no value; each candidate needs its item id.");
    }
    return columns;
  }

  /** Reads the users file on its own thread into {@code queue}, ending with {@link #END}. */
  private Thread startUserReader(Path users, BlockingQueue<User> queue) {
    String userColumn = config.data().userColumn();
    List<SequenceConfig> sequences = config.sequences();
    Thread thread =
        new Thread(
            () -> {
              try {
                RawRows.read(
                    users,
                    "auto",
                    "users",
                    row -> {
                      String id = row.text(userColumn);
                      if (id == null) {
                        throw new TuttiException(
                            "Users file "
                                + row.file()
                                + ", row "
                                + row.row()
                                + ": column '"
                                + userColumn
                                + "' has no value; each user needs an id.");
                      }
                      Map<String, Object> columns = new HashMap<>();
                      for (String column : schema.userColumns()) {
                        Object value = row.value(column);
                        if (value != null) {
                          columns.put(column, value);
                        }
                      }
                      Map<String, List<Object>> events = new HashMap<>();
                      for (SequenceConfig sequence : sequences) {
                        events.put(
                            sequence.id(), splitIds(row.value(SEQUENCE_PREFIX + sequence.id())));
                      }
                      put(queue, new User(id, columns, events, null));
                    });
                put(queue, END);
              } catch (TuttiException e) {
                // Hand the failure to the ranking thread, which reports it; when that thread has
                // already stopped, nobody waits for it.
                queue.offer(new User(null, Map.of(), Map.of(), e.getMessage()));
              }
            },
            "tutti-rank-batch-users");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void put(BlockingQueue<User> queue, User user) {
    try {
      queue.put(user);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TuttiException("Batch ranking was interrupted.");
    }
  }

  /** A sequence cell: a list as it is, or text of ids separated by {@code |}. */
  private static List<Object> splitIds(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    String text = value.toString();
    if (text.isEmpty()) {
      return List.of();
    }
    return new ArrayList<>(List.of((Object[]) text.split("\\|", -1)));
  }

  private void writeChunk(
      List<Work> chunk,
      Path parts,
      int part,
      long[] done,
      ObjectNode fingerprint,
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
    Path file = parts.resolve(String.format(java.util.Locale.ROOT, "part-%06d.csv", part));
    AtomicFiles.writeFile(
        file,
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
    writeProgress(parts, fingerprint, done[0], part + 1, false);
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

  /** What a resumed run must share with the interrupted one: inputs, scenario, K, model. */
  private ObjectNode fingerprint(Path users, Path candidates) {
    ObjectNode node = JSON.createObjectNode();
    node.put("scenario", settings.scenario());
    node.put("k", settings.k());
    node.put("model_version", model.version());
    node.put("users", describe(users));
    node.put("candidates", describe(candidates));
    return node;
  }

  private static String describe(Path file) {
    try {
      return file.toAbsolutePath().normalize()
          + " "
          + Files.size(file)
          + " bytes, modified "
          + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new TuttiException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** {users done, parts written, complete (1) or not (0)} of an earlier run, or zeros. */
  private static long[] readProgress(Path parts, ObjectNode fingerprint, Path out) {
    Path file = parts.resolve(PROGRESS);
    if (!Files.exists(file)) {
      AtomicFiles.deleteQuietly(parts);
      return new long[3];
    }
    ObjectNode progress;
    try {
      progress = (ObjectNode) JSON.readTree(file.toFile());
    } catch (IOException | ClassCastException e) {
      throw new TuttiException(
          "The progress record " + file + " is unreadable; remove " + parts + " to start over.");
    }
    if (!PROGRESS_FORMAT.equals(progress.path("format").asText())
        || progress.path("format_version").asInt() != 1
        || !fingerprint.equals(progress.get("run"))) {
      throw new TuttiException(
          "The unfinished output beside "
              + out
              + " ("
              + parts
              + ") belongs to another run (another input, scenario, k or model: "
              + progress.path("run")
              + "); remove it to start over.");
    }
    return new long[] {
      progress.path("users_done").asLong(),
      progress.path("parts").asLong(),
      progress.path("complete").asBoolean() ? 1 : 0
    };
  }

  private static void writeProgress(
      Path parts, ObjectNode fingerprint, long usersDone, int partCount, boolean complete) {
    ObjectNode progress = JSON.createObjectNode();
    progress.put("format", PROGRESS_FORMAT);
    progress.put("format_version", 1);
    progress.set("run", fingerprint);
    progress.put("users_done", usersDone);
    progress.put("parts", partCount);
    progress.put("complete", complete);
    AtomicFiles.writeString(parts.resolve(PROGRESS), progress.toPrettyString());
  }

  private static List<Path> partFiles(Path parts) {
    try (var files = Files.list(parts)) {
      return files
          .filter(p -> p.getFileName().toString().matches("part-\\d{6}\\.csv"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new TuttiException("Cannot list the parts in " + parts + ": " + e.getMessage(), e);
    }
  }
}
