package io.tutti.data;

import java.util.List;
import java.util.Map;

/**
 * Where a compiled dataset came from: the raw files, what was read and kept, the time range and the
 * software. Saved in the dataset's {@code manifest.json}; a model carries it on.
 *
 * @param formatVersion the compiled dataset format version
 * @param tuttiVersion the Tutti release that compiled it
 * @param created when it was compiled, ISO-8601 UTC
 * @param configDigest SHA-256 of the config parts that decide the content (data, tasks, scenarios,
 *     features, sequences)
 * @param configName the config's {@code name}
 * @param files the sample files, in read order
 * @param behaviourFiles the behaviour log files, in read order (empty without a log)
 * @param rows sample rows read, rejected ones included
 * @param samples samples kept
 * @param rejects sample rows rejected under {@code --skip-bad-rows}
 * @param behaviourEvents behaviour events kept
 * @param behaviourRejects behaviour rows rejected under {@code --skip-bad-rows}
 * @param rejectsFile the file listing rejected rows, relative to the dataset, or null when none
 * @param hasTimestamps whether samples carry a time; if not, the row order stands in for it
 * @param firstTimestamp the earliest sample time (epoch seconds, or row number)
 * @param lastTimestamp the latest sample time
 * @param splits samples per split: train, validation, test
 */
public record Provenance(
    int formatVersion,
    String tuttiVersion,
    String created,
    String configDigest,
    String configName,
    List<SourceFile> files,
    List<SourceFile> behaviourFiles,
    long rows,
    long samples,
    long rejects,
    long behaviourEvents,
    long behaviourRejects,
    String rejectsFile,
    boolean hasTimestamps,
    long firstTimestamp,
    long lastTimestamp,
    Map<String, Long> splits) {

  public Provenance {
    files = List.copyOf(files);
    behaviourFiles = List.copyOf(behaviourFiles);
    splits = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(splits));
  }

  /**
   * One raw file read by the compile.
   *
   * @param path its absolute path when compiled
   * @param format csv, tsv, jsonl or parquet
   * @param size bytes
   * @param modified last modification, epoch milliseconds
   * @param rows data rows read
   * @param rejects rows rejected
   */
  public record SourceFile(
      String path, String format, long size, long modified, long rows, long rejects) {}
}
