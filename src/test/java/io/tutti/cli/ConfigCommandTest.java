package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {
  private static final String VALID =
      """
      format_version: 1
      data: {user_column: user_id, item_column: item_id, scenario_column: scenario}
      tasks: [{id: play}]
      scenarios: [{id: daily, tasks: [play]}]
      """;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void checkPrintsTheResolvedConfigAndExitsZero() throws IOException {
    Path file = Files.writeString(dir.resolve("tutti.yaml"), VALID);

    assertEquals(0, run("config", "check", file.toString()), err.toString());
    assertEquals(ConfigLoader.toYaml(ConfigLoader.load(file)), out.toString());
    assertTrue(out.toString().contains("batch_size: 1024"), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void checkPrintsEveryErrorOnStderrAndExitsOne() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("tutti.yaml"),
            VALID.replace("[play]}", "[plya]}") + "training: {epochs: 0}\n");

    assertEquals(1, run("config", "check", file.toString()));
    assertEquals("", out.toString());
    String[] lines = err.toString().split("\n");
    assertEquals("tutti: The config " + file + " has 3 errors:", lines[0]);
    assertTrue(lines[1].startsWith(file + ": tasks[0].id: no scenario has this task"), lines[1]);
    assertTrue(lines[2].startsWith(file + ": scenarios[0].tasks[0]: unknown task"), lines[2]);
    assertTrue(lines[3].startsWith(file + ": training.epochs: value out of range"), lines[3]);
    assertEquals(4, lines.length, "no stack trace: " + err);
  }

  @Test
  void checkOfAMissingFileExitsOne() {
    Path missing = dir.resolve("absent.yaml");
    assertEquals(1, run("config", "check", missing.toString()));
    assertEquals("tutti: The config file " + missing + " does not exist.\n", err.toString());
  }

  @Test
  void checkWithoutAFileIsAUsageErrorWithExitCodeTwo() {
    assertEquals(2, run("config", "check"));
    assertTrue(err.toString().contains("Missing required parameter: 'FILE'"), err.toString());
  }

  @Test
  void configWithoutASubcommandIsAUsageErrorWithExitCodeTwo() {
    assertEquals(2, run("config"));
    assertTrue(err.toString().contains("accepted: check"), err.toString());
  }

  private int run(String... args) {
    CommandLine commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }
}
