package io.tutti.cli;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that reads samples shares: {@code --config}, {@code --data} and {@code
 * --skip-bad-rows}. Use it as a picocli {@code @Mixin}.
 */
public final class DataOptions {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The tutti.yaml that maps the data's columns.")
  Path config;

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description = {
        "Raw samples (one file, or a directory of data files) or a compiled dataset directory.",
        "Default: data.samples of the config."
      })
  Path data;

  @Option(
      names = "--skip-bad-rows",
      description = {
        "Set bad rows aside instead of failing: they are counted, reported and listed in the",
        "compiled dataset's rejects.jsonl."
      })
  boolean skipBadRows;

  /** The config file given. */
  public Path configFile() {
    return config;
  }

  /** The data path given, or null for {@code data.samples}. */
  public Path dataPath() {
    return data;
  }

  /** Whether bad rows are set aside. */
  public boolean skipBadRows() {
    return skipBadRows;
  }

  /** Loads and validates the config. */
  public TuttiConfig loadConfig() {
    return ConfigLoader.load(config);
  }

  /** Loads the config and opens the data, compiling raw files into the cache when needed. */
  public Dataset openDataset() {
    return Datasets.prepare(loadConfig(), data, skipBadRows);
  }
}
