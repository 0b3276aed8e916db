package io.tutti.serve;

import java.nio.file.Path;

/**
 * Loads one model version from disk. The command line loads model directories written by {@code
 * tutti train}; tests may load anything that gives a {@link ModelBundle}.
 */
public interface ModelLoader {

  /** Whether {@code directory} holds one model version (and not a directory of versions). */
  boolean isModel(Path directory);

  /**
   * Loads the model in {@code directory}, fully: a model that loads is ready to score.
   *
   * @throws io.tutti.common.TuttiException naming the directory and what is wrong with it
   */
  ModelBundle load(Path directory);
}
