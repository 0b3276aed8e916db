package io.tutti.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the samples are and how their columns map to Tutti's notions.
 *
 * @param samples the default {@code --data}: one file, or a directory of data files (resolved
 *     against the config file's directory)
 * @param format {@code auto} (by file extension), {@code csv}, {@code tsv}, {@code jsonl} or {@code
 *     parquet}
 * @param userColumn the raw user id
 * @param itemColumn the raw item id
 * @param scenarioColumn which scenario a row belongs to
 * @param timestampColumn epoch seconds or ISO-8601 text; null when the data has no time, and the
 *     row order stands in for it
 * @param oracleColumns task id to the column of the true probability: read only by the evaluator,
 *     never a model input (empty on real logs)
 * @param behaviour the play log that sequences are cut from, or null
 * @param split how samples are split into train, validation and test
 * @param activity how a user's activity level is found
 */
public record DataConfig(
    Path samples,
    String format,
    String userColumn,
    String itemColumn,
    String scenarioColumn,
    String timestampColumn,
    Map<String, String> oracleColumns,
    Behaviour behaviour,
    Split split,
    Activity activity) {

  /** The accepted data formats: {@code auto} picks one by file extension. */
  public static final List<String> FORMATS = List.of("auto", "csv", "tsv", "jsonl", "parquet");

  /** The accepted ways to split samples, see {@link Split#by}. */
  public static final List<String> SPLITS = List.of("time", "row_order", "files");

  public DataConfig {
    oracleColumns = Map.copyOf(oracleColumns);
  }

  /**
   * The behaviour log: one row per event (a play), the source of the behaviour sequences.
   *
   * @param path a file or a directory, resolved against the config file's directory
   * @param format as {@link DataConfig#format}
   * @param userColumn the raw user id, matching the samples' user column
   * @param itemColumn the raw item id
   * @param timestampColumn the event's time, in the samples' time unit
   */
  public record Behaviour(
      Path path, String format, String userColumn, String itemColumn, String timestampColumn) {}

  /**
   * How samples are split.
   *
   * @param by {@code time}: cut on timestamps so that the last {@code testFraction} of samples is
   *     test and the {@code validationFraction} before it validation; {@code row_order}: the same
   *     on the row order; {@code files}: by file name globs
   * @param validationFraction in [0, 1)
   * @param testFraction in [0, 1); with validationFraction below 1
   * @param trainGlob with {@code files}: file names of training samples
   * @param validationGlob with {@code files}: file names of validation samples
   * @param testGlob with {@code files}: file names of test samples
   */
  public record Split(
      String by,
      double validationFraction,
      double testFraction,
      String trainGlob,
      String validationGlob,
      String testGlob) {}

  /**
   * How a user's activity level 0-10 is found (see docs/data.md).
   *
   * @param windowDays the look-back window before each sample, in days
   * @param column null to compute the level; else a column holding a ready level (clipped)
   */
  public record Activity(int windowDays, String column) {}
}
