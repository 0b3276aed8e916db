package io.tutti.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import io.tutti.model.TrainableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkpoints of one training run, in the sibling folder {@code MODEL_DIR.checkpoints}:
 *
 * <pre>
 *   MODEL_DIR.checkpoints/
 *     latest/trainer-state.json   where the run stands ({@link TrainerState})
 *     latest/variables/           every variable, optimizer state included
 *     best/variables/             the weights of the best epoch on validation
 * </pre>
 *
 * <p>Each of {@code latest} and {@code best} is replaced atomically (written under a temporary
 * name, then renamed), so a run killed at any moment leaves the previous checkpoint whole. The
 * folder is removed once the model directory is written.
 */
public final class Checkpoints {
  static final String STATE_FILE = "trainer-state.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  Checkpoints(Path root) {
    this.root = root.toAbsolutePath();
  }

  /** The checkpoint folder of the run that writes {@code modelDirectory}. */
  static Checkpoints of(Path modelDirectory) {
    Path absolute = modelDirectory.toAbsolutePath().normalize();
    return new Checkpoints(absolute.resolveSibling(absolute.getFileName() + ".checkpoints"));
  }

  /** The checkpoints of one part of a run: the specialist of one scenario. */
  Checkpoints part(String scenarioId) {
    return new Checkpoints(root.resolve("part-" + scenarioId));
  }

  Path root() {
    return root;
  }

  /** Whether a complete latest checkpoint is there. */
  boolean hasLatest() {
    return Files.isRegularFile(latest().resolve(STATE_FILE));
  }

  /** Replaces the latest checkpoint by the model's variables and {@code state}. */
  void saveLatest(TrainableModel model, TrainerState state) {
    AtomicFiles.writeDirectory(
        latest(),
        temporary -> {
          model.saveCheckpoint(temporary.resolve("variables"));
          JSON.writeValue(temporary.resolve(STATE_FILE).toFile(), state);
        });
  }

  /** The state of the latest checkpoint. */
  TrainerState readLatestState() {
    Path file = latest().resolve(STATE_FILE);
    try {
      return JSON.readValue(file.toFile(), TrainerState.class);
    } catch (IOException e) {
      throw new TuttiException(
          "Checkpoint state "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); remove "
              + root
              + " to train from the start.",
          e);
    }
  }

  /** Restores the model's variables from the latest checkpoint. */
  void restoreLatest(TrainableModel model) {
    model.restoreCheckpoint(latest().resolve("variables"));
  }

  /** Replaces the best-epoch weights by the model's variables. */
  void saveBest(TrainableModel model) {
    AtomicFiles.writeDirectory(
        best(), temporary -> model.saveCheckpoint(temporary.resolve("variables")));
  }

  /** Whether best-epoch weights are there. */
  boolean hasBest() {
    return Files.isDirectory(best().resolve("variables"));
  }

  /** Restores the best epoch's weights into the model. */
  void restoreBest(TrainableModel model) {
    model.restoreCheckpoint(best().resolve("variables"));
  }

  /** Removes every checkpoint of the run. */
  void delete() {
    AtomicFiles.deleteQuietly(root);
  }

  private Path latest() {
    return root.resolve("latest");
  }

  private Path best() {
    return root.resolve("best");
  }
}
