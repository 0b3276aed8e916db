package io.tutti.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.DatasetDescription;
import io.tutti.data.Datasets;
import io.tutti.data.Provenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tutti data}: compile raw samples into a dataset, or describe one. */
@Command(
    name = "data",
    description = "Compile and describe sample data.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {DataCommand.Compile.class, DataCommand.Describe.class})
public final class DataCommand implements Runnable {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: a usage error, exit code 2. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing the subcommand; accepted: compile, describe.");
  }

  /**
   * {@code tutti data compile --config FILE --data PATH --out DIR}: reads the raw files once and
   * writes the compiled dataset to DIR, atomically.
   */
  @Command(
      name = "compile",
      description = {
        "Compile raw samples (and the behaviour log) into a columnar dataset in DIR.",
        "Training reads DIR without parsing again; DIR is written atomically."
      })
  static final class Compile implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DataOptions options;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Where the compiled dataset goes; an existing one is replaced.")
    Path out;

    @Override
    public Integer call() {
      TuttiConfig config = options.loadConfig();
      Provenance provenance =
          Datasets.compile(config, options.dataPath(), out, options.skipBadRows());
      PrintWriter writer = spec.commandLine().getOut();
      writer.printf(
          "Compiled %d samples from %d rows into %s; rejects: %d%s.%n",
          provenance.samples(),
          provenance.rows(),
          out,
          provenance.rejects() + provenance.behaviourRejects(),
          provenance.rejectsFile() == null
              ? ""
              : " (listed in " + out.resolve(provenance.rejectsFile()) + ")");
      writer.flush();
      return 0;
    }
  }

  /**
   * {@code tutti data describe --config FILE [--data PATH] [--json]}: per scenario the samples,
   * users, positives per task and activity levels; the splits, time range and rejects.
   */
  @Command(
      name = "describe",
      description = {
        "Describe the data per scenario: samples, users, positives per task, activity levels;",
        "and the splits, time range and rejects. Raw data is compiled into the cache first."
      })
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DataOptions options;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter writer = spec.commandLine().getOut();
      try (Dataset dataset = options.openDataset()) {
        writer.print(json ? toJson(dataset) : toText(dataset));
      }
      writer.flush();
      return 0;
    }
  }

  /** The JSON form: {@code {"scenarios": {"<id>": {"samples": N, ...}}, "splits": ...}}. */
  static String toJson(Dataset dataset) throws Exception {
    DatasetDescription description = dataset.description();
    Provenance provenance = dataset.provenance();
    ObjectNode root = JSON.valueToTree(description);
    ObjectNode time = JSON.createObjectNode();
    time.put("unit", description.hasTimestamps() ? "epoch_seconds" : "row");
    time.put("first", description.firstTimestamp());
    time.put("last", description.lastTimestamp());
    root.remove(List.of("has_timestamps", "first_timestamp", "last_timestamp"));
    root.set("time_range", time);
    root.put("behaviour_events", provenance.behaviourEvents());
    root.put("behaviour_rejects", provenance.behaviourRejects());
    root.put(
        "rejects_file",
        provenance.rejectsFile() == null
            ? null
            : dataset.directory().resolve(provenance.rejectsFile()).toString());
    root.put("dataset", dataset.directory().toString());
    root.set("files", JSON.valueToTree(provenance.files()));
    return JSON.writeValueAsString(root) + System.lineSeparator();
  }

  /** The text form, one block per scenario. */
  static String toText(Dataset dataset) {
    DatasetDescription description = dataset.description();
    Provenance provenance = dataset.provenance();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "Dataset %s: %d samples from %d rows in %d file(s); rejects: %d%n",
            dataset.directory(),
            description.samples(),
            description.rows(),
            provenance.files().size(),
            description.rejects()));
    if (provenance.rejectsFile() != null) {
      text.append("  rejected rows: ")
          .append(dataset.directory().resolve(provenance.rejectsFile()))
          .append(System.lineSeparator());
    }
    text.append("  time range: ").append(timeRange(description)).append(System.lineSeparator());
    text.append("  splits: ").append(counts(description.splits())).append(System.lineSeparator());
    if (provenance.behaviourEvents() > 0 || !provenance.behaviourFiles().isEmpty()) {
      text.append(
          String.format(
              "  behaviour log: %d events; rejects: %d%n",
              provenance.behaviourEvents(), provenance.behaviourRejects()));
    }
    for (ScenarioConfig scenario : dataset.config().scenarios()) {
      DatasetDescription.ScenarioDescription s = description.scenarios().get(scenario.id());
      text.append(
          String.format(
              "scenario %s: %d samples, %d users%n", scenario.id(), s.samples(), s.users()));
      text.append("  positives: ").append(counts(s.positives())).append(System.lineSeparator());
      text.append("  splits: ").append(counts(s.splits())).append(System.lineSeparator());
      StringBuilder levels = new StringBuilder();
      for (int level = 0; level < s.activityLevels().size(); level++) {
        levels
            .append(level == 0 ? "" : " ")
            .append(level)
            .append(':')
            .append(s.activityLevels().get(level));
      }
      text.append("  activity levels: ").append(levels).append(System.lineSeparator());
    }
    boolean allLevelZero =
        description.scenarios().values().stream()
            .allMatch(s -> s.activityLevels().get(0) == s.samples());
    if (allLevelZero && description.samples() > 0) {
      // Not an error, but it surprises: say why, so nobody hunts for a bug.
      text.append(
          String.format(
              "note: every sample has activity level 0: no user has an earlier event within"
                  + " data.activity.window_days before any of their samples (events at the same"
                  + " time are not earlier; docs/data.md)%n"));
    }
    return text.toString();
  }

  private static String timeRange(DatasetDescription description) {
    if (!description.hasTimestamps()) {
      return "no timestamps; rows "
          + description.firstTimestamp()
          + " to "
          + description.lastTimestamp();
    }
    return Instant.ofEpochSecond(description.firstTimestamp())
        + " to "
        + Instant.ofEpochSecond(description.lastTimestamp());
  }

  private static String counts(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
