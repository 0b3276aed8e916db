package io.tutti.config;

import static io.tutti.config.ConfigFixtures.DATA;
import static io.tutti.config.ConfigFixtures.PLAY_DAILY;
import static io.tutti.config.ConfigFixtures.assertReported;
import static io.tutti.config.ConfigFixtures.errors;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks across the file: unique ids, tasks per scenario, features and sequences. */
class ConfigChecksTest {
  /** A data section with a behaviour log, so that sequences are allowed. */
  private static final String DATA_WITH_LOG =
      """
      format_version: 1
      data:
        user_column: user_id
        item_column: item_id
        scenario_column: scenario
        timestamp_column: ts
        behaviour: {path: plays.csv}
      """;

  private static final String ITEM_FEATURES =
      """
      features:
        item:
          - {name: item_id, type: categorical, buckets: 1000}
          - {name: price, type: numeric}
      """;

  @TempDir Path dir;

  @Test
  void duplicateTaskIdNamesTheFirstDeclaration() {
    String message =
        errors(
            dir, DATA + "tasks: [{id: play}, {id: play}]\nscenarios: [{id: d, tasks: [play]}]\n");
    String line = assertReported(message, "tasks[1].id", "'play'", "an id unique among the tasks");
    assertTrue(line.contains("first declared at tasks[0]"), line);
  }

  @Test
  void duplicateScenarioIdIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}]
                scenarios: [{id: d, tasks: [play]}, {id: d, tasks: [play]}]
                """);
    assertReported(message, "scenarios[1].id", "'d'", "an id unique among the scenarios");
  }

  @Test
  void twoScenariosReadingTheSameRowsAreRefused() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}]
                scenarios:
                  - {id: daily, source_value: '1', tasks: [play]}
                  - {id: stream, source_value: '1', tasks: [play]}
                """);
    assertReported(message, "scenarios[1].source_value", "'1'", "unique among the scenarios");
  }

  @Test
  void taskThatNoScenarioHasIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}, {id: share}]
                scenarios: [{id: daily, tasks: [play]}, {id: stream, tasks: [play]}]
                """);
    String line = assertReported(message, "tasks[1].id", "'share'", "[daily, stream]");
    assertTrue(line.contains("no scenario has this task"), line);
  }

  @Test
  void duplicatePublicFeatureNameIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + PLAY_DAILY
                + """
                features:
                  user: [{name: age, type: numeric}]
                  context: [{name: age, type: numeric}]
                """);
    String line =
        assertReported(
            message,
            "features.context[0].name",
            "'age'",
            "a name unique among the public and private features");
    assertTrue(line.contains("duplicate feature name, first declared at features.user[0]"), line);
  }

  @Test
  void privateFeatureClaimedByTwoScenariosIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}]
                scenarios:
                  - {id: daily, tasks: [play], private_features: [{name: slot, type: numeric}]}
                  - {id: stream, tasks: [play], private_features: [{name: slot, type: numeric}]}
                """);
    String line =
        assertReported(message, "scenarios[1].private_features[0].name", "'slot'", "unique");
    assertTrue(
        line.contains("claimed by two scenarios, also at scenarios[0].private_features[0]"), line);
  }

  @Test
  void privateFeatureAlsoDeclaredPublicIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}]
                scenarios:
                  - {id: daily, tasks: [play], private_features: [{name: age, type: numeric}]}
                features:
                  user: [{name: age, type: numeric}]
                """);
    String line =
        assertReported(message, "scenarios[0].private_features[0].name", "'age'", "unique");
    assertTrue(line.contains("also declared public at features.user[0]"), line);
  }

  @Test
  void shareEmbeddingNamingAnUnknownFeatureListsTheTables() {
    String message =
        errors(
            dir,
            DATA
                + PLAY_DAILY
                + ITEM_FEATURES
                + "  context: [{name: seed, type: categorical, share_embedding: item}]\n");
    String line =
        assertReported(message, "features.context[0].share_embedding", "'item'", "[item_id]");
    assertTrue(line.contains("unknown feature"), line);
  }

  @Test
  void shareEmbeddingNamingANumericFeatureIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + PLAY_DAILY
                + ITEM_FEATURES
                + "  context: [{name: seed, type: categorical, share_embedding: price}]\n");
    String line =
        assertReported(message, "features.context[0].share_embedding", "'price'", "[item_id]");
    assertTrue(line.contains("numeric feature"), line);
  }

  @Test
  void shareEmbeddingOfASharingFeatureIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + PLAY_DAILY
                + ITEM_FEATURES
                + "  context:\n"
                + "    - {name: seed, type: categorical, share_embedding: item_id}\n"
                + "    - {name: next, type: categorical, share_embedding: seed}\n");
    String line =
        assertReported(message, "features.context[1].share_embedding", "'seed'", "[item_id]");
    assertTrue(line.contains("itself shares one"), line);
  }

  @Test
  void shareEmbeddingOfAnotherScenariosPrivateTableIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}]
                scenarios:
                  - id: daily
                    tasks: [play]
                    private_features: [{name: slot, type: categorical, buckets: 4}]
                  - id: stream
                    tasks: [play]
                    private_features: [{name: pos, type: categorical, share_embedding: slot}]
                """);
    String line =
        assertReported(message, "scenarios[1].private_features[0].share_embedding", "'slot'", "[]");
    assertTrue(line.contains("private to scenarios[0]"), line);
  }

  @Test
  void publicFeatureMayNotSharePrivateTable() {
    String message =
        errors(
            dir,
            DATA
                + """
                tasks: [{id: play}]
                scenarios:
                  - id: daily
                    tasks: [play]
                    private_features: [{name: slot, type: categorical, buckets: 4}]
                features:
                  context: [{name: pos, type: categorical, share_embedding: slot}]
                """);
    assertReported(message, "features.context[0].share_embedding", "'slot'", "[]");
  }

  @Test
  void sequenceWithoutBehaviourLogIsRefused() {
    String message =
        errors(
            dir,
            DATA
                + PLAY_DAILY
                + ITEM_FEATURES
                + "sequences: [{id: long, feature: item_id, max_length: 50}]\n");
    assertReported(message, "sequences", "1 sequence", "a data.behaviour section, or no sequences");
  }

  @Test
  void sequenceNamingAnUnknownFeatureListsThePublicEmbeddedFeatures() {
    String message =
        errors(
            dir,
            DATA_WITH_LOG
                + PLAY_DAILY
                + ITEM_FEATURES
                + "sequences: [{id: long, feature: song, max_length: 50}]\n");
    String line = assertReported(message, "sequences[0].feature", "'song'", "[item_id]");
    assertTrue(line.contains("unknown feature"), line);
  }

  @Test
  void sequenceNamingANumericFeatureIsRefused() {
    String message =
        errors(
            dir,
            DATA_WITH_LOG
                + PLAY_DAILY
                + ITEM_FEATURES
                + "sequences: [{id: long, feature: price, max_length: 50}]\n");
    String line = assertReported(message, "sequences[0].feature", "'price'", "[item_id]");
    assertTrue(line.contains("no embedding table"), line);
  }

  @Test
  void sequenceNamingAPrivateFeatureIsRefused() {
    String message =
        errors(
            dir,
            DATA_WITH_LOG
                + """
                tasks: [{id: play}]
                scenarios:
                  - id: daily
                    tasks: [play]
                    private_features: [{name: slot, type: categorical, buckets: 4}]
                sequences: [{id: short, feature: slot, max_length: 5}]
                """);
    String line = assertReported(message, "sequences[0].feature", "'slot'", "[]");
    assertTrue(line.contains("private feature"), line);
  }

  @Test
  void unknownSequenceIdListsTheRoles() {
    String message =
        errors(
            dir,
            DATA_WITH_LOG
                + PLAY_DAILY
                + ITEM_FEATURES
                + "sequences: [{id: recent, feature: item_id, max_length: 5}]\n");
    assertReported(message, "sequences[0].id", "'recent'", "long, mid, short");
  }

  @Test
  void duplicateSequenceIdIsRefused() {
    String message =
        errors(
            dir,
            DATA_WITH_LOG
                + PLAY_DAILY
                + ITEM_FEATURES
                + "sequences:\n"
                + "  - {id: short, feature: item_id, max_length: 5}\n"
                + "  - {id: short, feature: item_id, max_length: 9}\n");
    assertReported(message, "sequences[1].id", "'short'", "each of long, mid, short at most once");
  }

  @Test
  void sequenceMaxLengthOverTenThousandIsRefused() {
    String message =
        errors(
            dir,
            DATA_WITH_LOG
                + PLAY_DAILY
                + ITEM_FEATURES
                + "sequences: [{id: long, feature: item_id, max_length: 10001}]\n");
    assertReported(message, "sequences[0].max_length", "10001", "an integer in [1, 10000]");
  }

  @Test
  void nonPositiveSequenceMaxLengthIsRefused() {
    String message =
        errors(
            dir,
            DATA_WITH_LOG
                + PLAY_DAILY
                + ITEM_FEATURES
                + "sequences: [{id: long, feature: item_id, max_length: 0}]\n");
    assertReported(message, "sequences[0].max_length", "0", "an integer in [1, 10000]");
  }
}
