package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class SimulateCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void simulateWritesAWorldWhoseConfigPassesCheck() {
    Path world = dir.resolve("world");

    assertEquals(0, run("simulate", "--out", world.toString(), "--users", "30"), err.toString());

    assertTrue(out.toString().startsWith("Simulated "), out.toString());
    assertTrue(out.toString().contains("into " + world), out.toString());
    assertTrue(Files.isRegularFile(world.resolve("world.json")));
    assertTrue(Files.isRegularFile(world.resolve("samples/part-00000.csv")));
    assertTrue(Files.isRegularFile(world.resolve("plays/part-00000.csv")));
    assertEquals(0, run("config", "check", world.resolve("tutti.yaml").toString()));
    ConfigLoader.load(world.resolve("tutti.yaml"));
  }

  @Test
  void simulateWithPodcastAddsTheScenario() throws IOException {
    Path world = dir.resolve("world");

    assertEquals(0, run("simulate", "--out", world.toString(), "--users", "30", "--podcast"));

    assertTrue(out.toString().contains("podcast="), out.toString());
    assertTrue(Files.readString(world.resolve("tutti.yaml")).contains("id: podcast"));
  }

  @Test
  void sequenceLengthsGoIntoTheWrittenConfig() throws IOException {
    Path world = dir.resolve("world");

    assertEquals(
        0,
        run(
            "simulate",
            "--out",
            world.toString(),
            "--users",
            "20",
            "--sequence-lengths",
            "5000,100,20"),
        err.toString());

    String yaml = Files.readString(world.resolve("tutti.yaml"));
    assertTrue(yaml.contains("{id: long, feature: item_id, max_length: 5000}"), yaml);
    assertTrue(yaml.contains("{id: short, feature: item_id, max_length: 20}"), yaml);
  }

  @Test
  void sequenceLengthsOutOfRangeAreUsageErrorsNamingTheSetting() {
    assertEquals(
        2,
        run(
            "simulate",
            "--out",
            dir.resolve("w").toString(),
            "--sequence-lengths",
            "20000,100,20"));
    assertTrue(
        err.toString()
            .startsWith("World setting long_length: seen 20000; accepted: at most 10000.\n"),
        err.toString());
    assertEquals(
        2, run("simulate", "--out", dir.resolve("w").toString(), "--sequence-lengths", "9"));
    assertTrue(err.toString().contains("--sequence-lengths: seen 1 value(s)"), err.toString());
  }

  @Test
  void nonPositiveUsersIsAUsageErrorWithExitCodeTwo() {
    assertEquals(2, run("simulate", "--out", dir.resolve("w").toString(), "--users", "0"));
    assertTrue(
        err.toString().contains("--users: seen 0; accepted: an integer >= 1."), err.toString());
    assertFalse(Files.exists(dir.resolve("w")));
  }

  @Test
  void unknownFormatIsAUsageErrorListingTheFormats() {
    assertEquals(2, run("simulate", "--out", dir.resolve("w").toString(), "--format", "orc"));
    assertTrue(
        err.toString().contains("--format: Unknown output format 'orc'; accepted: [csv, parquet]."),
        err.toString());
  }

  @Test
  void helpOfSubcommandsExitsZeroWithoutTheirRequiredOptions() {
    assertEquals(0, run("simulate", "--help"), err.toString());
    assertTrue(out.toString().contains("--podcast"), out.toString());
    assertEquals(0, run("demo", "--help"), err.toString());
    assertEquals(0, run("data", "describe", "--help"), err.toString());
    assertTrue(out.toString().contains("--skip-bad-rows"), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void missingOutIsAUsageError() {
    assertEquals(2, run("simulate"));
    assertTrue(err.toString().contains("--out"), err.toString());
  }

  @Test
  void demoSimulatesCompilesAndDescribesPrintingThePaths() {
    Path demo = dir.resolve("demo");

    assertEquals(0, run("demo", "--out", demo.toString(), "--users", "40"), err.toString());

    String printed = out.toString();
    assertTrue(printed.contains("1. Simulated "), printed);
    assertTrue(printed.contains(demo.resolve("world/tutti.yaml").toString()), printed);
    assertTrue(
        printed.contains("2. Compiled the dataset into " + demo.resolve("dataset")), printed);
    assertTrue(printed.contains("scenario stream: "), printed);
    assertTrue(printed.contains("behaviour log: "), printed);
    assertFalse(printed.contains("note: every sample has activity level 0"), printed);
  }

  @Test
  void describeSaysWhyEveryActivityLevelIsZero() throws IOException {
    Files.writeString(
        dir.resolve("samples.csv"),
        "user_id,item_id,scenario,ts,play\nu1,i1,daily,5,1\n"
            + "u1,i2,daily,5,0\nu2,i1,daily,6,1\n");
    Files.writeString(
        dir.resolve("tutti.yaml"),
        """
        format_version: 1
        data: {samples: samples.csv, user_column: user_id, item_column: item_id,
               scenario_column: scenario, timestamp_column: ts}
        tasks: [{id: play}]
        scenarios: [{id: daily, tasks: [play]}]
        """);

    assertEquals(
        0,
        run(
            "data",
            "describe",
            "--config",
            dir.resolve("tutti.yaml").toString(),
            "--data",
            dir.resolve("samples.csv").toString()),
        err.toString());

    assertTrue(
        out.toString().contains("note: every sample has activity level 0: no user has an earlier"),
        out.toString());
  }

  private int run(String... args) {
    CommandLine commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }
}
