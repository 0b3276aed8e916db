package io.tutti.data;

import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@code --data} path into an open {@link Dataset}: compiles raw files once into a cache
 * and reuses the result while the files and the configuration are unchanged.
 *
 * <p>The cache lives in the directory named by the system property {@code tutti.cache}, else the
 * environment variable {@code TUTTI_CACHE}, else {@code ~/.cache/tutti/datasets}. Each compiled
 * dataset sits in a subdirectory named by its cache key: the SHA-256 of the config digest, the
 * format version, {@code --skip-bad-rows}, and the absolute path, size and modification time of
 * every sample and behaviour file. Touching a file, or changing the data, tasks, scenarios,
 * features or sequences of the config, gives a new key and so a new compile.
 */
public final class Datasets {
  private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

  private Datasets() {}

  /**
   * Opens {@code data} for {@code config}: a compiled dataset directory is opened directly; raw
   * files (one file or a directory) are compiled into the default cache first, unless already
   * there.
   *
   * @param data the path, or null for {@code data.samples} of the config
   * @param skipBadRows set bad rows aside (counted, listed in the rejects file) instead of failing
   */
  public static Dataset prepare(TuttiConfig config, Path data, boolean skipBadRows) {
    return prepare(config, data, skipBadRows, defaultCacheRoot());
  }

  /** As {@link #prepare(TuttiConfig, Path, boolean)} with the cache under {@code cacheRoot}. */
  public static Dataset prepare(
      TuttiConfig config, Path data, boolean skipBadRows, Path cacheRoot) {
    Path source = resolve(config, data);
    if (Manifest.isCompiled(source)) {
      LOG.info("Opening compiled dataset {}", source);
      return Dataset.open(source, config);
    }
    Path cached = cacheRoot.resolve(cacheKey(config, source, skipBadRows));
    if (Manifest.isCompiled(cached)) {
      LOG.info("Reusing compiled dataset {} for {}", cached, source);
      return Dataset.open(cached, config);
    }
    new DatasetCompiler(config, source, skipBadRows).compile(cached);
    return Dataset.open(cached, config);
  }

  /**
   * Compiles {@code data} (raw files) into {@code out}, atomically: on failure nothing is left at
   * {@code out}, and an existing dataset there is replaced only by a complete one.
   *
   * @return the compiled dataset's provenance
   */
  public static Provenance compile(TuttiConfig config, Path data, Path out, boolean skipBadRows) {
    Path source = resolve(config, data);
    if (Manifest.isCompiled(source)) {
      throw new TuttiException(
          source + " is already a compiled dataset; pass the raw sample files to compile.");
    }
    return new DatasetCompiler(config, source, skipBadRows).compile(out).provenance();
  }

  /** Opens a compiled dataset directory for {@code config}. */
  public static Dataset open(Path compiled, TuttiConfig config) {
    return Dataset.open(compiled, config);
  }

  /** Whether {@code path} is a compiled dataset directory. */
  public static boolean isCompiled(Path path) {
    return path != null && Manifest.isCompiled(path);
  }

  /** The cache root: {@code -Dtutti.cache}, {@code $TUTTI_CACHE} or ~/.cache/tutti/datasets. */
  public static Path defaultCacheRoot() {
    String property = System.getProperty("tutti.cache");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String environment = System.getenv("TUTTI_CACHE");
    if (environment != null && !environment.isBlank()) {
      return Path.of(environment);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "tutti", "datasets");
  }

  /** The cache key of {@code data} under {@code config}: 24 hex digits, see the class doc. */
  static String cacheKey(TuttiConfig config, Path data, boolean skipBadRows) {
    StringBuilder key = new StringBuilder();
    key.append("format ").append(Manifest.FORMAT_VERSION).append('\n');
    key.append("config ").append(ConfigDigest.of(config)).append('\n');
    key.append("skip-bad-rows ").append(skipBadRows).append('\n');
    appendFiles(key, "sample", DataFiles.list(data, config.data().format(), "samples"));
    if (config.data().behaviour() != null) {
      var behaviour = config.data().behaviour();
      appendFiles(
          key, "behaviour", DataFiles.list(behaviour.path(), behaviour.format(), "behaviour log"));
    }
    return ConfigDigest.sha256(key.toString()).substring(0, 24);
  }

  /** The running Tutti release, from the jar manifest, or "development build". */
  static String tuttiVersion() {
    String version = Datasets.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }

  private static void appendFiles(StringBuilder key, String kind, List<DataFiles.DataFile> files) {
    for (DataFiles.DataFile file : files) {
      key.append(kind)
          .append(' ')
          .append(file.path())
          .append(' ')
          .append(file.size())
          .append(' ')
          .append(file.modified())
          .append('\n');
    }
  }

  private static Path resolve(TuttiConfig config, Path data) {
    Path source = data != null ? data : config.data().samples();
    if (source == null) {
      throw new TuttiException("No data given: pass --data PATH or set data.samples.");
    }
    if (!Files.exists(source)) {
      throw new TuttiException("The data path " + source + " does not exist.");
    }
    return source.toAbsolutePath().normalize();
  }
}
