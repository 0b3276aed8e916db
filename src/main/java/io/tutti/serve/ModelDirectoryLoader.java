package io.tutti.serve;

import io.tutti.common.TuttiException;
import io.tutti.model.ModelDirectory;
import io.tutti.model.Models;
import io.tutti.model.Scorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads model directories written by {@code tutti train} (see {@link ModelDirectory}): the config,
 * the fitted encoder and the SavedModel, opened as a thread-safe scorer.
 *
 * <p>The version a model answers with is the name of its directory after symbolic links are
 * followed ({@code models/v12} gives {@code v12}), so name model directories by version.
 *
 * <p>Known shortcoming: a model of type {@code separate} (one SavedModel per scenario under {@code
 * saved_models/}) is refused, since routing between its parts is the trainer's and this release's
 * server reads the single SavedModel of every other model type.
 */
public final class ModelDirectoryLoader implements ModelLoader {

  @Override
  public boolean isModel(Path directory) {
    return Files.isRegularFile(directory.resolve(ModelDirectory.METADATA_FILE));
  }

  @Override
  public ModelBundle load(Path directory) {
    ModelDirectory model = ModelDirectory.read(directory);
    if (!model.metadata().parts().isEmpty()) {
      throw new TuttiException(
          "The model in "
              + directory
              + " is of type "
              + model.metadata().modelType()
              + " with one SavedModel per scenario "
              + model.metadata().parts()
              + "; the server reads models with a single saved_model/.");
    }
    Scorer scorer = Models.loadSavedModel(ModelDirectory.savedModelPath(directory), model.config());
    return new ModelBundle(model.config(), model.encoder(), scorer, versionOf(directory));
  }

  /**
   * The newest model under {@code modelPath}: the path itself when it is a model directory, else
   * its newest version (the layouts are described on {@link ScoringServer} and docs/serving.md).
   */
  public Path newest(Path modelPath) {
    return ModelSlot.newestVersion(modelPath, this);
  }

  /** The version name of a model directory: its real name. */
  static String versionOf(Path directory) {
    try {
      return directory.toRealPath().getFileName().toString();
    } catch (IOException e) {
      return directory.toAbsolutePath().normalize().getFileName().toString();
    }
  }
}
