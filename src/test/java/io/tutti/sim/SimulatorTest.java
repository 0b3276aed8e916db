package io.tutti.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {
  @TempDir Path temp;

  @Test
  void sameSeedWritesTheSameBytesWhateverTheThreadCount() {
    WorldSettings settings = WorldSettings.tiny(7, 120);
    Simulator.simulate(settings, temp.resolve("one"), 1);
    Simulator.simulate(settings, temp.resolve("two"), 2);

    Map<String, byte[]> one = SimFixtures.files(temp.resolve("one"));
    Map<String, byte[]> two = SimFixtures.files(temp.resolve("two"));
    assertEquals(one.keySet(), two.keySet());
    assertTrue(one.containsKey("samples/part-00002.csv"), one.keySet().toString());
    for (String file : one.keySet()) {
      assertArrayEquals(one.get(file), two.get(file), file);
    }
  }

  @Test
  void anotherSeedWritesOtherSamples() throws IOException {
    Simulator.simulate(WorldSettings.tiny(7, 60), temp.resolve("seven"), 2);
    Simulator.simulate(WorldSettings.tiny(8, 60), temp.resolve("eight"), 2);

    String sample = "samples/part-00000.csv";
    assertFalse(
        Files.readString(temp.resolve("seven").resolve(sample))
            .equals(Files.readString(temp.resolve("eight").resolve(sample))));
    assertTrue(Files.readString(temp.resolve("eight/world.json")).contains("\"seed\" : 8"));
  }

  @Test
  void everyScenarioWritesItsOwnTasksAndPrivateFeaturesOnly() {
    Simulator.Result result = Simulator.simulate(WorldSettings.tiny(3, 300), temp.resolve("w"), 2);
    Map<String, Long> samples = result.samples();

    // The stream is the largest scenario, the editorial playlists the smallest.
    assertEquals(List.of("daily", "stream", "playlist", "mgc"), List.copyOf(samples.keySet()));
    assertTrue(samples.get("stream") > samples.get("daily"), samples.toString());
    assertTrue(samples.get("daily") > samples.get("mgc"), samples.toString());
    assertTrue(samples.get("playlist") > samples.get("mgc"), samples.toString());

    Map<String, List<String>> privateColumns =
        Map.of(
            "daily", List.of("daily_position"),
            "stream", List.of("session_skips", "stream_device"),
            "playlist", List.of("playlist_cover", "playlist_size", "playlist_badge"),
            "mgc", List.of("mgc_cover", "mgc_editor"));
    List<Map<String, String>> rows = SimFixtures.rows(temp.resolve("w/samples"));
    assertEquals(result.totalSamples(), rows.size());
    for (Map<String, String> row : rows) {
      Surface surface = Surface.byId(row.get("scenario"));
      for (String task : Surface.ALL_TASKS) {
        String label = row.get(task);
        String oracle = row.get("oracle_" + task);
        if (surface.tasks().contains(task)) {
          assertTrue(label.equals("0") || label.equals("1"), row.toString());
          double p = Double.parseDouble(oracle);
          assertTrue(p >= 0 && p <= 1, row.toString());
        } else {
          assertEquals("", label, row.toString());
          assertEquals("", oracle, row.toString());
        }
      }
      privateColumns.forEach(
          (scenario, columns) -> {
            for (String column : columns) {
              assertEquals(scenario.equals(surface.id()), !row.get(column).isEmpty(), column);
            }
          });
      // A task that depends on another is positive only when that one is.
      String first = surface.tasks().get(0);
      for (String task : surface.tasks()) {
        if (row.get(task).equals("1")) {
          assertEquals("1", row.get(first), row.toString());
        }
      }
    }
  }

  @Test
  void meanLabelMatchesMeanOraclePerScenarioAndTask() {
    Simulator.simulate(WorldSettings.tiny(5, 400), temp.resolve("w"), 2);

    // Per scenario x task: the labels are draws from the oracle, so their sum lies within a
    // few standard deviations (sqrt of the summed variances) of the oracles' sum.
    Map<String, double[]> sums = new HashMap<>();
    for (Map<String, String> row : SimFixtures.rows(temp.resolve("w/samples"))) {
      for (String task : Surface.byId(row.get("scenario")).tasks()) {
        double p = Double.parseDouble(row.get("oracle_" + task));
        double[] s = sums.computeIfAbsent(row.get("scenario") + "." + task, k -> new double[4]);
        s[0] += Integer.parseInt(row.get(task));
        s[1] += p;
        s[2] += p * (1 - p);
        s[3]++;
      }
    }
    assertEquals(11, sums.size(), sums.keySet().toString());
    sums.forEach(
        (cell, s) -> {
          double deviation = Math.abs(s[0] - s[1]);
          assertTrue(
              deviation <= 4 * Math.sqrt(s[2]) + 1,
              cell + ": labels " + s[0] + ", oracle " + s[1] + " over " + s[3] + " samples");
          assertTrue(s[0] > 0, cell + " has no positive label");
        });
  }

  @Test
  void podcastSwitchAddsTheFifthScenarioWithItsTasksAndFeature() throws IOException {
    Simulator.Result result =
        Simulator.simulate(WorldSettings.tiny(3, 200).withPodcast(true), temp.resolve("w"), 2);

    assertEquals(
        List.of("daily", "stream", "playlist", "mgc", "podcast"),
        List.copyOf(result.samples().keySet()));
    assertTrue(result.samples().get("podcast") > 0);
    List<Map<String, String>> podcast =
        SimFixtures.rows(temp.resolve("w/samples")).stream()
            .filter(row -> row.get("scenario").equals("podcast"))
            .toList();
    for (Map<String, String> row : podcast) {
      assertTrue(row.get("item_id").startsWith("c"), row.toString());
      assertFalse(row.get("podcast_minutes").isEmpty());
      assertFalse(row.get("complete").isEmpty());
      assertEquals("", row.get("click"));
    }
    String yaml = Files.readString(temp.resolve("w/tutti.yaml"));
    assertTrue(yaml.contains("  - id: podcast\n"), yaml);
    assertTrue(yaml.contains("podcast_minutes"), yaml);
  }

  @Test
  void failedRunLeavesThePreviousWorldAndNothingHalfWritten() throws IOException {
    Path out = temp.resolve("w");
    Simulator.simulate(WorldSettings.tiny(3, 100), out, 1);
    Map<String, byte[]> before = SimFixtures.files(out);

    IOException disk = new IOException("disk full");
    Simulator.ShardHook failing =
        shard -> {
          if (shard == 1) {
            throw disk;
          }
        };
    Exception thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                Simulator.simulate(WorldSettings.tiny(4, 100), out, 1, OutputFormat.CSV, failing));
    assertTrue(thrown.getMessage().contains("disk full"), thrown.getMessage());

    Map<String, byte[]> after = SimFixtures.files(out);
    assertEquals(before.keySet(), after.keySet());
    for (String file : before.keySet()) {
      assertArrayEquals(before.get(file), after.get(file), file);
    }
    try (Stream<Path> siblings = Files.list(temp)) {
      assertEquals(List.of(out), siblings.toList(), "no temporary directory is left behind");
    }

    // With nothing there before, a failed run leaves nothing at all.
    Path fresh = temp.resolve("fresh");
    assertThrows(
        RuntimeException.class,
        () -> Simulator.simulate(WorldSettings.tiny(4, 100), fresh, 2, OutputFormat.CSV, failing));
    assertFalse(Files.exists(fresh));
  }
}
