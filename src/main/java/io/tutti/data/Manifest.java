package io.tutti.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code manifest.json} of a compiled dataset, written last: its presence marks a complete
 * dataset. It names the format and version, and carries the provenance and the description.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion the layout version; {@link Dataset} reads only {@link #FORMAT_VERSION}
 * @param provenance where the data came from
 * @param description what {@code tutti data describe} prints
 * @param sequenceCap events stored per sample pointer at most: the longest configured sequence
 */
record Manifest(
    String format,
    int formatVersion,
    Provenance provenance,
    DatasetDescription description,
    int sequenceCap) {

  static final String FORMAT = "tutti-compiled-dataset";

  /**
   * Version 1: one little-endian file per column, the behaviour log newest first per user with a
   * (start, count) pointer per sample, split index files of sample numbers.
   */
  static final int FORMAT_VERSION = 1;

  static final String FILE_NAME = "manifest.json";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Whether {@code directory} holds a compiled dataset (of any version). */
  static boolean isCompiled(Path directory) {
    return Files.isRegularFile(directory.resolve(FILE_NAME));
  }

  /** Reads the manifest of {@code directory}, refusing another format or version. */
  static Manifest read(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    Manifest manifest;
    try {
      manifest = JSON.readValue(file.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new TuttiException(
          "Could not read the compiled dataset manifest " + file + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(manifest.format()) || manifest.formatVersion() != FORMAT_VERSION) {
      throw new TuttiException(
          "Compiled dataset "
              + directory
              + " has format '"
              + manifest.format()
              + "' version "
              + manifest.formatVersion()
              + "; this release reads "
              + FORMAT
              + " version "
              + FORMAT_VERSION
              + ": compile it again with tutti data compile.");
    }
    return manifest;
  }

  /** Writes this manifest into {@code directory}, atomically. */
  void write(Path directory) {
    AtomicFiles.writeFile(
        directory.resolve(FILE_NAME), temporary -> JSON.writeValue(temporary.toFile(), this));
  }
}
