package io.tutti.data;

import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import io.tutti.config.DataConfig;
import io.tutti.config.FeatureConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles raw sample files (and the behaviour log) into a compiled dataset directory, once.
 *
 * <p>Steps: read the behaviour log and sort it per user; read every sample row, encode it and
 * append it to the column files, with its sequence pointer and activity level; assign splits; fit
 * the numeric statistics on the training split; write the encoder, the description and, last, the
 * manifest. The whole directory is written under a temporary name and renamed into place at the
 * end, so an interrupted or failed compile leaves nothing that looks complete.
 *
 * <p>Known shortcoming: besides the sorted behaviour log, the compile keeps 18 bytes per sample in
 * memory (user key, time, scenario, activity, split) for the split and activity steps; streaming
 * the result needs none of it.
 */
final class DatasetCompiler {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetCompiler.class);

  private final TuttiConfig config;
  private final Path data;
  private final boolean skipBadRows;
  private final FeatureEncoder unfitted;
  private final List<FeatureConfig> features;
  private final int tasks;
  private final int sequenceCap;

  DatasetCompiler(TuttiConfig config, Path data, boolean skipBadRows) {
    this.config = config;
    this.data = data;
    this.skipBadRows = skipBadRows;
    this.unfitted = FeatureEncoder.unfitted(config);
    this.features = config.allFeatures();
    this.tasks = config.tasks().size();
    this.sequenceCap =
        config.sequences().stream().mapToInt(SequenceConfig::maxLength).max().orElse(0);
    DataConfig dataConfig = config.data();
    if (dataConfig.behaviour() != null && dataConfig.timestampColumn() == null) {
      throw new TuttiException(
          "data.behaviour needs data.timestamp_column: sequences and activity are cut at each"
              + " sample's time, and the samples have none.");
    }
    if (!config.sequences().isEmpty() && dataConfig.behaviour() == null) {
      throw new TuttiException(
          "sequences need data.behaviour: the log that sequences are cut from.");
    }
  }

  /** Compiles into {@code out}, atomically, and returns the manifest written. */
  Manifest compile(Path out) {
    Manifest[] written = new Manifest[1];
    AtomicFiles.writeDirectory(out, directory -> written[0] = compileInto(directory));
    return written[0];
  }

  private Manifest compileInto(Path directory) throws IOException {
    List<DataFiles.DataFile> files = DataFiles.list(data, config.data().format(), "samples");
    LOG.info("Compiling {} sample file(s) from {} into {}", files.size(), data, directory);
    try (RejectLog rejects = new RejectLog(directory.resolve(ColumnNames.REJECTS), skipBadRows)) {

      // The log first: every sample's sequence pointer and activity are found in it on the fly.
      BehaviourReader.Result behaviour = null;
      if (config.data().behaviour() != null) {
        behaviour = new BehaviourReader(config, unfitted).read(rejects);
        for (int q = 0; q < config.sequences().size(); q++) {
          behaviour.log().writeValues(q, directory.resolve(ColumnNames.events(q)));
        }
      }
      long behaviourRejects = rejects.count();

      SampleSink sink =
          new SampleSink(config, directory, behaviour == null ? null : behaviour.log());
      List<Provenance.SourceFile> sources = new ArrayList<>();
      List<long[]> fileRanges = new ArrayList<>();
      long rows = 0;
      try (sink) {
        for (DataFiles.DataFile file : files) {
          long first = sink.samples();
          long before = rejects.count();
          long fileRows = readSamples(file, sink, rejects);
          rows += fileRows;
          fileRanges.add(new long[] {first, sink.samples()});
          sources.add(
              new Provenance.SourceFile(
                  file.path().toString(),
                  file.format(),
                  file.size(),
                  file.modified(),
                  fileRows,
                  rejects.count() - before));
        }
      }
      int samples = sink.samples();
      if (samples == 0) {
        throw new TuttiException(
            "No sample was kept from "
                + data
                + " ("
                + rows
                + " rows read, "
                + rejects.count()
                + " rejected).");
      }

      // Splits need every sample's time, activity without a log every sample of the user.
      byte[] splits =
          SplitAssigner.assign(config.data().split(), sink.times(), samples, files, fileRanges);
      byte[] activity = sink.activity();
      if (behaviour == null && config.data().activity().column() == null) {
        long window =
            config.data().timestampColumn() == null
                ? Long.MAX_VALUE
                : config.data().activity().windowDays() * 86_400L;
        activity = ActivityLevels.fromSamples(sink.userKeys(), sink.times(), samples, window);
      }
      writeBytes(directory.resolve(ColumnNames.ACTIVITY), activity, samples);
      long[] splitSizes = writeSplits(directory, splits, samples);

      FeatureEncoder encoder = unfitted.withStatistics(fitStatistics(directory, splits, samples));
      encoder.save(directory.resolve(ColumnNames.ENCODER));

      DatasetDescription description =
          DescriptionBuilder.describe(
              config,
              sink,
              splits,
              activity,
              samples,
              rows,
              rejects.count() - behaviourRejects,
              config.data().timestampColumn() != null);
      Provenance provenance =
          new Provenance(
              Manifest.FORMAT_VERSION,
              Datasets.tuttiVersion(),
              Instant.now().toString(),
              encoder.configDigest(),
              config.name(),
              sources,
              behaviour == null ? List.of() : behaviour.sources(),
              rows,
              samples,
              rejects.count() - behaviourRejects,
              behaviour == null ? 0 : behaviour.log().events(),
              behaviourRejects,
              rejects.written() ? ColumnNames.REJECTS : null,
              config.data().timestampColumn() != null,
              description.firstTimestamp(),
              description.lastTimestamp(),
              splitMap(splitSizes));
      Manifest manifest =
          new Manifest(
              Manifest.FORMAT, Manifest.FORMAT_VERSION, provenance, description, sequenceCap);
      if (rejects.count() > 0) {
        LOG.info(
            "Set aside {} bad row(s) ({} samples, {} behaviour events), listed in {}",
            rejects.count(),
            provenance.rejects(),
            behaviourRejects,
            ColumnNames.REJECTS);
      }
      rejects.close();
      manifest.write(directory);
      LOG.info(
          "Compiled {} samples from {} rows: train {}, validation {}, test {}",
          samples,
          rows,
          splitSizes[0],
          splitSizes[1],
          splitSizes[2]);
      return manifest;
    }
  }

  private long readSamples(DataFiles.DataFile file, SampleSink sink, RejectLog rejects)
      throws IOException {
    SampleParser parser = new SampleParser(config, unfitted);
    try (RowReader reader = DataFiles.open(file)) {
      parser.bind(file, reader.columns());
      while (true) {
        try {
          if (!reader.next()) {
            break;
          }
          parser.parse(reader, sink.samples());
        } catch (BadValueException problem) {
          rejects.reject("sample", file, reader.row(), problem);
          continue;
        }
        sink.append(parser);
      }
      LOG.debug("Read {} rows from {}", reader.row(), file.relative());
      return reader.row();
    }
  }

  private Map<String, NumericStatistics> fitStatistics(Path directory, byte[] splits, int samples) {
    Map<String, NumericStatistics> fitted = new HashMap<>();
    for (int k = 0; k < features.size(); k++) {
      FeatureConfig feature = features.get(k);
      if (feature.type() != io.tutti.config.FeatureType.NUMERIC) {
        continue;
      }
      ColumnFile column =
          ColumnFile.map(directory.resolve(ColumnNames.feature(k, feature)), 4, samples);
      NumericStatistics.Accumulator accumulator = new NumericStatistics.Accumulator();
      for (int i = 0; i < samples; i++) {
        if (splits[i] == Split.TRAIN.ordinal()) {
          accumulator.add(column.getFloat(i));
        }
      }
      fitted.put(feature.name(), accumulator.result());
    }
    return fitted;
  }

  private static long[] writeSplits(Path directory, byte[] splits, int samples) throws IOException {
    long[] sizes = new long[Split.values().length];
    for (Split split : Split.values()) {
      try (ColumnWriter writer = new ColumnWriter(directory.resolve(ColumnNames.split(split)))) {
        for (int i = 0; i < samples; i++) {
          if (splits[i] == split.ordinal()) {
            writer.putLong(i);
            sizes[split.ordinal()]++;
          }
        }
      }
    }
    return sizes;
  }

  private static void writeBytes(Path file, byte[] values, int count) throws IOException {
    try (ColumnWriter writer = new ColumnWriter(file)) {
      for (int i = 0; i < count; i++) {
        writer.putByte(values[i]);
      }
    }
  }

  static Map<String, Long> splitMap(long[] sizes) {
    Map<String, Long> map = new java.util.LinkedHashMap<>();
    for (Split split : Split.values()) {
      map.put(split.id(), sizes[split.ordinal()]);
    }
    return map;
  }
}
