package io.tutti.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code tutti.yaml} written beside a simulated world: the columns of the sample and play files
 * mapped to tasks, scenarios (with their sampling rates and private features), public features,
 * sequences and the oracle columns, with a split by time. Table sizes follow the world's settings,
 * so a larger world gets larger hash tables.
 */
final class WorldConfig {
  private WorldConfig() {}

  static String yaml(WorldSettings settings, OutputFormat format) {
    List<Surface> surfaces = Surface.of(settings);
    StringBuilder y = new StringBuilder();
    y.append("# Written by tutti simulate: a simulated music world (see docs/simulator.md).\n");
    y.append("# Seed ")
        .append(settings.seed())
        .append(", ")
        .append(settings.users())
        .append(" users; world.json holds every setting, so the world can be rebuilt.\n");
    y.append("# The oracle columns hold each sample's true probabilities: for evaluation only.\n");
    y.append("format_version: 1\n");
    y.append("name: music-world\n\n");

    y.append("data:\n");
    y.append("  samples: samples/\n");
    y.append("  format: ").append(format.id()).append('\n');
    y.append("  user_column: user_id\n");
    y.append("  item_column: item_id\n");
    y.append("  scenario_column: scenario\n");
    y.append("  timestamp_column: ts\n");
    y.append("  oracle_columns:\n");
    for (String task : Surface.ALL_TASKS) {
      y.append("    ").append(task).append(": oracle_").append(task).append('\n');
    }
    y.append("  behaviour: {path: plays/, format: ").append(format.id()).append("}\n");
    y.append("  split: {by: time, validation_fraction: 0.1, test_fraction: 0.1}\n");
    y.append("  activity: {window_days: 30}\n\n");

    y.append("tasks:\n");
    for (String task : Surface.ALL_TASKS) {
      y.append("  - {id: ").append(task).append("}\n");
    }
    y.append('\n');

    y.append("scenarios:\n");
    for (Surface surface : surfaces) {
      y.append("  - id: ").append(surface.id()).append('\n');
      y.append("    item_type: ").append(itemType(surface)).append('\n');
      y.append("    tasks: [").append(String.join(", ", surface.tasks())).append("]\n");
      y.append("    sampling_rate: ").append(surface.samplingRate()).append('\n');
      y.append("    private_features:\n");
      for (String feature : privateFeatures(surface)) {
        y.append("      - ").append(feature).append('\n');
      }
    }
    y.append('\n');

    int items =
        settings.songs()
            + settings.playlists()
            + settings.editorialPlaylists()
            + (settings.podcast() ? settings.podcasts() : 0);
    y.append("features:\n");
    y.append("  user:\n");
    y.append("    - {name: user_id, type: categorical, buckets: ")
        .append(buckets(settings.users()))
        .append("}\n");
    y.append("    - {name: age_band, type: categorical, vocabulary: [")
        .append(String.join(", ", Listener.AGE_BANDS))
        .append("]}\n");
    y.append("  item:\n");
    y.append("    - {name: item_id, type: categorical, buckets: ")
        .append(buckets(items))
        .append("}\n");
    y.append("    - {name: artist, type: categorical, buckets: ")
        .append(buckets(settings.artists()))
        .append("}\n");
    y.append("    - {name: genre, type: categorical, vocabulary: [")
        .append(list(settings.genres(), "g"))
        .append("]}\n");
    y.append("    - {name: release_year, type: numeric, normalization: standard}\n");
    y.append("  context:\n");
    y.append("    - {name: hour, type: categorical, vocabulary: [")
        .append(IntStream.range(0, 24).mapToObj(h -> "\"" + h + "\"").collect(joining()))
        .append("]}\n");
    y.append("    - {name: weekday, type: categorical, vocabulary: [")
        .append(IntStream.range(0, 7).mapToObj(h -> "\"" + h + "\"").collect(joining()))
        .append("]}\n\n");

    y.append("sequences:\n");
    y.append("  - {id: long, feature: item_id, max_length: ")
        .append(settings.longLength())
        .append("}\n");
    y.append("  - {id: mid, feature: item_id, max_length: ")
        .append(settings.midLength())
        .append("}\n");
    y.append("  - {id: short, feature: item_id, max_length: ")
        .append(settings.shortLength())
        .append("}\n");
    return y.toString();
  }

  private static List<String> privateFeatures(Surface surface) {
    List<String> features = new ArrayList<>();
    switch (surface) {
      case DAILY -> features.add("{name: daily_position, type: numeric, normalization: standard}");
      case STREAM -> {
        features.add("{name: session_skips, type: numeric, normalization: standard}");
        // Tens of thousands of devices, each seen a few times, with almost no true effect.
        features.add(
            "{name: stream_device, type: categorical, buckets: 65536, overfit_prone: true}");
      }
      case PLAYLIST -> {
        features.add("{name: playlist_cover, type: numeric, normalization: standard}");
        features.add("{name: playlist_size, type: numeric, normalization: log_standard}");
        // The effect of the hot badge drifts over the sample period.
        features.add("{name: playlist_badge, type: categorical, vocabulary: [none, hot, new]}");
      }
      case MGC -> {
        features.add("{name: mgc_cover, type: numeric, normalization: standard}");
        features.add(
            "{name: mgc_editor, type: categorical, vocabulary: ["
                + list(Catalogue.EDITORS, "e")
                + "]}");
      }
      case PODCAST ->
          features.add(
              "{name: "
                  + UserSimulation.PODCAST_COLUMN
                  + ", type: numeric,"
                  + " normalization: log_standard}");
    }
    return features;
  }

  private static String itemType(Surface surface) {
    return switch (surface.itemKind()) {
      case SONG -> "song";
      case PLAYLIST, EDITORIAL -> "playlist";
      case PODCAST -> "podcast";
    };
  }

  /** Hash buckets for {@code distinct} values: a power of two at least twice as many. */
  static int buckets(long distinct) {
    long buckets = 1024;
    while (buckets < 2 * distinct && buckets < (1 << 24)) {
      buckets *= 2;
    }
    return (int) buckets;
  }

  private static String list(int count, String prefix) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(joining());
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }
}
