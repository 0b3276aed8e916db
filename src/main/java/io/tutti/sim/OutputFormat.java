package io.tutti.sim;

import java.util.Arrays;
import java.util.Locale;

/**
 * The file format of a simulated world's samples and play log.
 *
 * <p>CSV is written directly and is the fastest to write; Parquet is written as CSV, then converted
 * shard by shard by DuckDB: slower to write, about a third of the size, and faster for {@code tutti
 * data compile} to read (figures in bench/README.md). CSV is the default: the demo writes once and
 * compiles once, and CSV can be read by eye.
 */
public enum OutputFormat {
  CSV("csv"),
  PARQUET("parquet");

  private final String id;

  OutputFormat(String id) {
    this.id = id;
  }

  /** The name in the config's {@code data.format} and the files' extension. */
  public String id() {
    return id;
  }

  /** The format named {@code name} (any case), or an error listing the accepted names. */
  public static OutputFormat of(String name) {
    for (OutputFormat format : values()) {
      if (format.id.equals(name.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new io.tutti.common.TuttiException(
        "Unknown output format '"
            + name
            + "'; accepted: "
            + Arrays.stream(values()).map(OutputFormat::id).toList()
            + ".");
  }
}
