package io.tutti.data;

import io.tutti.common.TuttiException;
import io.tutti.config.DataConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the behaviour log files into a {@link BehaviourLog}: per event the user, the time and each
 * sequence's value encoded with the table of the sequence's feature.
 */
final class BehaviourReader {
  private static final Logger LOG = LoggerFactory.getLogger(BehaviourReader.class);

  /**
   * The read log and the files it came from.
   *
   * @param log the sorted log
   * @param sources its files, in read order
   */
  record Result(BehaviourLog log, List<Provenance.SourceFile> sources) {}

  private final TuttiConfig config;
  private final FeatureEncoder encoder;

  BehaviourReader(TuttiConfig config, FeatureEncoder encoder) {
    this.config = config;
    this.encoder = encoder;
  }

  Result read(RejectLog rejects) throws IOException {
    DataConfig.Behaviour behaviour = config.data().behaviour();
    List<DataFiles.DataFile> files =
        DataFiles.list(behaviour.path(), behaviour.format(), "behaviour log");
    List<SequenceConfig> sequences = config.sequences();
    PrimitiveLists.Longs users = new PrimitiveLists.Longs();
    PrimitiveLists.Longs times = new PrimitiveLists.Longs();
    PrimitiveLists.Ints[] values = new PrimitiveLists.Ints[sequences.size()];
    for (int q = 0; q < values.length; q++) {
      values[q] = new PrimitiveLists.Ints();
    }
    int[] encoded = new int[sequences.size()];
    List<Provenance.SourceFile> sources = new ArrayList<>();

    for (DataFiles.DataFile file : files) {
      long before = rejects.count();
      try (RowReader reader = DataFiles.open(file)) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < reader.columns().size(); c++) {
          index.putIfAbsent(reader.columns().get(c), c);
        }
        int userColumn = require(file, reader, index, behaviour.userColumn(), "user_column");
        int timeColumn =
            require(file, reader, index, behaviour.timestampColumn(), "timestamp_column");
        int[] sequenceColumns = new int[sequences.size()];
        for (int q = 0; q < sequences.size(); q++) {
          sequenceColumns[q] =
              require(
                  file, reader, index, sequences.get(q).column(), "sequences[" + q + "].column");
        }
        while (true) {
          long user;
          long time;
          try {
            if (!reader.next()) {
              break;
            }
            String userText = RawValues.text(reader.value(userColumn));
            if (userText == null) {
              throw new BadValueException(behaviour.userColumn(), null, "is required");
            }
            user = FeatureEncoder.key(userText);
            time = RawValues.epochSeconds(behaviour.timestampColumn(), reader.value(timeColumn));
            for (int q = 0; q < sequences.size(); q++) {
              encoded[q] =
                  encoder.sequenceValue(sequences.get(q), reader.value(sequenceColumns[q]));
            }
          } catch (BadValueException problem) {
            rejects.reject("behaviour", file, reader.row(), problem);
            continue;
          }
          users.add(user);
          times.add(time);
          for (int q = 0; q < sequences.size(); q++) {
            values[q].add(encoded[q]);
          }
        }
        sources.add(
            new Provenance.SourceFile(
                file.path().toString(),
                file.format(),
                file.size(),
                file.modified(),
                reader.row(),
                rejects.count() - before));
      }
    }
    LOG.info("Read {} behaviour events from {} file(s)", users.size(), files.size());
    return new Result(BehaviourLog.build(users, times, values), sources);
  }

  private static int require(
      DataFiles.DataFile file,
      RowReader reader,
      Map<String, Integer> index,
      String column,
      String key) {
    Integer found = index.get(column);
    if (found == null) {
      throw new TuttiException(
          "Behaviour log file "
              + file.path()
              + " has no column '"
              + column
              + "' (data.behaviour."
              + key
              + "); its columns are "
              + reader.columns()
              + ".");
    }
    return found;
  }
}
