package io.tutti.serve;

import io.tutti.common.TuttiException;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.RawRows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The users file of a batch ranking, read on its own thread a little ahead of the candidates file,
 * so that the two are joined in one pass: the candidates of the next user must belong to the next
 * user of the users file.
 *
 * <p>A user's row holds the user-side columns of the scenario and each sequence in a column {@code
 * seq_ID}: a list (JSON Lines, Parquet) or ids separated by {@code |} (CSV), newest first.
 */
final class UserFeed implements AutoCloseable {
  /** The prefix of the users file's sequence columns: {@code seq_long}, {@code seq_short}. */
  static final String SEQUENCE_PREFIX = "seq_";

  /**
   * One user of the users file: the columns every candidate of theirs shares. A user with a {@code
   * failure} carries the users reader's error to the ranking thread instead.
   */
  record User(
      String id,
      Map<String, Object> columns,
      Map<String, List<Object>> sequences,
      String failure) {}

  private static final User END = new User(null, Map.of(), Map.of(), null);

  private final BlockingQueue<User> queue = new ArrayBlockingQueue<>(1024);
  private final Thread reader;

  UserFeed(Path users, TuttiConfig config, ScenarioSchema schema) {
    this.reader = startReader(users, config, schema, queue);
  }

  /**
   * The next user of the users file, who must be {@code userId}, the user of the candidates row
   * {@code row}.
   */
  User next(String userId, RawRows.Row row) {
    try {
      User user = queue.take();
      if (user.failure() != null) {
        throw new TuttiException(user.failure());
      }
      if (user == END || !user.id().equals(userId)) {
        String next = user == END ? "none (it has no more users)" : "'" + user.id() + "'";
        throw new TuttiException(
            "Candidates file "
                + row.file()
                + ", row "
                + row.row()
                + ": user '"
                + userId
                + "' where the users file's next user is "
                + next
                + "; both files must list the users in the same order, each user's candidates"
                + " together, and every user must have candidates.");
      }
      return user;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TuttiException("Batch ranking was interrupted.");
    }
  }

  /** Checks that the users file has no user left: every user must have had candidates. */
  void requireEnd(Path candidates) {
    try {
      User left = queue.take();
      if (left.failure() != null) {
        throw new TuttiException(left.failure());
      }
      if (left != END) {
        throw new TuttiException(
            "User '"
                + left.id()
                + "' of the users file has no candidate in "
                + candidates
                + "; every user needs candidates, in the users file's order.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TuttiException("Batch ranking was interrupted.");
    }
  }

  /** Reads the users file on its own thread into {@code queue}, ending with {@link #END}. */
  private static Thread startReader(
      Path users, TuttiConfig config, ScenarioSchema schema, BlockingQueue<User> queue) {
    String userColumn = config.data().userColumn();
    List<SequenceConfig> sequences = config.sequences();
    Thread thread =
        new Thread(
            () -> {
              try {
                RawRows.read(
                    users,
                    "auto",
                    "users",
                    row -> {
                      String id = row.text(userColumn);
                      if (id == null) {
                        throw missingValue("Users", row, userColumn, "each user needs an id");
                      }
                      Map<String, Object> columns = new HashMap<>();
                      for (String column : schema.userColumns()) {
                        Object value = row.value(column);
                        if (value != null) {
                          columns.put(column, value);
                        }
                      }
                      Map<String, List<Object>> events = new HashMap<>();
                      for (SequenceConfig sequence : sequences) {
                        events.put(
                            sequence.id(), splitIds(row.value(SEQUENCE_PREFIX + sequence.id())));
                      }
                      put(queue, new User(id, columns, events, null));
                    });
                put(queue, END);
              } catch (TuttiException e) {
                // Hand the failure to the ranking thread, which reports it; when that thread has
                // already stopped, nobody waits for it.
                queue.offer(new User(null, Map.of(), Map.of(), e.getMessage()));
              }
            },
            "tutti-rank-batch-users");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void put(BlockingQueue<User> queue, User user) {
    try {
      queue.put(user);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TuttiException("Batch ranking was interrupted.");
    }
  }

  /** A sequence cell: a list as it is, or text of ids separated by {@code |}. */
  private static List<Object> splitIds(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    String text = value.toString();
    if (text.isEmpty()) {
      return List.of();
    }
    return new ArrayList<>(List.of((Object[]) text.split("\\|", -1)));
  }

  /** The error of a row without a value its file must have: names the file, row and column. */
  static TuttiException missingValue(String file, RawRows.Row row, String column, String need) {
    return new TuttiException(
        file
            + " file "
            + row.file()
            + ", row "
            + row.row()
            + ": column '"
            + column
            + "' has no value; "
            + need
            + ".");
  }

  /** Stops the reader, which may be waiting for room in the queue. */
  @Override
  public void close() {
    reader.interrupt();
  }
}
