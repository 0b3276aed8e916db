package io.tutti.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code world.json}: the settings and seed of a simulated world, written beside its samples so
 * that {@link MusicWorld#load} rebuilds the same world from the directory.
 *
 * <pre>{"format": "tutti-music-world", "format_version": 1, "settings": {"seed": 42, ...}}</pre>
 */
final class WorldFile {
  static final String NAME = "world.json";
  static final String FORMAT = "tutti-music-world";
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  private WorldFile() {}

  /** The file's text for these settings. */
  static String text(WorldSettings settings) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.set("settings", JSON.valueToTree(settings));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("World settings did not serialise", e);
    }
  }

  /** Reads the settings from {@code directory/world.json}, refusing another format or version. */
  static WorldSettings read(Path directory) {
    Path file = directory.resolve(NAME);
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new TuttiException(
          "No " + NAME + " in " + directory + ": not a directory written by tutti simulate.");
    } catch (IOException e) {
      throw new TuttiException("Could not read " + file + ": " + e.getMessage(), e);
    }
    String format = root.path("format").asText("");
    if (!FORMAT.equals(format)) {
      throw new TuttiException(
          file + ": format: seen '" + format + "'; accepted: '" + FORMAT + "'.");
    }
    int version = root.path("format_version").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new TuttiException(
          file
              + ": format_version: seen "
              + root.path("format_version")
              + "; accepted: "
              + FORMAT_VERSION
              + " (written by another release of Tutti).");
    }
    try {
      return JSON.treeToValue(root.path("settings"), WorldSettings.class);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof TuttiException problem) {
        throw new TuttiException(file + ": " + problem.getMessage(), e);
      }
      throw new TuttiException(
          file + ": settings: " + e.getOriginalMessage() + "; accepted: every world setting.", e);
    }
  }
}
