package io.tutti.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The batch ranker's committed work: the part files beside the output ({@code .NAME.parts/}) and
 * the progress record that counts the users they hold.
 *
 * <p>The record ({@code progress.json}, format {@code tutti-rank-batch-progress} version 1) holds
 * the run it belongs to (inputs with their size and modification time, scenario, K, model version),
 * the users done, the parts written and whether the run is complete. It is rewritten atomically
 * after each part, so it never counts a part that is not whole; a part written after the last
 * record is simply written again by the resumed run.
 */
final class RankProgress {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECORD = "progress.json";
  private static final String FORMAT = "tutti-rank-batch-progress";

  private final Path parts;
  private final ObjectNode run;
  private final long usersDone;
  private final int partsWritten;
  private final boolean complete;

  private RankProgress(
      Path parts, ObjectNode run, long usersDone, int partsWritten, boolean complete) {
    this.parts = parts;
    this.run = run;
    this.usersDone = usersDone;
    this.partsWritten = partsWritten;
    this.complete = complete;
  }

  /** What a resumed run must share with the interrupted one: inputs, scenario, K and model. */
  static ObjectNode run(String scenario, int k, String modelVersion, Path users, Path candidates) {
    ObjectNode node = JSON.createObjectNode();
    node.put("scenario", scenario);
    node.put("k", k);
    node.put("model_version", modelVersion);
    node.put("users", describe(users));
    node.put("candidates", describe(candidates));
    return node;
  }

  /**
   * The progress of {@code run} towards {@code out}: an earlier run's record, or none (its stray
   * parts removed).
   *
   * @throws TuttiException when the record belongs to another run
   */
  static RankProgress open(Path out, ObjectNode run) {
    Path parts = out.resolveSibling("." + out.getFileName() + ".parts");
    Path file = parts.resolve(RECORD);
    if (!Files.exists(file)) {
      AtomicFiles.deleteQuietly(parts);
      return new RankProgress(parts, run, 0, 0, false);
    }
    ObjectNode record;
    try {
      record = (ObjectNode) JSON.readTree(file.toFile());
    } catch (IOException | ClassCastException e) {
      throw new TuttiException(
          "The progress record " + file + " is unreadable; remove " + parts + " to start over.");
    }
    if (!FORMAT.equals(record.path("format").asText())
        || record.path("format_version").asInt() != 1
        || !run.equals(record.get("run"))) {
      throw new TuttiException(
          "The unfinished output beside "
              + out
              + " ("
              + parts
              + ") belongs to another run (another input, scenario, k or model: "
              + record.path("run")
              + "); remove it to start over.");
    }
    return new RankProgress(
        parts,
        run,
        record.path("users_done").asLong(),
        record.path("parts").asInt(),
        record.path("complete").asBoolean());
  }

  /** Users an earlier run committed. */
  long usersDone() {
    return usersDone;
  }

  /** Parts an earlier run committed: the next part's index. */
  int partsWritten() {
    return partsWritten;
  }

  /** Whether an earlier run ranked every user (only the final assembly may be missing). */
  boolean complete() {
    return complete;
  }

  /** The file of part {@code index}. */
  Path part(int index) {
    return parts.resolve(String.format(Locale.ROOT, "part-%06d.csv", index));
  }

  /** Records, atomically, that {@code users} users are done in {@code partCount} parts. */
  void commit(long users, int partCount, boolean done) {
    ObjectNode record = JSON.createObjectNode();
    record.put("format", FORMAT);
    record.put("format_version", 1);
    record.set("run", run);
    record.put("users_done", users);
    record.put("parts", partCount);
    record.put("complete", done);
    AtomicFiles.writeString(parts.resolve(RECORD), record.toPrettyString());
  }

  /** Every part file, in order. */
  List<Path> partFiles() {
    try (var files = Files.list(parts)) {
      return files
          .filter(p -> p.getFileName().toString().matches("part-\\d{6}\\.csv"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new TuttiException("Cannot list the parts in " + parts + ": " + e.getMessage(), e);
    }
  }

  /** Removes the parts and the record: the output is whole. */
  void remove() {
    AtomicFiles.deleteQuietly(parts);
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
}
