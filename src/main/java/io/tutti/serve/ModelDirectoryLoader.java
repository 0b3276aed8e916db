package io.tutti.serve;

import io.tutti.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads model directories written by {@code tutti train} through {@link ModelDirectory#load}: the
 * config, the fitted encoder and the model opened as a thread-safe scorer (for model type {@code
 * separate}, one SavedModel per scenario behind a routing scorer).
 *
 * <p>The version a model answers with is the name of its directory after symbolic links are
 * followed ({@code models/v12} gives {@code v12}), so name model directories by version.
 */
public final class ModelDirectoryLoader implements ModelLoader {

  @Override
  public boolean isModel(Path directory) {
    return Files.isRegularFile(directory.resolve(ModelDirectory.METADATA_FILE));
  }

  @Override
  public ModelBundle load(Path directory) {
    ModelDirectory model = ModelDirectory.load(directory);
    return new ModelBundle(model.config(), model.encoder(), model.scorer(), versionOf(directory));
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
