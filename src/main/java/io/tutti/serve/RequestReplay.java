package io.tutti.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import io.tutti.config.DataConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.RawRows;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns logged samples into the rank requests that correspond to them, one JSON request per line,
 * so that any log can be replayed against the server.
 *
 * <p>It reads the <em>raw</em> sample files (not the compiled dataset, whose values are already
 * hashed and normalised and cannot give back the raw values a request carries), through the same
 * readers as the compiler. One request is one user at one moment: the scenario's rows with the same
 * user and the same {@code data.timestamp_column} value (without a timestamp column, a run of
 * consecutive rows of one user; see {@link #RequestReplay(TuttiConfig, String, long)} for a window
 * of time), their impressions as the candidates in file order. A user-side column whose value is
 * the same on every row of the moment goes into {@code user}; one that differs stays on each
 * candidate. Sequences are cut from the raw behaviour log as the compiler cuts them: the user's
 * events strictly before the moment, the most recent first, at most {@code max_length}, ties in
 * time kept in file order. {@code request_id} names the file and row of the moment's first sample.
 *
 * <p>Known shortcoming: the scenario's samples and the behaviour log are held in memory while the
 * requests are built (moments need not be contiguous in a log), so the largest log it takes is
 * bounded by the heap.
 */
public final class RequestReplay {
  private static final Logger LOG = LoggerFactory.getLogger(RequestReplay.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TuttiConfig config;
  private final ScenarioSchema schema;
  private final long windowSeconds;

  /** One moment of one user: the rows of its candidates. */
  private record Moment(String user, long time, String firstRow, List<Map<String, Object>> rows) {}

  /** A user's behaviour events, newest first. */
  private record Events(long[] times, Object[][] values) {}

  public RequestReplay(TuttiConfig config, String scenarioId) {
    this(config, scenarioId, 0);
  }

  /**
   * A replay whose moments span up to {@code windowSeconds}: a user's row joins the user's current
   * moment when its time is at most that many seconds after the moment's first row, so that a list
   * logged one impression at a time (a daily list played song after song) becomes one request. The
   * request is made at the moment's first time: its sequences are cut there, as a server ranking
   * the whole list at that time would see them. 0 groups equal times only.
   */
  public RequestReplay(TuttiConfig config, String scenarioId, long windowSeconds) {
    this.config = config;
    config.scenario(scenarioId);
    this.schema = ScenarioSchema.of(config).get(scenarioId);
    if (windowSeconds < 0) {
      throw new TuttiException(
          "The moment window is out of range: seen " + windowSeconds + "; accepted: seconds >= 0.");
    }
    if (windowSeconds > 0 && config.data().timestampColumn() == null) {
      throw new TuttiException(
          "A moment window needs data.timestamp_column; the config has none, so moments are runs"
              + " of consecutive rows of one user.");
    }
    this.windowSeconds = windowSeconds;
  }

  /**
   * Writes the requests of the samples under {@code data} to {@code out}, atomically.
   *
   * @return the number of requests written
   */
  public long write(Path data, Path out) {
    List<Moment> moments = moments(data);
    Map<String, Events> behaviour = config.sequences().isEmpty() ? Map.of() : behaviour();
    long[] written = new long[1];
    AtomicFiles.writeFile(
        out,
        temporary -> {
          try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (Moment moment : moments) {
              writer.write(request(moment, behaviour.get(moment.user())));
              writer.newLine();
              written[0]++;
            }
          }
        });
    LOG.info("Wrote {} requests of scenario {} to {}", written[0], schema.scenario().id(), out);
    return written[0];
  }

  private List<Moment> moments(Path data) {
    DataConfig dataConfig = config.data();
    String scenarioValue = schema.scenario().sourceValue();
    String timeColumn = dataConfig.timestampColumn();
    Map<String, Moment> byKey = new LinkedHashMap<>();
    List<Moment> ordered = new ArrayList<>();
    Moment[] last = new Moment[1];
    RawRows.read(
        data,
        dataConfig.format(),
        "samples",
        row -> {
          if (!scenarioValue.equals(row.text(dataConfig.scenarioColumn()))) {
            return;
          }
          String user = row.text(dataConfig.userColumn());
          if (user == null) {
            throw new TuttiException(
                "Bad row in "
                    + row.file()
                    + ", row "
                    + row.row()
                    + ": column '"
                    + dataConfig.userColumn()
                    + "' has no value; a user id is required.");
          }
          Map<String, Object> columns = new LinkedHashMap<>();
          for (String column : schema.acceptedColumns()) {
            Object value = row.value(column);
            if (value != null) {
              columns.put(column, value);
            }
          }
          if (timeColumn != null) {
            // As epoch seconds: a Parquet date-time has no JSON form of its own.
            long time = row.epochSeconds(timeColumn);
            columns.put(timeColumn, time);
            String key = windowSeconds > 0 ? user : user + '\u0000' + time;
            Moment moment = byKey.get(key);
            if (moment == null
                || (windowSeconds > 0
                    && (time < moment.time() || time - moment.time() > windowSeconds))) {
              moment = new Moment(user, time, origin(data, row), new ArrayList<>());
              byKey.put(key, moment);
              ordered.add(moment);
            }
            moment.rows().add(columns);
          } else {
            if (last[0] == null || !last[0].user().equals(user)) {
              last[0] = new Moment(user, row.row(), origin(data, row), new ArrayList<>());
              ordered.add(last[0]);
            }
            last[0].rows().add(columns);
          }
        });
    if (ordered.isEmpty()) {
      throw new TuttiException(
          "No sample of scenario "
              + schema.scenario().id()
              + " (value '"
              + scenarioValue
              + "' in column '"
              + dataConfig.scenarioColumn()
              + "') in "
              + data
              + ".");
    }
    return ordered;
  }

  private static String origin(Path data, RawRows.Row row) {
    Path file = row.file();
    String name =
        Files.isDirectory(data)
            ? data.toAbsolutePath().relativize(file).toString()
            : file.getFileName().toString();
    return name + ":" + row.row();
  }

  private Map<String, Events> behaviour() {
    DataConfig.Behaviour log = config.data().behaviour();
    List<SequenceConfig> sequences = config.sequences();
    Map<String, List<Object[]>> byUser = new HashMap<>();
    RawRows.read(
        log.path(),
        log.format(),
        "behaviour log",
        row -> {
          String user = row.text(log.userColumn());
          if (user == null) {
            return;
          }
          Object[] event = new Object[sequences.size() + 1];
          event[0] = row.epochSeconds(log.timestampColumn());
          for (int q = 0; q < sequences.size(); q++) {
            event[q + 1] = row.value(sequences.get(q).column());
          }
          byUser.computeIfAbsent(user, k -> new ArrayList<>()).add(event);
        });
    Map<String, Events> events = new HashMap<>();
    byUser.forEach(
        (user, list) -> {
          // A stable sort, newest first: events at the same time keep their file order, as in
          // the compiled behaviour log.
          list.sort((a, b) -> Long.compare((Long) b[0], (Long) a[0]));
          long[] times = new long[list.size()];
          Object[][] values = new Object[sequences.size()][list.size()];
          for (int i = 0; i < list.size(); i++) {
            times[i] = (Long) list.get(i)[0];
            for (int q = 0; q < sequences.size(); q++) {
              values[q][i] = list.get(i)[q + 1];
            }
          }
          events.put(user, new Events(times, values));
        });
    return events;
  }

  private String request(Moment moment, Events events) throws IOException {
    List<Map<String, Object>> rows = moment.rows();
    Map<String, Object> user = new LinkedHashMap<>();
    for (String column : schema.userColumns()) {
      Object first = rows.get(0).get(column);
      boolean shared = first != null;
      for (int i = 1; i < rows.size() && shared; i++) {
        shared = Objects.equals(first, rows.get(i).get(column));
      }
      if (shared) {
        user.put(column, first);
      }
    }

    StringWriter text = new StringWriter(1024);
    try (JsonGenerator json = JSON.getFactory().createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("request_id", moment.firstRow());
      json.writeObjectFieldStart("user");
      for (Map.Entry<String, Object> entry : user.entrySet()) {
        json.writeFieldName(entry.getKey());
        json.writeObject(entry.getValue());
      }
      json.writeEndObject();
      if (!config.sequences().isEmpty()) {
        json.writeObjectFieldStart("sequences");
        for (int q = 0; q < config.sequences().size(); q++) {
          SequenceConfig sequence = config.sequences().get(q);
          json.writeArrayFieldStart(sequence.id());
          if (events != null && config.data().timestampColumn() != null) {
            int start = firstBefore(events.times(), moment.time());
            int end = Math.min(events.times().length, start + sequence.maxLength());
            for (int i = start; i < end; i++) {
              json.writeObject(events.values()[q][i]);
            }
          }
          json.writeEndArray();
        }
        json.writeEndObject();
      }
      json.writeArrayFieldStart("candidates");
      for (Map<String, Object> row : rows) {
        json.writeStartObject();
        for (Map.Entry<String, Object> entry : row.entrySet()) {
          if (!user.containsKey(entry.getKey())) {
            json.writeFieldName(entry.getKey());
            json.writeObject(entry.getValue());
          }
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return text.toString();
  }

  /** The first position (newest first) whose time is strictly before {@code time}. */
  private static int firstBefore(long[] times, long time) {
    int low = 0;
    int high = times.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (times[middle] >= time) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
