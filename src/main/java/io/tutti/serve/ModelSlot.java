package io.tutti.serve;

import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model that answers requests, and its hot reload.
 *
 * <p>How versions are laid out: {@code --model PATH} is either
 *
 * <ul>
 *   <li>one model directory (as {@code tutti train} writes it), possibly a symbolic link: a reload
 *       reads what the path points to now, so a deployment swaps the link and asks for a reload; or
 *   <li>a directory of versions, each a model directory: the newest is the one whose name sorts
 *       last, numbers compared as numbers ({@code 9 < 10 < v10 < v11}). Names starting with a dot
 *       or an underscore are skipped, so a version written under a temporary name and renamed into
 *       place appears whole or not at all.
 * </ul>
 *
 * <p>A reload loads the newest version beside the current one and, only once it has loaded fully,
 * swaps it in with one atomic write. Requests that started on the old model finish on it; the old
 * model is closed when the last of them leaves (see {@link ServingModel}). A version that fails to
 * load is refused with one log line and the current model keeps serving.
 */
final class ModelSlot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelSlot.class);

  /**
   * The outcome of a reload.
   *
   * @param version the version serving after the reload
   * @param previous the version that served before it
   * @param changed whether another model was swapped in
   */
  record Reload(String version, String previous, boolean changed) {}

  private final Path root;
  private final ModelLoader loader;
  private volatile ServingModel current;
  private volatile boolean closed;

  /** Loads the newest version under {@code root}; fails when there is none that loads. */
  ModelSlot(Path root, ModelLoader loader) {
    this.root = root;
    this.loader = loader;
    Path newest = newestVersion();
    this.current = load(newest);
    LOG.info("Loaded model version {} from {}", current.version(), current.source());
  }

  /**
   * The current model, retained: the caller must {@link ServingModel#release} it when done. Never
   * returns a closed model.
   */
  ServingModel acquire() {
    while (true) {
      if (closed) {
        throw new IllegalStateException("the model slot is closed");
      }
      ServingModel model = current;
      if (model.retain()) {
        return model;
      }
      // Retired between the read and the retain: the slot already holds its successor.
      Thread.onSpinWait();
    }
  }

  /**
   * The scenario ids of the model serving now. Reads only the model's Java-side description, so it
   * needs no retain.
   */
  java.util.Set<String> scenarioIds() {
    return current.schemas().keySet();
  }

  /** The version serving now. */
  String version() {
    return current.version();
  }

  /**
   * Loads the newest version and swaps it in; with {@code onlyIfNew}, only when its real path
   * differs from the current model's (what the directory watcher asks).
   *
   * @throws TuttiException when the newest version does not load; the current one keeps serving
   */
  synchronized Reload reload(boolean onlyIfNew) {
    ServingModel old = current;
    Path newest = newestVersion();
    if (onlyIfNew && realPath(newest).equals(old.source())) {
      return new Reload(old.version(), old.version(), false);
    }
    ServingModel loaded;
    try {
      loaded = load(newest);
    } catch (TuttiException e) {
      LOG.error(
          "Refused model {}: {} Version {} keeps serving.", newest, e.getMessage(), old.version());
      throw new TuttiException(
          "The model at "
              + newest
              + " was refused: "
              + e.getMessage()
              + " Version "
              + old.version()
              + " keeps serving.",
          e);
    }
    current = loaded;
    LOG.info(
        "Swapped in model version {} from {} (was {})",
        loaded.version(),
        loaded.source(),
        old.version());
    old.retire();
    return new Reload(loaded.version(), old.version(), true);
  }

  private ServingModel load(Path directory) {
    ModelBundle bundle;
    try {
      bundle = loader.load(directory);
    } catch (TuttiException e) {
      throw e;
    } catch (RuntimeException e) {
      // A model that fails in an unforeseen way (a native error in TensorFlow, a bad file) is
      // still a refused model, not a reason to stop serving the current one.
      throw new TuttiException(
          "Could not load the model in "
              + directory
              + ": "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
    return new ServingModel(bundle, realPath(directory));
  }

  /** The directory of the newest version under the root, see the class doc. */
  Path newestVersion() {
    return newestVersion(root, loader);
  }

  /** The directory of the newest version under {@code root}, see the class doc. */
  static Path newestVersion(Path root, ModelLoader loader) {
    if (!Files.isDirectory(root)) {
      throw new TuttiException("The model path " + root + " is not a directory.");
    }
    if (loader.isModel(root)) {
      return root;
    }
    List<Path> versions;
    try (Stream<Path> children = Files.list(root)) {
      versions =
          children
              .filter(Files::isDirectory)
              .filter(p -> !hidden(p.getFileName().toString()))
              .filter(loader::isModel)
              .toList();
    } catch (IOException e) {
      throw new TuttiException("Could not list the model versions in " + root + ": " + e, e);
    }
    Optional<Path> newest =
        versions.stream()
            .max(Comparator.comparing(p -> p.getFileName().toString(), ModelSlot::compareVersions));
    return newest.orElseThrow(
        () ->
            new TuttiException(
                "The model path "
                    + root
                    + " is neither a model directory nor a directory of model versions (its"
                    + " subdirectories hold no model)."));
  }

  private static boolean hidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  /**
   * Compares version names piece by piece: runs of digits as numbers, everything else as text, so
   * that {@code v9 < v10} and {@code 2024-01-02 < 2024-01-10}.
   */
  static int compareVersions(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int endA = i;
        while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
          endA++;
        }
        int endB = j;
        while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
          endB++;
        }
        String numberA = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
        String numberB = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
        int byLength = Integer.compare(numberA.length(), numberB.length());
        if (byLength != 0) {
          return byLength;
        }
        int byDigits = numberA.compareTo(numberB);
        if (byDigits != 0) {
          return byDigits;
        }
        i = endA;
        j = endB;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static String realPath(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize().toString();
    }
  }

  /** Stops handing out the model and closes it once its last request has left. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      current.retire();
    }
  }
}
