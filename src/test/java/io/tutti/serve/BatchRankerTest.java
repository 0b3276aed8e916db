package io.tutti.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.FeatureEncoder;
import io.tutti.data.RawRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch ranker: top K per user, the same scores as the server, resume, Parquet, errors. */
class BatchRankerTest {
  static final String USERS =
      """
      user_id,age,genre,ts,seq_long,seq_short
      u1,30,rock,2000,i6|i7|i8,i6
      u2,40,pop,4500,i5,i5
      u3,,rock,5000,,
      u4,25,pop,5000,i1|i2,i1
      u5,61,jazz,5000,i9,i9
      """;

  static final String CANDIDATES =
      """
      user_id,item_id,tags,slot
      u1,i1,a|b,1
      u1,i2,b,2
      u1,i3,c,3
      u2,i1,,4
      u2,i4,a,1
      u2,i5,b,2
      u3,i2,a|b,1
      u4,i3,c,2
      u4,i7,a,5
      u4,i8,,1
      u5,i1,a,3
      u5,i2,b,3
      """;

  @TempDir Path dir;
  TuttiConfig config;
  FeatureEncoder encoder;
  Path users;
  Path candidates;

  @BeforeEach
  void setUp() throws Exception {
    config = ServeFixtures.world(dir);
    encoder = ServeFixtures.fittedEncoder(config, dir);
    users = dir.resolve("users.csv");
    candidates = dir.resolve("candidates.csv");
    Files.writeString(users, USERS);
    Files.writeString(candidates, CANDIDATES);
  }

  ModelBundle model(ServeFixtures.TestScorer scorer) {
    return new ModelBundle(config, encoder, scorer, "v1");
  }

  BatchRanker.Settings settings(int k) {
    return new BatchRanker.Settings("daily", k, 2, 2);
  }

  @Test
  void keepsTheTopKOfEveryUserWithTheServersScores() throws Exception {
    Path out = dir.resolve("daily.csv");
    ServeFixtures.TestScorer scorer = new ServeFixtures.TestScorer(config, 1f);

    BatchRanker.Result result =
        new BatchRanker(model(scorer), settings(2)).run(users, candidates, out);

    assertEquals(5, result.users());
    assertEquals(12, result.candidates());
    List<String> lines = Files.readAllLines(out);
    assertEquals("user_id,rank,item_id,score,p_play,p_like", lines.get(0));
    // u1 3 -> 2, u2 3 -> 2, u3 1 -> 1, u4 3 -> 2, u5 2 -> 2.
    assertEquals(1 + 9, lines.size());
    assertFalse(Files.exists(dir.resolve(".daily.csv.parts")), "parts are removed at the end");

    // The same user through the server's path: a rank request encoded and scored alike.
    String request =
        """
        {"user": {"user_id": "u1", "age": "30", "genre": "rock", "ts": "2000"},
         "sequences": {"long": ["i6", "i7", "i8"], "short": ["i6"]},
         "candidates": [{"item_id": "i1", "tags": "a|b", "slot": "1"},
           {"item_id": "i2", "tags": "b", "slot": "2"}, {"item_id": "i3", "tags": "c", "slot": "3"}]}
        """;
    ScenarioSchema schema = ScenarioSchema.of(config).get("daily");
    RankRequest parsed =
        RankRequest.parse(new ObjectMapper().readTree(request), schema, config, 10);
    Batch batch = parsed.encode(encoder);
    float[] predictions = new float[batch.size * 3];
    scorer.predict(batch, predictions);
    Ranking online = Ranking.of(predictions, 0, 3, 3, schema.taskIndices(), schema.weights());
    for (int r = 0; r < 2; r++) {
      String[] fields = lines.get(1 + r).split(",");
      int i = online.order()[r];
      assertEquals("u1", fields[0]);
      assertEquals(Integer.toString(r + 1), fields[1]);
      assertEquals("i" + (i + 1), fields[2]);
      assertEquals(online.scores()[i], Double.parseDouble(fields[3]));
      assertEquals(online.probabilities()[i * 2], Float.parseFloat(fields[4]));
    }
  }

  @Test
  void anInterruptedRunResumesWithoutLosingOrRepeatingAUser() throws Exception {
    Path expected = dir.resolve("expected.csv");
    new BatchRanker(model(new ServeFixtures.TestScorer(config, 1f)), settings(2))
        .run(users, candidates, expected);

    // Chunks of 2 users: the first chunk is committed, the second one's scoring fails.
    Path out = dir.resolve("daily.csv");
    ServeFixtures.TestScorer crashing = new ServeFixtures.TestScorer(config, 1f);
    crashing.failAfterCalls = 1;
    assertThrows(
        IllegalStateException.class,
        () -> new BatchRanker(model(crashing), settings(2)).run(users, candidates, out));
    assertFalse(Files.exists(out));
    Path progress = dir.resolve(".daily.csv.parts").resolve("progress.json");
    assertEquals(2, new ObjectMapper().readTree(progress.toFile()).get("users_done").asInt());

    BatchRanker.Result resumed =
        new BatchRanker(model(new ServeFixtures.TestScorer(config, 1f)), settings(2))
            .run(users, candidates, out);

    assertEquals(2, resumed.resumedUsers());
    assertEquals(3, resumed.users());
    assertEquals(Files.readAllLines(expected), Files.readAllLines(out));
  }

  @Test
  void aResumeWithOtherSettingsIsRefused() throws Exception {
    Path out = dir.resolve("daily.csv");
    ServeFixtures.TestScorer crashing = new ServeFixtures.TestScorer(config, 1f);
    crashing.failAfterCalls = 1;
    assertThrows(
        IllegalStateException.class,
        () -> new BatchRanker(model(crashing), settings(2)).run(users, candidates, out));

    TuttiException refused =
        assertThrows(
            TuttiException.class,
            () ->
                new BatchRanker(model(new ServeFixtures.TestScorer(config, 1f)), settings(3))
                    .run(users, candidates, out));
    assertTrue(refused.getMessage().contains("belongs to another run"), refused.getMessage());
    assertTrue(refused.getMessage().endsWith("remove it to start over."), refused.getMessage());
  }

  @Test
  void writesParquetWithTypedColumns() {
    Path out = dir.resolve("daily.parquet");
    new BatchRanker(model(new ServeFixtures.TestScorer(config, 1f)), settings(30))
        .run(users, candidates, out);

    List<Map<String, Object>> rows = new ArrayList<>();
    RawRows.read(out, "auto", "output", row -> rows.add(row.toMap()));
    assertEquals(12, rows.size());
    assertEquals("u1", rows.get(0).get("user_id"));
    assertEquals(1, ((Number) rows.get(0).get("rank")).intValue());
    assertTrue(rows.get(0).get("score") instanceof Double);
  }

  @Test
  void candidatesOutOfTheUsersOrderAreAnErrorNamingTheRow() throws Exception {
    Files.writeString(
        candidates, CANDIDATES.replace("u2,i1,,4", "u3,i1,,4").replace("u3,i2,a|b,1", "u2,i2,,1"));
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () ->
                new BatchRanker(model(new ServeFixtures.TestScorer(config, 1f)), settings(2))
                    .run(users, candidates, dir.resolve("daily.csv")));
    assertEquals(
        "Candidates file "
            + candidates.toAbsolutePath()
            + ", row 4: user 'u3' where the users file's next user is 'u2'; both files must list"
            + " the users in the same order, each user's candidates together, and every user must"
            + " have candidates.",
        error.getMessage());
  }

  @Test
  void aCandidateWithoutItsItemIdIsAnErrorNamingTheRow() throws Exception {
    Files.writeString(candidates, CANDIDATES.replace("u1,i2,b,2", "u1,,b,2"));
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () ->
                new BatchRanker(model(new ServeFixtures.TestScorer(config, 1f)), settings(2))
                    .run(users, candidates, dir.resolve("daily.csv")));
    assertEquals(
        "Candidates file "
            + candidates.toAbsolutePath()
            + ", row 2: column 'item_id' has no value; each candidate needs its item id.",
        error.getMessage());
  }

  @Test
  void aUserWithoutCandidatesAtTheEndIsAnError() throws Exception {
    Files.writeString(users, USERS + "u6,22,pop,5000,,\n");
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () ->
                new BatchRanker(model(new ServeFixtures.TestScorer(config, 1f)), settings(2))
                    .run(users, candidates, dir.resolve("daily.csv")));
    assertEquals(
        "User 'u6' of the users file has no candidate in "
            + candidates
            + "; every user needs candidates, in the users file's order.",
        error.getMessage());
  }

  @Test
  void aUsersFileRowWithoutAnIdIsAnError() throws Exception {
    Files.writeString(users, USERS.replace("u3,,rock,5000,,", ",,rock,5000,,"));
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () ->
                new BatchRanker(model(new ServeFixtures.TestScorer(config, 1f)), settings(2))
                    .run(users, candidates, dir.resolve("daily.csv")));
    assertEquals(
        "Users file "
            + users.toAbsolutePath()
            + ", row 3: column 'user_id' has no value; each user needs an id.",
        error.getMessage());
  }

  @Test
  void anOutputWithoutAKnownExtensionIsRefused() {
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () ->
                new BatchRanker(model(new ServeFixtures.TestScorer(config, 1f)), settings(2))
                    .run(users, candidates, dir.resolve("daily.txt")));
    assertEquals(
        "Output "
            + dir.resolve("daily.txt")
            + " has no known extension; accepted: .csv, .parquet or .pq.",
        error.getMessage());
  }

  @Test
  void anUnknownScenarioIsRefusedNamingTheKnownOnes() {
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () ->
                new BatchRanker(
                    model(new ServeFixtures.TestScorer(config, 1f)),
                    new BatchRanker.Settings("weekly", 30, 10, 1)));
    assertEquals(
        "Unknown scenario 'weekly'; the known scenarios are [daily, stream].", error.getMessage());
  }
}
