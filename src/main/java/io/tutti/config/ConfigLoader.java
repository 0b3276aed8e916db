package io.tutti.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and writes {@code tutti.yaml} (the format is docs/config.md).
 *
 * <p>Loading parses the YAML into a tree and builds the records by hand, not by data binding, so
 * that every error can name the file, the key path, the value seen and what is accepted. All the
 * errors of a file are reported together in one {@link TuttiException}, one per line, the first
 * line saying how many.
 */
public final class ConfigLoader {
  private static final YAMLMapper READER =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigLoader() {}

  /**
   * Loads, resolves and validates the config in {@code file}; relative paths in it resolve against
   * its directory.
   *
   * @throws TuttiException when the file cannot be read or is not a valid config
   */
  public static TuttiConfig load(Path file) {
    Path source = file.toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(source);
    } catch (NoSuchFileException e) {
      throw new TuttiException("The config file " + file + " does not exist.");
    } catch (IOException e) {
      throw new TuttiException("Could not read the config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, source, file.toString());
  }

  /**
   * The resolved config as YAML: every default filled in, paths relative to the config's directory
   * where it has one. Loading the text from the config's file again gives an equal config.
   */
  public static String toYaml(TuttiConfig config) {
    return ConfigWriter.write(config);
  }

  /** Parses {@code text} as the config file {@code source}, named {@code shownName} in errors. */
  static TuttiConfig parse(String text, Path source, String shownName) {
    Problems problems = new Problems(shownName, ConfigReader.TOP_KEYS);
    JsonNode tree;
    try {
      tree = READER.readTree(text);
    } catch (JsonProcessingException e) {
      syntaxError(e, problems);
      problems.throwIfAny();
      throw new IllegalStateException("a syntax error was not recorded", e);
    }

    Path directory = source.getParent();
    TuttiConfig read =
        new ConfigReader(directory, problems).read(YamlNode.root(tree, problems), source);
    TuttiConfig config = read == null ? null : new ConfigChecks(problems).check(read);
    problems.throwIfAny();
    return config;
  }

  /** Records a YAML syntax error with its line and column, in one line. */
  private static void syntaxError(JsonProcessingException e, Problems problems) {
    String place;
    String problem;
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      // SnakeYAML's own message spans several lines with a drawing of the place; a message
      // line of ours keeps the facts: where, what, and what was being parsed.
      Mark mark = marked.getProblemMark();
      place = "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      problem = marked.getProblem();
      if (marked.getContext() != null && marked.getContextMark() != null) {
        Mark context = marked.getContextMark();
        problem +=
            " "
                + marked.getContext()
                + " started at line "
                + (context.getLine() + 1)
                + ", column "
                + (context.getColumn() + 1);
      }
    } else {
      JsonLocation location = e.getLocation();
      place =
          location == null
              ? ""
              : "line " + location.getLineNr() + ", column " + location.getColumnNr();
      problem = e.getOriginalMessage().replaceAll("\\s+", " ");
    }
    problems.add(place, "not valid YAML: " + problem, null, "YAML text");
  }
}
